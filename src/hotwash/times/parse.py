"""Parse the times responders type: ISO 8601, "14:05 CEST", "10 minutes ago".

Everything comes back as an aware UTC datetime. A local time without an offset
is read in the given zone (the workspace's display zone by default); if that
reading is ambiguous or impossible because of a DST change, the error shows
every reading so the user can pick one by giving an offset.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from hotwash.errors import AmbiguousTimeError, TimeParseError
from hotwash.times.durations import parse_duration
from hotwash.times.zones import resolve_zone, zone_name

__all__ = ["parse_time", "resolve_zone"]

_AGO = re.compile(r"^(an?|\d+(?:\.\d+)?)\s*([a-z]+)\s+ago$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_DAY_WORDS = {"today": 0, "yesterday": -1}
# A clock time without a date that lands this far in the future means yesterday:
# responders note what already happened, and "23:55" typed at 00:10 is last night.
_FUTURE_GRACE = timedelta(minutes=5)


def parse_time(text: str, *, zone: tzinfo, now: datetime) -> datetime:
    """Parse ``text`` into an aware UTC datetime; naive readings use ``zone``."""
    cleaned = " ".join(text.strip().split())
    if not cleaned:
        raise TimeParseError("empty time")
    lowered = cleaned.lower()
    if lowered == "now":
        return now.astimezone(UTC)
    relative = _parse_relative(lowered, now)
    if relative is not None:
        return relative
    if re.fullmatch(r"@\d{9,12}(\.\d+)?", cleaned):
        return datetime.fromtimestamp(float(cleaned[1:]), UTC)
    iso = _parse_iso(cleaned, zone)
    if iso is not None:
        return iso
    return _parse_words(cleaned, zone, now)


def _parse_relative(lowered: str, now: datetime) -> datetime | None:
    match = _AGO.match(lowered)
    if not match:
        return None
    amount, unit = match.groups()
    count = "1" if amount in {"a", "an"} else amount
    try:
        delta = parse_duration(f"{count}{unit}")
    except Exception:
        raise TimeParseError(f"cannot parse time {lowered!r}: unknown unit {unit!r}") from None
    return (now - delta).astimezone(UTC)


def _parse_iso(text: str, zone: tzinfo) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    candidate = re.sub(r"(?i)z$", "+00:00", candidate)
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    return localize(parsed, zone)


def _parse_words(text: str, zone: tzinfo, now: datetime) -> datetime:
    """Forms such as ``14:05``, ``14:05 CEST``, ``yesterday 23:50 Europe/Berlin``."""
    tokens = text.split(" ")
    day_offset: int | None = None
    explicit_date: date | None = None
    if tokens[0].lower() in _DAY_WORDS:
        day_offset = _DAY_WORDS[tokens.pop(0).lower()]
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", tokens[0]):
        explicit_date = _iso_date(tokens.pop(0), text)
    if not tokens:
        raise TimeParseError(f"cannot parse time {text!r}: no clock time given")
    clock_text, *zone_tokens = tokens
    clock_text, inline_offset = _split_inline_offset(clock_text)
    clock = _parse_clock(clock_text, text)
    if inline_offset and zone_tokens:
        raise TimeParseError(f"cannot parse time {text!r}: two zones given")
    reading_zone = (
        resolve_zone(inline_offset or " ".join(zone_tokens))
        if (inline_offset or zone_tokens)
        else zone
    )
    local_now = now.astimezone(reading_zone)
    day = explicit_date or (local_now.date() + timedelta(days=day_offset or 0))
    result = localize(datetime.combine(day, clock), reading_zone)
    if explicit_date is None and day_offset is None and result > now + _FUTURE_GRACE:
        result = localize(datetime.combine(day - timedelta(days=1), clock), reading_zone)
    return result


def _split_inline_offset(clock_text: str) -> tuple[str, str | None]:
    match = re.fullmatch(r"(\d{1,2}:\d{2}(?::\d{2})?)([zZ]|[+-]\d{2}:?\d{2})", clock_text)
    if not match:
        return clock_text, None
    offset = match.group(2)
    return match.group(1), "UTC" if offset.upper() == "Z" else offset


def _parse_clock(clock_text: str, whole: str) -> time:
    match = _CLOCK.match(clock_text)
    if not match:
        raise TimeParseError(
            f"cannot parse time {whole!r}: use ISO 8601 (2026-03-14T14:05:00Z), "
            "a clock time with a zone (14:05 CEST) or a relative time (10 minutes ago)"
        )
    hour, minute, second = (int(part) if part else 0 for part in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        raise TimeParseError(f"cannot parse time {whole!r}: {clock_text} is not a clock time")
    return time(hour, minute, second)


def _iso_date(token: str, whole: str) -> date:
    try:
        return date.fromisoformat(token)
    except ValueError:
        raise TimeParseError(f"cannot parse time {whole!r}: {token} is not a date") from None


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """Read a naive local time in ``zone``; refuse DST folds and gaps, showing both readings."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    readings = " or ".join(
        f"{r.astimezone(UTC):%Y-%m-%d %H:%M} UTC (reading it as {_offset(r)})"
        for r in sorted((first, second), key=lambda r: r.astimezone(UTC))
    )
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    problem = "does not exist" if round_trip != naive else "is ambiguous"
    raise AmbiguousTimeError(
        f"local time {naive:%Y-%m-%d %H:%M} {problem} in {zone_name(zone)} because of a "
        f"daylight-saving change: it could be {readings}; give an explicit offset"
    )


def _offset(value: datetime) -> str:
    offset = value.utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
