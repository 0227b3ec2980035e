"""What recurrence detection compares about one incident, computed once per incident.

Words come from what a postmortem says the incident was: title (counted twice, it is
the shortest summary there is), summary, trigger and contributing factors. Failure
modes are looked for in the same text; only when it names none are the timeline and
lessons read for one, because a passing mention there ("the backlog of segments was
archived") is rarely what the incident was.
"""

from __future__ import annotations

from dataclasses import dataclass

from hotwash.recurrence.concepts import concepts_in
from hotwash.recurrence.text import words
from hotwash.review.history import PastIncident


@dataclass(frozen=True)
class Profile:
    incident: PastIncident
    words: tuple[str, ...]
    modes: dict[str, str]  # failure mode -> the phrase that named it
    services: frozenset[str]
    signals: frozenset[str]


def profile(incident: PastIncident) -> Profile:
    core = [incident.title, incident.summary, incident.trigger, *incident.factors]
    return Profile(
        incident=incident,
        words=tuple(words(" \n ".join([incident.title, *core]))),
        modes=concepts_in(*core) or concepts_in(incident.details),
        services=frozenset(service.lower() for service in incident.services),
        signals=incident.signals,
    )
