"""Evidence times: ISO 8601 strings, epoch numbers and epoch strings, to aware UTC.

An explicit offset is always honoured. A naive time is read in the zone the read
context gives for the file, and the result says so, so the source can record the
assumption in its stats. Nothing here raises on bad input: a time that cannot be
read comes back as a reason.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from hotwash.errors import AmbiguousTimeError
from hotwash.times.parse import localize

# Plausible evidence lies between these; anything else is a unit mix-up or garbage.
EARLIEST = datetime(1971, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)

_EPOCH_TEXT = re.compile(r"^(\d{9,16})(?:\.(\d{1,9}))?$")
_DATE_SPACE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d)")
# Go's zero time.Time: "no time" in Alertmanager and Kubernetes JSON.
_ZERO_YEAR = 1


@dataclass(frozen=True)
class ParsedTime:
    """A time read from evidence: ``at`` (aware UTC) or ``problem``; ``assumed`` if naive."""

    at: datetime | None
    problem: str | None = None
    assumed: bool = False


MISSING = ParsedTime(None, "missing time")


def parse_instant(value: object, zone: tzinfo) -> ParsedTime:
    """Read one time value from a JSON field or a table cell."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return ParsedTime(None, "time is not a string or number")
    if isinstance(value, int | float):
        return _from_epoch_number(value)
    if not isinstance(value, str):
        return ParsedTime(None, "time is not a string or number")
    cleaned = value.strip()
    if not cleaned:
        return MISSING
    epoch = _EPOCH_TEXT.match(cleaned)
    if epoch:
        return _from_epoch_text(epoch.group(1), epoch.group(2) or "")
    return _from_iso(cleaned, zone)


def from_epoch_seconds(seconds: float) -> datetime:
    """An aware UTC datetime for epoch seconds already known to be in range."""
    return datetime.fromtimestamp(seconds, UTC)


def as_utc(value: object) -> datetime | None:
    """An aware datetime from a table cell, as ``datetime.UTC``; anything else is ``None``."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return None


def units_per_second(magnitude: float) -> int:
    """What an epoch number counts, judged by its size: seconds, milliseconds or microseconds."""
    if magnitude >= 1e14:
        return 1_000_000
    if magnitude >= 1e11:
        return 1_000
    return 1


def _from_epoch_number(number: int | float) -> ParsedTime:
    if not math.isfinite(number) or number <= 0:
        return ParsedTime(None, "time out of range")
    per_second = units_per_second(number)
    if isinstance(number, int):  # exact: no float rounding for integer ms or µs
        whole, rest = divmod(number, per_second)
        return _checked(_epoch(whole, rest * (1_000_000 // per_second)))
    seconds = number / per_second
    whole = math.floor(seconds)
    return _checked(_epoch(whole, round((seconds - whole) * 1_000_000)))


def _from_epoch_text(whole_text: str, fraction: str) -> ParsedTime:
    """Exact, without float rounding: Slack ``ts`` values are also message ids."""
    whole = int(whole_text)
    if units_per_second(whole) != 1:
        return _from_epoch_number(whole if not fraction else float(f"{whole_text}.{fraction}"))
    return _checked(_epoch(whole, int(fraction[:6].ljust(6, "0"))))


def _epoch(seconds: int, micros: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, UTC) + timedelta(microseconds=micros)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str, zone: tzinfo) -> ParsedTime:
    candidate = _DATE_SPACE_TIME.sub(r"\1T\2", text)
    if candidate[-1:] in "zZ":
        candidate = candidate[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return ParsedTime(None, "unreadable time")
    if parsed.year == _ZERO_YEAR:
        return ParsedTime(None, "zero time")
    if parsed.tzinfo is not None:
        return _checked(_to_utc(parsed))
    try:
        return _checked(localize(parsed, zone), assumed=True)
    except AmbiguousTimeError:
        return ParsedTime(None, "local time ambiguous or skipped by a DST change")
    except OverflowError:
        return ParsedTime(None, "time out of range")


def _to_utc(parsed: datetime) -> datetime | None:
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        return None


def _checked(at: datetime | None, *, assumed: bool = False) -> ParsedTime:
    if at is None or not EARLIEST <= at < LATEST:
        return ParsedTime(None, "time out of range")
    return ParsedTime(at, assumed=assumed)
