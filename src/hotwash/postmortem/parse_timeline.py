"""Timeline rows from the timeline section, however they are written.

Tables (columns found by their header: time, event, source, actor, or separate date
and time columns), bullet lists (``- 14:05 UTC — alert fires``), code blocks and
prose lines that start with a time (continuation lines join the event before them).
A row's date comes from the row, or else from a date heading above it inside the
timeline (``### 2026-03-14``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from hotwash.postmortem.document import Document
from hotwash.postmortem.parse_blocks import CodeBlock, ListBlock, Paragraph, Table
from hotwash.postmortem.parse_families import Family
from hotwash.postmortem.parse_inline import Span, mask_markup
from hotwash.postmortem.parse_sections import Section
from hotwash.postmortem.parse_table_columns import column_index
from hotwash.postmortem.parse_time_text import TimeText, leading_time, parse_day

__all__ = ["TimelineRow", "timeline_rows"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineRow:
    """One timeline entry. ``time`` is the text as written; ``clock`` is None for placeholders."""

    time: Span
    event: Span
    source: Span | None = None
    actor: Span | None = None
    date_text: str | None = None
    day: dt.date | None = None
    clock: dt.time | None = None
    zone: str | None = None
    placeholder: bool = False

    @property
    def line(self) -> int:
        return self.time.line


_SEPARATOR = re.compile(r"^\s*(?:[-–—:|>→]+|\.(?=\s))?\s*")
_COLUMNS = {
    "time": r"time|when|timestamp|clock|utc|^at$|hh ?mm",
    "date": r"^date$|^day$",
    "event": r"event|what|description|happened|details|activity|update|note|summary|action",
    "source": r"source|signal|evidence|system|tool|via|link",
    "actor": r"actor|who|^by$|person|people|responder|owner|role",
}


def timeline_rows(document: Document) -> list[TimelineRow]:
    """Rows of every timeline section (and its subsections), in document order."""
    rows: list[TimelineRow] = []
    read: set[int] = set()
    for section in document.sections_of(Family.TIMELINE):
        # A timeline inside a timeline was read with its parent.
        if id(section) in read:
            continue
        for part, day_text in _dated_parts(section):
            read.add(id(part))
            rows += [_with_day(row, day_text) for row in _section_rows(part)]
    return rows


def _dated_parts(section: Section) -> Iterator[tuple[Section, str | None]]:
    for part in section.walk():
        found = leading_time(part.heading.text + " 00:00")
        yield part, found.date_text if found and found.date_text else None


def _with_day(row: TimelineRow, day_text: str | None) -> TimelineRow:
    if row.date_text or not day_text:
        return row
    return replace(row, date_text=day_text, day=parse_day(day_text))


def _section_rows(section: Section) -> Iterator[TimelineRow]:
    for block in section.blocks:
        if isinstance(block, Table):
            yield from _table_rows(block)
        elif isinstance(block, ListBlock):
            yield from _span_rows([item for item in block.items if item.depth == 0])
        elif isinstance(block, Paragraph):
            yield from _span_rows(_lines_of(block))
        elif isinstance(block, CodeBlock):
            yield from _span_rows(_lines_of(block.body))


def _lines_of(span: Span) -> list[Span]:
    spans, offset = [], 0
    for text in span.text.split("\n"):
        number, column = span.position(offset)
        spans.append(Span(text=text, line=number, columns=(column,)))
        offset += len(text) + 1
    return spans


def _span_rows(spans: list[Span]) -> Iterator[TimelineRow]:
    """A span starting with a time opens a row; others continue the previous row's event."""
    pending: tuple[Span, TimeText] | None = None
    continuation: list[str] = []
    for span in spans:
        found = leading_time(mask_markup(span.text))
        if found is None:
            continuation += [span.text.strip()] if pending else []
            continue
        if pending:
            yield _text_row(*pending, continuation)
        pending, continuation = (span, found), []
    if pending:
        yield _text_row(*pending, continuation)


def _text_row(span: Span, found: TimeText, continuation: list[str]) -> TimelineRow:
    end = found.end
    # The time was found in masked text; markup that opens the event ("**[detected]**") stays.
    while end > 0 and span.text[end - 1] in "*_[(":
        end -= 1
    skip = _SEPARATOR.match(span.text[end:])
    start = end + (skip.end() if skip else 0)
    line, column = span.position(start)
    event_text = "\n".join([span.text[start:].rstrip(), *continuation]).strip()
    time_line, time_column = span.position(len(span.text) - len(span.text.lstrip(" *_[(")))
    return _row(
        Span(text=found.text, line=time_line, columns=(time_column,)),
        Span(text=event_text, line=line, columns=(column,) * (1 + len(continuation))),
        found,
    )


def _row(
    time_span: Span,
    event: Span,
    found: TimeText | None,
    source: Span | None = None,
    actor: Span | None = None,
) -> TimelineRow:
    return TimelineRow(
        time=time_span,
        event=event,
        source=source,
        actor=actor,
        date_text=found.date_text if found else None,
        day=parse_day(found.date_text) if found else None,
        clock=found.clock if found else None,
        zone=found.zone if found else None,
        placeholder=found.placeholder if found else False,
    )


def _table_rows(table: Table) -> Iterator[TimelineRow]:
    header = [cell.plain for cell in table.header]
    columns = {name: column_index(header, pattern) for name, pattern in _COLUMNS.items()}
    time_at = columns["time"] if columns["time"] is not None else 0
    event_at = columns["event"]
    if event_at is None or event_at == time_at:
        event_at = 1 if time_at == 0 else 0
    for cells in table.rows:
        row = _table_row(cells, time_at, event_at, columns)
        if row is not None:
            yield row


def _table_row(
    cells: tuple[Span, ...], time_at: int, event_at: int, columns: dict[str, int | None]
) -> TimelineRow | None:
    if time_at >= len(cells):
        return None
    time_cell = cells[time_at]
    date_at = columns["date"]
    text = time_cell.plain
    if date_at is not None and date_at < len(cells) and date_at != time_at:
        text = f"{cells[date_at].plain} {text}"
    found = leading_time(text)
    if found is None and not text:
        return None
    return _row(
        time_cell,
        _cell(cells, event_at) or Span(text="", line=time_cell.line),
        found,
        source=_cell(cells, columns["source"]),
        actor=_cell(cells, columns["actor"]),
    )


def _cell(cells: tuple[Span, ...], index: int | None) -> Span | None:
    return cells[index] if index is not None and index < len(cells) else None
