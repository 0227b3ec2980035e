"""Times as postmortem authors write them: ``14:05``, ``2026-03-14 14:05 UTC``, ``HH:mm``.

:func:`leading_time` finds a time (with an optional date before it and an optional
zone after it) at the start of a piece of text and says where it ends, so a list
item such as ``- 14:05 UTC — alert fires`` splits into a time and an event. A
placeholder (``HH:mm``, ``??:??``, ``TBD``, ``XX:XX``) is a time with no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

__all__ = ["TimeText", "leading_time", "parse_day"]

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_DATE = (
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
    rf"|(?:{_WEEKDAY})?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:{_WEEKDAY})?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|day\s+\d+|d\+\d+"
)
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[ap]\.?m\.?\b)?|\d{1,2}\s*[ap]\.?m\.?\b"
_PLACEHOLDER = r"h{1,2}:m{2}(?::s{2})?|\?{1,2}:\?{2}|\?\?|tbd|xx:xx(?::xx)?|--:--|__:__"
# Abbreviations only in capitals: "14:05 west region" is not Western European Summer Time.
_ABBREVIATIONS = (
    "UTC|GMT|Z|CET|CEST|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|"
    "AKDT|HST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|SGT|HKT|MSK|BRT"
)
_AREAS = "africa|america|antarctica|asia|atlantic|australia|europe|indian|pacific|etc"
_ZONE = (
    rf"(?:utc|gmt)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}\b"
    rf"|(?-i:{_ABBREVIATIONS})\b|utc\b|(?:{_AREAS})/[a-z_]+(?:/[a-z_]+)?"
)
_LEADING = re.compile(
    rf"^[\s*_\[(]*(?:(?P<date>{_DATE})(?:\s*[T,@]\s*|\s+(?:at\s+)?))?"
    rf"(?P<clock>{_CLOCK}|{_PLACEHOLDER})(?P<glued>z\b)?"
    rf"(?:[\s*_(]*(?P<zone>{_ZONE}))?[\s*_)\]]*",
    re.IGNORECASE,
)
_IS_PLACEHOLDER = re.compile(rf"^(?:{_PLACEHOLDER})$", re.IGNORECASE)
_DAY_FORMATS = ("%b %d %Y", "%d %b %Y", "%B %d %Y", "%d %B %Y")


@dataclass(frozen=True, slots=True)
class TimeText:
    """A time as written: the whole match, and its parts."""

    text: str
    end: int
    date_text: str | None
    clock: time | None
    zone: str | None
    placeholder: bool


def leading_time(text: str) -> TimeText | None:
    """The time at the start of ``text`` (markup allowed around it), or ``None``."""
    match = _LEADING.match(text)
    if not match:
        return None
    clock_text = match.group("clock")
    placeholder = bool(_IS_PLACEHOLDER.match(clock_text))
    zone = "Z" if match.group("glued") else match.group("zone")
    return TimeText(
        text=text[: match.end()].strip(" *_[]()"),
        end=match.end(),
        date_text=match.group("date"),
        clock=None if placeholder else _clock(clock_text),
        zone=zone,
        placeholder=placeholder,
    )


def _clock(text: str) -> time | None:
    lowered = text.lower().replace(".", "").replace(" ", "")
    meridiem = lowered[-2:] if lowered.endswith(("am", "pm")) else ""
    digits = lowered.removesuffix(meridiem)
    parts = [int(float(part)) for part in digits.split(":")] + [0, 0]
    hour, minute, second = parts[0], parts[1], parts[2]
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_day(text: str | None) -> date | None:
    """The calendar date of a date part when it is unambiguous (has a year), else ``None``."""
    if not text:
        return None
    cleaned = re.sub(r"(?i)(\d)(st|nd|rd|th)\b|,|\.", r"\1", text).strip()
    cleaned = re.sub(rf"(?i)^{_WEEKDAY}", "", cleaned)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    for layout in _DAY_FORMATS:
        try:
            return datetime.strptime(" ".join(cleaned.split()), layout).date()
        except ValueError:
            continue
    return None
