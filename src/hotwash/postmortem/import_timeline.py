"""Timeline rows from any timeline section: tables, bullet lists, prose lines, code blocks.

A row needs a time at its start (or in its time column). Its date comes from the row,
a date heading, an "All times UTC, on 2026-03-14" line, or the postmortem's date; a
clock that goes backwards without a date moves to the next day. Its zone comes from
the row, the column header, the heading or an "All times UTC" line. When date, clock
and zone are known the row also gets its UTC instant. Rows without a time are
reported, with their line, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hotwash.errors import HotwashError
from hotwash.postmortem.document import Section
from hotwash.postmortem.import_model import ImportedRow, Unparsed
from hotwash.postmortem.import_text import cells, one_line
from hotwash.postmortem.parse_blocks import CodeBlock, ListBlock, Paragraph, Table
from hotwash.postmortem.parse_inline import mask_markup
from hotwash.postmortem.parse_table_columns import column_index
from hotwash.postmortem.parse_time_text import TimeText, leading_time, parse_day
from hotwash.times import resolve_zone

_COLUMNS = {
    "time": r"time|when|timestamp|clock|^utc$|^at$|hh ?mm",
    "date": r"^date$|^day$",
    "event": r"event|what|description|happened|details|activity|update|note|summary",
    "source": r"source|signal|evidence|system|tool|via",
    "actor": r"actor|who|^by$|person|people|responder|role",
}
_MARK = re.compile(r"^\*\*\[([a-z ]+)\]\*\*\s*")
_SEPARATOR = re.compile(r"^\s*(?:[-–—:|>→]+\s*)?")
_UTC_NOTE = re.compile(r"\btimes?\b[^.]*\b(UTC|GMT)\b", re.IGNORECASE)
_ON_DATE = re.compile(r"\bon (\d{4}-\d{2}-\d{2})\b")
_UTC_WORD = re.compile(r"\b(?:UTC|GMT)\b")
_ZONE_IN = re.compile(r"\((UTC|GMT|[A-Z]{2,5}|[A-Za-z]+/[A-Za-z_]+)\)")


@dataclass
class TimelineReading:
    rows: list[ImportedRow] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    date: str | None = None  # the date an "All times UTC, on ..." line gives
    notes: list[str] = field(default_factory=list)


@dataclass
class _State:
    day: date | None
    zone: str | None
    last: datetime | None = None


def read_timeline(section: Section, document_day: date | None) -> TimelineReading:
    reading = TimelineReading()
    state = _State(document_day, _zone_of(section.heading.text))
    for part in section.walk():
        if part is not section and _is_delays(part):
            continue
        heading_day = leading_time(part.heading.text + " 00:00")
        if part is not section and heading_day and heading_day.date_text:
            state.day, state.last = parse_day(heading_day.date_text) or state.day, None
        for block in part.blocks:
            _read_block(block, state, reading, section.title)
    return reading


def _is_delays(section: Section) -> bool:
    return bool(re.search(r"delay|stats|metrics|key times", section.heading.text, re.I))


def _read_block(block: object, state: _State, reading: TimelineReading, name: str) -> None:
    if isinstance(block, Table):
        _read_table(block, state, reading, name)
    elif isinstance(block, ListBlock):
        for item in (i for i in block.items if i.depth == 0):
            _read_line(item.line, one_line(item.text), state, reading, name, note=True)
    elif isinstance(block, Paragraph):
        _read_paragraph(block, state, reading, name)
    elif isinstance(block, CodeBlock):
        for offset, text in enumerate(block.body.text.split("\n")):
            if text.strip():
                _read_line(block.body.line + offset, text.strip(), state, reading, name, note=True)


def _read_paragraph(block: Paragraph, state: _State, reading: TimelineReading, name: str) -> None:
    lines = block.text.split("\n")
    if not any(leading_time(mask_markup(text)) for text in lines):
        text = one_line(block.text)
        if _UTC_NOTE.search(text):
            state.zone = state.zone or "UTC"
            on = _ON_DATE.search(text)
            if on:
                reading.date, state.day = on.group(1), date.fromisoformat(on.group(1))
        reading.notes.append(text)
        return
    for offset, text in enumerate(lines):
        _read_line(block.line + offset, text.strip(), state, reading, name, note=False)


def _read_line(
    line: int, text: str, state: _State, reading: TimelineReading, name: str, *, note: bool
) -> None:
    found = leading_time(mask_markup(text))
    if found is None or found.clock is None:
        if not note and reading.rows:  # a wrapped line of the row above
            last = reading.rows[-1]
            reading.rows[-1] = _replace_event(last, f"{last.event} {text}")
            return
        reason = "placeholder time" if found is not None else "no time at the start"
        reading.unparsed.append(Unparsed(line, name, text, reason))
        return
    rest = text[found.end :]
    rest = rest[_SEPARATOR.match(rest).end() :]  # type: ignore[union-attr]
    event, source, actor = _trailing_source(rest)
    reading.rows.append(_row(line, found, event, source, actor, state))


def _read_table(table: Table, state: _State, reading: TimelineReading, name: str) -> None:
    header = cells(table.header)
    columns = {key: column_index(header, pattern) for key, pattern in _COLUMNS.items()}
    time_at = columns["time"] if columns["time"] is not None else 0
    event_at = columns["event"] if columns["event"] not in {None, time_at} else int(time_at == 0)
    state.zone = next((z for text in header if (z := _zone_of(text))), None) or state.zone
    for row in table.rows:
        values = cells(row)
        line = row[0].line if row else table.line
        get = {k: _at(values, i) for k, i in columns.items()}
        time_text = " ".join(t for t in (get["date"], _at(values, time_at)) if t)
        found = leading_time(mask_markup(time_text))
        if found is None or found.clock is None:
            reason = "placeholder time" if found is not None else "no time in the time column"
            if any(values):
                reading.unparsed.append(Unparsed(line, name, " | ".join(values), reason))
            continue
        event = _at(values, event_at) or ""
        reading.rows.append(_row(line, found, event, get["source"], get["actor"], state))


def _at(values: list[str], index: int | None) -> str | None:
    return values[index] if index is not None and index < len(values) else None


def _row(
    line: int,
    found: TimeText,
    event: str,
    source: str | None,
    actor: str | None,
    state: _State,
) -> ImportedRow:
    marks, event = _marks(event)
    clock = found.clock or time()
    day = _day(found, clock, state)
    zone = found.zone or state.zone
    return ImportedRow(
        line=line,
        time=found.text,
        event=event,
        source=_none_if_dash(source),
        actor=_none_if_dash(actor),
        date=day.isoformat() if day else None,
        zone=zone,
        utc=_utc(day, clock, zone),
        milestones=marks,
    )


def _day(found: TimeText, clock: time, state: _State) -> date | None:
    """The row's own date, else the running date (moved on when the clock went backwards)."""
    day = parse_day(found.date_text) if found.date_text else None
    if day is None and state.day is not None:
        day = state.day
        if state.last is not None and datetime.combine(day, clock) < state.last - timedelta(
            hours=1
        ):
            day = day + timedelta(days=1)  # the timeline crossed midnight without saying so
            state.day = day
    if day is not None:
        state.last = datetime.combine(day, clock)
    return day


