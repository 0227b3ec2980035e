"""Time zones in a timeline: which one it declares, and the safe fixes to UTC.

A declaration is a zone in the timeline's heading ("Timeline (UTC)"), in a table's
time column header ("Time (UTC)"), in a note in the timeline section ("All times
UTC") or in a ``Timezone:`` header field. Converting a row to UTC is safe only when
its zone has one fixed offset (CEST, PDT, +02:00) or is a named zone with a known
date, and the result does not move to another day the row does not name.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Edit
from hotwash.lint.zone_offsets import ABBREVIATIONS, utc_offset
from hotwash.postmortem import Family, Heading, Span, Table, TimelineRow

__all__ = ["declared_zone", "is_utc", "timeline_heading", "to_utc_edit", "utc_declaration_edit"]

_AMBIGUOUS = "IST|CST"
_ZONE = re.compile(
    r"(?<![\w/])(?P<z>(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|Z(?![\w:])"
    rf"|(?:{'|'.join(ABBREVIATIONS)}|{_AMBIGUOUS})(?!\w)|[Ll]ocal\s+time|Etc/UTC"
    r"|(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_]+)"
)
_UTC = re.compile(r"^(?:UTC|GMT|Z|ETC/UTC)?\s*(?:[+\-±]\s*0{1,2}(?::?00)?)?$", re.IGNORECASE)
_NOTE = re.compile(r"\btimes?\b|\bzone\b|\bclock\b", re.IGNORECASE)


def is_utc(zone: str) -> bool:
    return bool(zone.strip()) and bool(_UTC.match(zone.strip()))


def timeline_heading(context: LintContext) -> Heading | None:
    section = context.document.section(Family.TIMELINE)
    return section.heading if section is not None else None


def declared_zone(context: LintContext) -> tuple[str, Span, int] | None:
    """The zone the timeline declares, with the span and offset where it says so."""
    for span in _declaring_spans(context):
        match = _ZONE.search(span.text)
        if match:
            return match.group("z"), span, match.start("z")
    return None


def _declaring_spans(context: LintContext) -> list[Span]:
    spans: list[Span] = []
    for section in context.document.sections_of(Family.TIMELINE):
        spans.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Table):
                spans += block.header
            elif isinstance(block, Span) and _NOTE.search(block.text):
                spans.append(block)
    field = context.document.field("timezone", "time zone", "zone", "times")
    return [*spans, field.value] if field else spans


def utc_declaration_edit(heading: Heading) -> Edit:
    """Append " (UTC)" to the timeline heading."""
    line, column = heading.position(len(heading.text))
    return Edit(line, column, column, " (UTC)")


def to_utc_edit(row: TimelineRow) -> Edit | None:
    """Rewrite ``row``'s time in UTC when that is unambiguous, else ``None``."""
    if row.zone is None or row.clock is None or row.time.text != row.time.plain:
        return None
    offset = utc_offset(row.zone, row.day, row.clock)
    if offset is None:
        return None
    local = datetime.combine(row.day or datetime(2000, 1, 1).date(), row.clock)
    utc = (local - offset).replace(tzinfo=UTC)
    moved_day = utc.date() != local.date()
    if moved_day and row.day is None:
        return None
    clock = utc.strftime("%H:%M:%S" if row.clock.second else "%H:%M")
    text = f"{utc:%Y-%m-%d} {clock} UTC" if row.day is not None else f"{clock} UTC"
    line, column = row.time.position(0)
    return Edit(line, column, column + len(row.time.text), text)
