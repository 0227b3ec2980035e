"""Reading action-item values people write: priorities, types, statuses, owners, dates.

Postmortems say "High", "P1" or "critical"; trackers and tables say "Done", "✅",
"wontfix". Each reader returns ``None`` for a value it cannot place, so callers
decide whether that is a problem to report.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from hotwash.actions.model import ActionStatus, ActionType, Priority
from hotwash.errors import HotwashError, ValidationError
from hotwash.postmortem.parse_time_text import parse_day
from hotwash.times.durations import parse_duration

_PRIORITY_WORDS = {
    "critical": Priority.P1,
    "urgent": Priority.P1,
    "highest": Priority.P1,
    "high": Priority.P2,
    "medium": Priority.P3,
    "normal": Priority.P3,
    "low": Priority.P4,
    "lowest": Priority.P4,
}
_TYPE_PREFIXES = (
    ("prevent", ActionType.PREVENT),
    ("mitigat", ActionType.MITIGATE),
    ("detect", ActionType.DETECT),
    ("monitor", ActionType.DETECT),
    ("alert", ActionType.DETECT),
    ("process", ActionType.PROCESS),
    ("respon", ActionType.PROCESS),
    ("repair", ActionType.REPAIR),
    ("fix", ActionType.REPAIR),
)
_STATUS_PATTERNS = (
    (ActionStatus.OPEN, r"not (?:yet )?started|not begun|not done"),
    (ActionStatus.WONT_DO, r"won'?t|wontfix|not planned|cancel|dropped|declined|rejected"),
    (ActionStatus.DONE, r"^done|complete|closed|fixed|resolved|shipped|merged|✅|✔|☑|^\[x\]"),
    (ActionStatus.IN_PROGRESS, r"progress|wip|doing|started|ongoing|underway|🚧"),
    (ActionStatus.OPEN, r"open|todo|to do|not started|pending|planned|backlog|new|^\[ \]"),
)
_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def read_priority(text: str | None) -> Priority | None:
    words = (text or "").strip().lower()
    match = re.search(r"\bp\s*-?\s*([1-4])\b", words)
    if match:
        return Priority(f"P{match.group(1)}")
    return next(
        (p for word, p in _PRIORITY_WORDS.items() if re.search(rf"\b{word}\b", words)), None
    )


def read_type(text: str | None) -> ActionType | None:
    words = (text or "").strip().lower()
    return next((kind for prefix, kind in _TYPE_PREFIXES if words.startswith(prefix)), None)


def read_status(text: str | None) -> ActionStatus | None:
    words = (text or "").strip().lower()
    if not words:
        return None
    return next((s for s, pattern in _STATUS_PATTERNS if re.search(pattern, words)), None)


def read_day(text: str | None) -> date | None:
    """An ISO date anywhere in ``text`` ("by 2026-03-20 (EOD)"), or a whole written date
    with its year ("March 20, 2026"); ``None`` for "next quarter"."""
    match = _DAY.search(text or "")
    if match is None:
        return parse_day(text)
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def read_due(text: str, today: date) -> date:
    """A due date as typed: ``2026-03-20``, ``March 20, 2026``, or a span from today (``2w``)."""
    day = read_day(text)
    if day is not None:
        return day
    try:
        return today + timedelta(days=parse_duration(text).days)
    except HotwashError:
        raise ValidationError(
            f"invalid due date {text!r}: expected a date (2026-03-20) or a span (14d, 2w)"
        ) from None


def same_owner(a: str | None, b: str | None) -> bool:
    """``@bob``, ``bob`` and ``Bob`` are one owner."""
    return a is not None and b is not None and owner_key(a) == owner_key(b)


def owner_key(owner: str) -> str:
    return owner.strip().lstrip("@").casefold()
