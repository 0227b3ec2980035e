"""Timeline events: the raw material of every timeline and postmortem."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime

from hotwash.incidents.milestones import Milestone


class EventKind(enum.StrEnum):
    MILESTONE = "milestone"
    NOTE = "note"
    STATUS_CHANGE = "status_change"
    UPDATE = "update"
    EVIDENCE = "evidence"


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened at ``at`` (UTC), said by ``source`` about ``actor``.

    ``seq`` numbers an incident's events in the order they were recorded; the
    store assigns it. ``milestone`` is set only for milestone events.
    """

    at: datetime
    text: str
    kind: EventKind
    source: str = "hotwash"
    actor: str | None = None
    milestone: Milestone | None = None
    evidence_ref: str | None = None
    seq: int | None = None


_STATUS_TEXT = re.compile(r"^Status: (\w+) → (\w+)(?:: (?P<note>.+))?$", re.DOTALL)


def status_change_text(old: str, new: str, note: str | None) -> str:
    """How a status change reads in the timeline: ``Status: Identified → Monitoring: why``."""
    text = f"Status: {old} → {new}"
    return f"{text}: {note.strip()}" if note and note.strip() else text


def status_note(event: TimelineEvent) -> str | None:
    """The note a responder gave with a status change, if any."""
    if event.kind is not EventKind.STATUS_CHANGE:
        return None
    match = _STATUS_TEXT.match(event.text)
    return match.group("note") if match else None
