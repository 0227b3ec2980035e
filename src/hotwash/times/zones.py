"""Time zones: IANA names, common abbreviations, and UTC normalisation."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hotwash.errors import TimeParseError

# Abbreviations are not zones: they name one fixed offset each. Only the
# unambiguous, widely used ones are accepted ("IST" is India, Ireland and Israel).
ABBREVIATIONS: dict[str, timedelta] = {
    name: timedelta(minutes=minutes)
    for name, minutes in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "WET": 0,
        "WEST": 60,
        "BST": 60,
        "CET": 60,
        "CEST": 120,
        "EET": 120,
        "EEST": 180,
        "MSK": 180,
        "EST": -300,
        "EDT": -240,
        "CST": -360,
        "CDT": -300,
        "MST": -420,
        "MDT": -360,
        "PST": -480,
        "PDT": -420,
        "AKST": -540,
        "AKDT": -480,
        "HST": -600,
        "JST": 540,
        "KST": 540,
        "SGT": 480,
        "HKT": 480,
        "AWST": 480,
        "ACST": 570,
        "ACDT": 630,
        "AEST": 600,
        "AEDT": 660,
        "NZST": 720,
        "NZDT": 780,
    }.items()
}

_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$", re.IGNORECASE)

__all__ = ["ABBREVIATIONS", "UTC", "resolve_zone", "to_utc", "zone_name"]


def resolve_zone(name: str) -> tzinfo:
    """Turn ``Europe/Berlin``, ``CEST``, ``UTC`` or ``+02:00`` into a tzinfo."""
    text = name.strip()
    upper = text.upper()
    if upper in ABBREVIATIONS:
        offset = ABBREVIATIONS[upper]
        return UTC if not offset else timezone(offset, upper)
    match = _OFFSET.match(text)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeParseError(f"unknown time zone {name!r}") from None


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or zone.tzname(None) or str(zone)


def to_utc(value: datetime) -> datetime:
    """Convert an aware datetime to UTC; refuse naive ones, which have no meaning."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} has no time zone")
    return value.astimezone(UTC)
