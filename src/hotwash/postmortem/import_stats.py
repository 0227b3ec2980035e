"""Stats a postmortem states ("time to detection: 7 min") and those its timeline implies.

Stated figures are read from labelled delays and from prose anywhere in the document;
implied ones from the timeline rows marked with milestones. Both are kept, so a reader
(or ``hotwash lint``) can see when they disagree.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from hotwash.errors import HotwashError
from hotwash.postmortem.import_model import ImportedRow, LabelledValue
from hotwash.postmortem.import_text import TextPiece
from hotwash.timeline.delays import DELAYS, LABELS
from hotwash.times import parse_duration

_AMOUNT = r"\d+(?:\.\d+)?\s*(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b"
_DURATION = rf"~?\s*(?P<amount>{_AMOUNT}(?:,?\s*(?:and\s+)?{_AMOUNT})*)"
_NAMES = (
    ("detection", r"time to (?:detect(?:ion)?|discover(?:y)?)|\bm?ttd\b|detection delay"),
    ("acknowledgement", r"time to acknowledge?(?:ment)?|\bm?tta\b|acknowledge?ment delay"),
    ("mitigation_from_impact", r"time to mitigat(?:e|ion)|\bm?ttm\b|mitigation delay"),
    ("resolution", r"time to (?:resol(?:ve|ution)|recover(?:y)?)|\bm?ttr\b|time to restore"),
)
_STATED = [
    (name, re.compile(rf"(?:{words})[^0-9\n]{{0,25}}?{_DURATION}", re.IGNORECASE))
    for name, words in _NAMES
]
_KEYWORDS = (
    ("mitigation_from_detection", r"mitigat.*(?:from|\()\s*detect"),
    ("mitigation_from_impact", r"mitigat"),
    ("detection", r"detect"),
    ("acknowledgement", r"acknowledg"),
    ("declaration", r"declar"),
    ("resolution", r"resol"),
)


def stats(
    delays: list[LabelledValue], texts: list[TextPiece], rows: list[ImportedRow]
) -> dict[str, Any]:
    return {
        "stated": {**_from_prose(texts), **_from_delays(delays)},
        "from_timeline": _from_timeline(rows),
    }


def _seconds(text: str) -> int | None:
    try:
        return round(parse_duration(text.replace(",", " ").replace(" and ", " ")).total_seconds())
    except HotwashError:
        return None


def _from_delays(delays: list[LabelledValue]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for pair in delays:
        name = _delay_name(pair.label)
        seconds = _seconds(pair.value)
        if name is not None and seconds is not None:
            found[name] = {"text": pair.value, "seconds": seconds, "label": pair.label}
    return found


def _delay_name(label: str) -> str | None:
    exact = {text.lower(): name for name, text in LABELS.items()}
    lowered = label.lower()
    if lowered in exact:
        return exact[lowered]
    for name, pattern in _KEYWORDS:
        if re.search(pattern, lowered):
            return name
    return None


def _from_prose(texts: list[TextPiece]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for piece in texts:
        for name, pattern in _STATED:
            match = pattern.search(piece.text)
            seconds = _seconds(match.group("amount")) if match else None
            if match and seconds is not None and name not in found:
                found[name] = {"text": match.group(0), "seconds": seconds, "line": piece.line}
    return found


def _from_timeline(rows: list[ImportedRow]) -> dict[str, int]:
    times: dict[str, datetime] = {}
    for row in rows:
        for mark in row.milestones:
            if row.utc is not None and mark not in times:
                times[mark] = datetime.fromisoformat(row.utc.replace("Z", "+00:00"))
    return {
        name: round((times[end.label] - times[start.label]).total_seconds())
        for name, (start, end) in DELAYS.items()
        if start.label in times and end.label in times
    }
