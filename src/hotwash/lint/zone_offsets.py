"""UTC offsets of the zones authors write next to times, where the offset is certain.

Abbreviations with one meaning (CEST is +02:00) and numeric offsets always have one;
named zones (Europe/Berlin) have one only on a known date; IST and CST mean several
zones and have none.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["ABBREVIATIONS", "utc_offset"]

ABBREVIATIONS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1,
    "BST": 1, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "ACST": 9.5, "AWST": 8, "NZST": 12, "NZDT": 13, "SGT": 8, "HKT": 8, "MSK": 3, "BRT": -3,
}  # fmt: skip
_NUMERIC = re.compile(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?")


def utc_offset(zone: str, day: date | None, clock: time | None) -> timedelta | None:
    """The offset of ``zone`` (as written) at that local date and time, if it is certain."""
    upper = zone.upper().replace(" ", "")
    if upper in ABBREVIATIONS:
        return timedelta(hours=ABBREVIATIONS[upper])
    numeric = _NUMERIC.fullmatch(upper)
    if numeric:
        sign = 1 if numeric.group(1) == "+" else -1
        return sign * timedelta(hours=int(numeric.group(2)), minutes=int(numeric.group(3) or 0))
    if "/" in zone and day is not None and clock is not None:
        try:
            return datetime.combine(day, clock, ZoneInfo(zone)).utcoffset()
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None
