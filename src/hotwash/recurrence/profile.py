"""What recurrence detection compares about one incident, computed once per incident.

Words come from what a postmortem says the incident was: title (counted twice, it is
the shortest summary there is), summary, trigger and contributing factors. Failure
modes are looked for in the same text; only when it names none are the timeline and
lessons read for one, because a passing mention there ("the backlog of segments was
archived") is rarely what the incident was. A write-up whose sections were not recognised
says little in those parts; then its whole text is used instead, for words and modes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotwash.recurrence.concepts import concepts_in
from hotwash.recurrence.text import words
from hotwash.review.history import PastIncident

_NAMED = re.compile(r"\bINC-\d{4}-\d{4,}\b|\b\d{4}-\d{2}-\d{2}-[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]")
THIN = 25  # content words; fewer, and the title, summary and factors say too little


@dataclass(frozen=True)
class Profile:
    incident: PastIncident
    words: tuple[str, ...]
    modes: dict[str, str]  # failure mode -> the phrase that named it
    services: frozenset[str]
    signals: frozenset[str]
    mentions: frozenset[str]  # incident ids and dated file names the write-up names


def names_of(incident: PastIncident) -> set[str]:
    """How another write-up would name ``incident``: its id, its dated file name."""
    names = {incident.key.lower().removesuffix(".md").removesuffix(".markdown")}
    if incident.incident_id:
        names.add(incident.incident_id.lower())
    return names


def profile(incident: PastIncident) -> Profile:
    core = [incident.title, incident.summary, incident.trigger, *incident.factors]
    found = words(" \n ".join([incident.title, *core]))
    if len(found) < THIN and incident.body:
        core.append(incident.body)
        found += words(incident.body)
    return Profile(
        incident=incident,
        words=tuple(found),
        modes=concepts_in(*core) or concepts_in(incident.details),
        services=frozenset(service.lower() for service in incident.services),
        signals=incident.signals,
        mentions=_mentions(incident),
    )


def _mentions(incident: PastIncident) -> frozenset[str]:
    text = " ".join([incident.summary, incident.details, incident.body, *incident.factors])
    return frozenset(match.lower() for match in _NAMED.findall(text))
