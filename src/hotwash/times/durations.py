"""Durations such as ``15m``, ``2h``, ``1h30m``, ``daily`` or ``48 hours``."""

from __future__ import annotations

import re
from datetime import timedelta

from hotwash.errors import ValidationError

_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}
_WORDS = {"hourly": 3600, "daily": 86400, "weekly": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")


def parse_duration(text: str) -> timedelta:
    """Parse a human duration; raise :class:`ValidationError` naming the bad text."""
    cleaned = text.strip().lower().removeprefix("every ").removeprefix("< ").strip()
    if cleaned in _WORDS:
        return timedelta(seconds=_WORDS[cleaned])
    parts = _PART.findall(cleaned)
    if not parts or _PART.sub("", cleaned).strip(" ,and"):
        raise ValidationError(f"invalid duration {text!r}: use e.g. 15m, 2h, 1h30m or 1d")
    seconds = 0.0
    for amount, unit in parts:
        if unit not in _UNITS:
            raise ValidationError(f"invalid duration {text!r}: unknown unit {unit!r}")
        seconds += float(amount) * _UNITS[unit]
    return timedelta(seconds=seconds)


def format_duration(delta: timedelta) -> str:
    """``1h 05m``, ``12m``, ``45s``, ``2d 3h``; negative durations get a minus sign."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours}h" if hours else f"{sign}{days}d"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m"
    return f"{sign}{seconds}s"
