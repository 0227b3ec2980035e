"""The prose of a postmortem: every paragraph, list item, heading, wordy table cell and
timeline event, with its markup and code blanked out (offsets kept) for rules to search.

Short table cells (an owner, a time, a ticket) are data, not prose; code blocks and
comments are never prose, so ``kill -9`` in a code block is nobody's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hotwash.postmortem import (
    Block,
    Document,
    ListBlock,
    Paragraph,
    Section,
    Span,
    Table,
    TimelineRow,
    mask_markup,
)

__all__ = ["Prose", "collect_prose", "sentences"]


@dataclass(frozen=True, slots=True)
class Prose:
    section: Section | None
    span: Span
    masked: str
    kind: str  # paragraph | item | cell | heading | event


_MIN_CELL_WORDS = 3


def collect_prose(document: Document, rows: list[TimelineRow]) -> list[Prose]:
    """Prose in document order; a timeline event already read as a table cell is not repeated."""
    found = [*_blocks(None, document.preamble)]
    for section in document.walk():
        found.append(_prose(section, section.heading, "heading"))
        found += _blocks(section, section.blocks)
    seen = {(p.span.line, p.span.column) for p in found}
    by_line = {p.span.line: p.section for p in found}
    for row in rows:
        if (row.event.line, row.event.column) not in seen and row.event.text:
            found.append(_prose(by_line.get(row.event.line), row.event, "event"))
    return found


def _prose(section: Section | None, span: Span, kind: str) -> Prose:
    return Prose(section, span, mask_markup(span.text), kind)


def _blocks(section: Section | None, blocks: Iterable[Block]) -> Iterator[Prose]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield _prose(section, block, "paragraph")
        elif isinstance(block, ListBlock):
            yield from (_prose(section, item, "item") for item in block.items)
        elif isinstance(block, Table):
            for row in block.rows:
                yield from (
                    _prose(section, cell, "cell")
                    for cell in row
                    if len(cell.text.split()) >= _MIN_CELL_WORDS
                )


# A sentence ends at . ! or ? followed by space and a capital/digit, or at a line break
# that follows such a mark; abbreviations such as "e.g." and "v2.3" do not end one.
_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\b[A-Z])[.!?]+(?=\s+[A-Z0-9\"'(*]|\s*$)"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in bounds]
