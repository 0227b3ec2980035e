"""How a draft writes times, durations, numbers and table cells.

Times are always UTC. Durations keep their seconds below an hour ("4m 12s"), because a
postmortem that says "4m" where the timeline says 14:02:00 to 14:06:12 reads as an error.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hotwash.times import to_utc


def exact_duration(delta: timedelta) -> str:
    """``4m 12s``, ``29m``, ``1h 05m``, ``2d 3h``; negative durations get a minus sign."""
    total = round(delta.total_seconds())
    sign = "-" if total < 0 else ""
    days, rest = divmod(abs(total), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours}h" if hours else f"{sign}{days}d"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m {seconds:02d}s" if seconds else f"{sign}{minutes}m"
    return f"{sign}{seconds}s"


def utc_clock(moment: datetime, *, with_date: bool = False) -> str:
    """``14:06:12`` or ``2026-03-14 14:06:12``, in UTC."""
    utc = to_utc(moment)
    return utc.strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def utc_stamp(moment: datetime) -> str:
    """``2026-03-14 14:06:12 UTC``."""
    return f"{utc_clock(moment, with_date=True)} UTC"


def utc_minute(moment: datetime) -> str:
    """``14:06 UTC``: for prose, where seconds are noise."""
    return f"{to_utc(moment):%H:%M} UTC"


def utc_date(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d}"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.replace("|", "\\|").split())


def uncell(text: str) -> str:
    """The text a table cell holds, with :func:`cell`'s escaping undone."""
    return text.replace("\\|", "|")


def one_line(text: str) -> str:
    """Text safe as one list item or paragraph line."""
    return " ".join(text.split())


def count(number: int) -> str:
    """``12,431``."""
    return f"{number:,}"


def percent(share: float) -> str:
    """``33.9%`` for a share in 0..1."""
    return f"{share * 100:.1f}%"