def _marks(event: str) -> tuple[tuple[str, ...], str]:
    found = []
    while match := _MARK.match(event):
        found.append(match.group(1))
        event = event[match.end() :]
    return tuple(found), event


def _trailing_source(text: str) -> tuple[str, str | None, str | None]:
    """``event (source; actor)``: the last balanced parenthetical names source and actor."""
    stripped = text.rstrip()
    if not stripped.endswith(")"):
        return stripped, None, None
    depth = 0
    for index in range(len(stripped) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(stripped[index], 0)
        if depth == 0:
            inner = stripped[index + 1 : -1]
            source, _, actor = inner.rpartition("; ") if "; " in inner else (inner, "", "")
            return stripped[:index].rstrip(), source or None, actor or None
    return stripped, None, None


def _replace_event(row: ImportedRow, event: str) -> ImportedRow:
    return ImportedRow(**{**row.__dict__, "event": event})


def _none_if_dash(value: str | None) -> str | None:
    cleaned = value.strip() if value is not None else None
    return cleaned if cleaned and cleaned != "-" else None


def _zone_of(text: str) -> str | None:
    """The zone a heading or column header declares: "(UTC)", "All times UTC", "(PST)"."""
    if _UTC_WORD.search(text):
        return "UTC"
    match = _ZONE_IN.search(text)
    return match.group(1) if match else None


def _utc(day: date | None, clock: time, zone: str | None) -> str | None:
    if day is None or zone is None:
        return None
    try:
        tz = resolve_zone("UTC" if zone.upper() == "Z" else zone)
    except HotwashError:
        return None
    moment = datetime.combine(day, clock, tzinfo=tz)
    return moment.astimezone(resolve_zone("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")
