"""Read each section of a postmortem into the importer's structure, by section family.

Sections are visited from the top: a section of a known family is read by its
reader, which owns its subsections where they belong to it (the categories under
"Contributing factors", the whys under "Analysis"); otherwise its subsections are
visited in turn, so "Retrospective > What went well" is found as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from hotwash.postmortem.document import Document, Section
from hotwash.postmortem.import_actions import read_actions
from hotwash.postmortem.import_model import (
    ImportedFactor,
    ImportedPostmortem,
    ImportedWhy,
)
from hotwash.postmortem.import_text import (
    cells,
    heading_key,
    items,
    labelled,
    labelled_items,
    pieces,
    tables,
)
from hotwash.postmortem.import_timeline import read_timeline
from hotwash.postmortem.parse_blocks import ListBlock, Paragraph
from hotwash.postmortem.parse_families import Family

_CATEGORIES = (
    ("immediate", r"immediate|trigger|proximate|primary|direct"),
    ("contributing", r"contributing|secondary"),
    ("systemic", r"systemic|underlying|organi[sz]ational|tertiary|process"),
)
_WHY_HEADING = re.compile(r"^why\s*#?\s*\d+\s*[:.)-]\s*(?P<question>.*)$", re.IGNORECASE)
_WHY_ITEM = re.compile(r"^(?P<question>why\b[^?]*\?)\s*(?:→|->|—|:)?\s*(?P<answer>.*)$", re.I)
_IMAGE = re.compile(r"^!\[(?P<title>[^\]]*)\]\((?P<png>[^)\s]+)\)$")
_CAPTION = re.compile(r"^(?P<caption>.*?)\s*\[SVG\]\((?P<svg>[^)\s]+)\)$")
_ARTIFACTS = re.compile(r"^\**required artifacts:?\**:?$", re.IGNORECASE)

Reader = Callable[[Section, ImportedPostmortem, Document, "date | None"], None]


def read_sections(document: Document, into: ImportedPostmortem, day: date | None) -> None:
    for section in document.sections:
        _visit(section, into, document, day)


def _visit(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    into.sections.append(
        {
            "title": section.title,
            "family": section.family and section.family.value,
            "line": section.line,
        }
    )
    reader = _READERS.get(section.family) if section.family else None
    if reader is not None:
        reader(section, into, document, day)
    if section.family not in _OWN_CHILDREN:
        for child in section.children:
            _visit(child, into, document, day)


def _summary(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    blocks = list(section.blocks)
    split = next(
        (
            i
            for i, b in enumerate(blocks)
            if isinstance(b, Paragraph) and _ARTIFACTS.match(b.text.strip())
        ),
        None,
    )
    if split is not None:
        pairs, _ = labelled_items(blocks[split + 1 :])
        into.appendix.artifacts += pairs
        blocks = blocks[:split]
    for piece in pieces(blocks):
        (into.summary if piece.is_item else into.summary_text).append(piece.text)


def _impact(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    pairs, others = labelled_items(section.blocks)
    into.impact += pairs
    into.impact_text += others


def _timeline(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    reading = read_timeline(section, day)
    into.timeline += reading.rows
    into.unparsed += reading.unparsed
    into.timeline_date = into.timeline_date or reading.date
    into.timeline_notes += [u.text for u in reading.unparsed if u.reason == "no time at the start"]
    for child in section.walk():
        if child is not section and re.search(r"delay|stats|key times", child.title, re.I):
            into.delays += labelled_items(child.blocks)[0]


def _lister(attribute: str) -> Reader:
    def read(
        section: Section, into: ImportedPostmortem, document: Document, day: date | None
    ) -> None:
        getattr(into, attribute).extend(items(section.blocks))

    return read


def _factors(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    for part in section.walk():
        category = _category(part.title) if part is not section else None
        if part is not section and part.family is Family.ANALYSIS:
            continue
        for piece in pieces(part.blocks):
            into.contributing_factors.append(ImportedFactor(piece.line, piece.text, category))


def _category(title: str) -> str | None:
    lowered = title.lower()
    return next((name for name, pattern in _CATEGORIES if re.search(pattern, lowered)), None)


def _analysis(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    for part in section.walk():
        heading = _WHY_HEADING.match(part.title) if part is not section else None
        if heading is not None:
            answers = {p.label.lower(): p.value for p in labelled_items(part.blocks)[0]}
            into.analysis.append(
                ImportedWhy(
                    part.line,
                    heading.group("question"),
                    answers.get("answer", ""),
                    answers.get("evidence"),
                )
            )
            continue
        for piece in pieces(part.blocks):
            match = _WHY_ITEM.match(piece.text)
            if match:
                into.analysis.append(
                    ImportedWhy(piece.line, match.group("question"), match.group("answer"))
                )


def _actions(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    found, unparsed = read_actions(section, document)
    into.action_items += found
    into.unparsed += unparsed


def _appendix(
    section: Section, into: ImportedPostmortem, document: Document, day: date | None
) -> None:
    for part in section.walk():
        key = heading_key(part) if part is not section else ""
        handler = _APPENDIX.get(key)
        if handler is not None:
            handler(part, into)
        elif part is not section and part.family is Family.APPENDIX:
            into.appendix.related += items(part.blocks)


def _charts(section: Section, into: ImportedPostmortem) -> None:
    pending: dict[str, str] | None = None
    for block in section.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            image, caption = _IMAGE.match(text), _CAPTION.match(text)
            if image:
                pending = {
                    "title": image.group("title"),
                    "png": image.group("png"),
                    "caption": "",
                    "svg": "",
                }
                into.appendix.charts.append(pending)
            elif caption and pending is not None:
                pending.update(caption=caption.group("caption"), svg=caption.group("svg"))
        elif isinstance(block, ListBlock):
            into.appendix.chart_notes += items([block])


def _evidence(section: Section, into: ImportedPostmortem) -> None:
    for table in tables(section.blocks):
        into.appendix.evidence_files += [cells(row) for row in table.rows]
    into.appendix.notes += items(b for b in section.blocks if isinstance(b, ListBlock))


def _milestone_table(section: Section, into: ImportedPostmortem) -> None:
    for table in tables(section.blocks):
        into.appendix.milestones += [cells(row) for row in table.rows]


def _pairs_into(attribute: str) -> Callable[[Section, ImportedPostmortem], None]:
    def read(section: Section, into: ImportedPostmortem) -> None:
        getattr(into.appendix, attribute).extend(
            pair for piece in pieces(section.blocks) if (pair := labelled(piece.text))
        )

    return read


def _related(section: Section, into: ImportedPostmortem) -> None:
    into.appendix.related += items(section.blocks)


_APPENDIX: dict[str, Callable[[Section, ImportedPostmortem], None]] = {
    "charts": _charts,
    "required artifacts": _pairs_into("artifacts"),
    "milestones": _milestone_table,
    "evidence read": _evidence,
    "runbooks": _pairs_into("runbooks"),
    "related incidents": _related,
}
_READERS: dict[Family, Reader] = {
    Family.SUMMARY: _summary,
    Family.IMPACT: _impact,
    Family.TIMELINE: _timeline,
    Family.DETECTION: _lister("detection"),
    Family.RESPONSE: _lister("response"),
    Family.TRIGGER: _lister("trigger"),
    Family.CAUSES: _factors,
    Family.ANALYSIS: _analysis,
    Family.WENT_WELL: _lister("went_well"),
    Family.WENT_POORLY: _lister("went_poorly"),
    Family.LUCKY: _lister("lucky"),
    Family.ACTIONS: _actions,
    Family.LESSONS: _lister("lessons"),
    Family.APPENDIX: _appendix,
}
_OWN_CHILDREN = {Family.TIMELINE, Family.CAUSES, Family.ANALYSIS, Family.ACTIONS, Family.APPENDIX}
