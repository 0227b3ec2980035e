"""The 60-minute blameless review meeting (seed 000), filled in for one incident.

Opening, timeline review, analysis, action items and closing, each time-boxed. The
timeline review walks the milestones, the delays and the changes; the analysis asks
the open questions the evidence raises. Every question asks "what" or "how", about
conditions and systems: never "who", never "why did you".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from hotwash.postmortem.formatting import exact_duration, one_line, utc_clock
from hotwash.postmortem.questions import open_questions
from hotwash.postmortem.record import IncidentRecord
from hotwash.redact import Redactor
from hotwash.timeline.delays import LABELS
from hotwash.timeline.model import Timeline

_BLAMING = re.compile(r"\bwho\b|\bwhy did you\b|\byour fault\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgendaItem:
    minutes: int
    title: str
    points: tuple[str, ...]


def is_blameless(question: str) -> bool:
    """A question that opens with "What" or "How" and asks nothing about who."""
    return question.startswith(("What ", "How ")) and not _BLAMING.search(question)


def agenda(
    timeline: Timeline, record: IncidentRecord | None, redactor: Redactor
) -> list[AgendaItem]:
    questions = [redactor.redact(q) for q in open_questions(timeline)]
    unsafe = [q for q in questions if not is_blameless(q)]
    if unsafe:  # a bug in the question generator, never the user's doing
        raise AssertionError(f"not a blameless question: {unsafe[0]}")
    return [
        AgendaItem(5, "Opening", _OPENING),
        AgendaItem(15, "Timeline review", tuple(_timeline_points(timeline))),
        AgendaItem(20, "Analysis discussion", (*questions, *_ANALYSIS)),
        AgendaItem(15, "Action items", tuple(_action_points(record))),
        AgendaItem(5, "Closing", _CLOSING),
    ]


_OPENING = (
    "We are here to learn, not to blame: the question is what conditions allowed this.",
    "People acted on what they knew at the time; we look at what the system showed them.",
    "Norms: one conversation at a time; tangents go to the parking lot; dissent is written down.",
)
_ANALYSIS = (
    "What failed, and what conditions allowed it?",
    "What would have prevented it, or caught it sooner?",
    "How did the tools and runbooks help or get in the way?",
)
_CLOSING = (
    "Summarise the key learnings in two or three sentences.",
    "Confirm every action item has an owner and a due date.",
    "Decide whether a follow-up review is needed, and when.",
)


def _timeline_points(timeline: Timeline) -> list[str]:
    points = [
        f"{utc_clock(entry.at)} UTC {'/'.join(m.label for m in entry.milestones)}: "
        f"{one_line(entry.text)} ({entry.source})"
        for entry in timeline.entries
        if entry.milestones
    ]
    points += [
        f"{change.text} came {exact_duration(change.gap)} before impact started ({change.source})."
        for change in timeline.changes
        if change.suspicious
    ]
    points += [
        f"{LABELS[name]}: {exact_duration(delay)}."
        for name, delay in timeline.delays.items()
        if delay >= timedelta(0)
    ]
    points.append("What is missing from this timeline, and what happened in its gaps?")
    return points


def _action_points(record: IncidentRecord | None) -> list[str]:
    items = record.actions if record else []
    points = [
        f"{item.id}: {item.action} (owner: {item.owner or 'none yet'}, "
        f"due: {item.due.isoformat() if item.due else 'none yet'})"
        for item in items
    ]
    points += [
        "Brainstorm improvements: one concrete action per contributing factor.",
        "Prioritise by impact and effort; give each an owner, a due date and a done-when.",
    ]
    return points


def agenda_markdown(title: str, items: list[AgendaItem]) -> str:
    lines = [f"# Postmortem review: {one_line(title)}", "", "60 minutes, blameless.", ""]
    start = 0
    for number, item in enumerate(items, start=1):
        span = f"{start}-{start + item.minutes} min"
        lines += [f"## {number}. {item.title} ({item.minutes} min, {span})", ""]
        lines += [f"- {one_line(point)}" for point in item.points]
        lines.append("")
        start += item.minutes
    return "\n".join(lines)
