"""Open questions the evidence raises, for the review meeting.

Each comes from something measurable: a delay, a change before impact, a limit in the
error logs, a quiet stretch in the timeline, a milestone nobody recorded. They are
phrased as "what" and "how" about the system, so the room discusses conditions, not
people.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from hotwash.evidence.model import SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.formatting import exact_duration, utc_clock
from hotwash.postmortem.suggestions import RESOURCE_LIMIT
from hotwash.timeline.model import Timeline

QUIET_GAP = timedelta(minutes=8)  # a longer stretch without any entry during impact is a gap
NOTABLE_DELAY = timedelta(minutes=2)


def open_questions(timeline: Timeline) -> list[str]:
    questions = _delay_questions(timeline)
    questions += _change_questions(timeline)
    questions += _limit_questions(timeline)
    questions += _gap_questions(timeline)
    questions += _missing_questions(timeline)
    return questions


def _delay_questions(timeline: Timeline) -> list[str]:
    delays, found = timeline.delays, timeline.milestones
    questions = []
    detection = delays.get("detection")
    if detection is not None and detection > NOTABLE_DELAY:
        start, seen = found[Milestone.IMPACT_START].at, found[Milestone.DETECTED].at
        questions.append(
            f"What signals were there between {utc_clock(start)} and {utc_clock(seen)} UTC, "
            f"and how could detection take less than {exact_duration(detection)}?"
        )
    acknowledgement = delays.get("acknowledgement")
    if acknowledgement is not None and acknowledgement > NOTABLE_DELAY:
        questions.append(
            "How did the page reach the on-call responder, and what happened in the "
            f"{exact_duration(acknowledgement)} before it was acknowledged?"
        )
    mitigation = delays.get("mitigation_from_detection")
    if mitigation is not None and mitigation > NOTABLE_DELAY:
        questions.append(
            f"What took the {exact_duration(mitigation)} from detection to mitigation, "
            "and what would make mitigation faster?"
        )
    return questions


def _change_questions(timeline: Timeline) -> list[str]:
    return [
        f"How was the change '{change.text}' verified before and after it went out, "
        f"{exact_duration(change.gap)} before impact started?"
        for change in timeline.changes
        if change.suspicious
    ]


def _limit_questions(timeline: Timeline) -> list[str]:
    onset = timeline.milestones.get(Milestone.IMPACT_START)
    if onset is None:
        return []
    entries = [
        e
        for e in timeline.entries
        if e.ref is not None
        and e.kind in {SignalKind.NEW_TEMPLATE, SignalKind.REPEATED}
        and RESOURCE_LIMIT.search(e.text)
        and abs(e.at - onset.at) <= timedelta(minutes=15)
    ]
    return [
        f"What sets the limit behind '{_short(e.text)}' in {e.service or e.source}, "
        "and how is its headroom watched?"
        for e in entries[:2]
    ]


def _gap_questions(timeline: Timeline) -> list[str]:
    found = timeline.milestones
    start = found.get(Milestone.IMPACT_START)
    end = found.get(Milestone.MITIGATED) or found.get(Milestone.RESOLVED)
    if start is None or end is None:
        return []
    inside = sorted(e.at for e in timeline.entries if start.at <= e.at <= end.at)
    gaps = [(a, b) for a, b in itertools.pairwise(inside) if b - a > QUIET_GAP]
    return [
        f"What happened between {utc_clock(a)} and {utc_clock(b)} UTC? "
        f"The evidence holds nothing for {exact_duration(b - a)}."
        for a, b in gaps
    ]


def _missing_questions(timeline: Timeline) -> list[str]:
    wording = {
        Milestone.IMPACT_START: "What is the first sign of user impact, and when was it?",
        Milestone.DETECTED: "How was the incident first noticed, and when?",
        Milestone.MITIGATED: "What ended the user impact, and when?",
    }
    return [question for m, question in wording.items() if m not in timeline.milestones]


def _short(text: str, limit: int = 90) -> str:
    head = text.split(": ", 1)[-1] if text.startswith(("New ", "error", "warn")) else text
    return head if len(head) <= limit else head[: limit - 1] + "…"
