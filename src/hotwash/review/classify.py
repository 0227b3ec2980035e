"""What set an incident off (its trigger) and what kind of harm it did (its category).

A postmortem that says "Category: security" is taken at its word. Otherwise the
trigger is read from the Trigger section, or from title and summary when there is
none, and the first class whose words appear wins; the matched words are kept, so the
report can show why an incident was counted where it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotwash.review.history import PastIncident

UNKNOWN = "unknown"
# "No data loss." names a harm by saying it did not happen.
_NEGATED = re.compile(r"\b(?:no|not|without|never|none)\W+(?:\w+\W+)?$", re.IGNORECASE)

_TRIGGERS = (
    ("certificate or credential expiry", r"expir\w*|lapsed|renewal"),
    ("deploy", r"\bdeploy\w*|\brelease\b|\bv\d+\.\d+|new version|\bupgrad\w*|rolled back to"),
    (
        "config change",
        r"config\w*|\bflag\b|toggle|setting|policy|\brule\b|configmap|\bttl\b",
    ),
    ("traffic or load", r"traffic|spike|surge|campaign|\bpeak\b|burst|load test"),
    ("scheduled job or maintenance", r"backfill|\bcron\b|batch|migration|maintenance|compaction"),
    ("infrastructure failure", r"hardware|firmware|power|\bnode\b|load balancer|\bhost\b|disk"),
    ("dependency", r"third[- ]party|provider|upstream|vendor|dependenc\w*|partner"),
    ("manual operation", r"\bmanual\w*|by hand|operator|\btypo\b|ran the command"),
)
_CATEGORIES = (
    ("security", r"security|breach|unauthori[sz]ed|vulnerab\w*|exposed"),
    ("data loss", r"data loss|lost data|corrupt\w*|data was lost"),
    ("wrong or missing content", r"\bempty\b|\bblank\b|missing|wrong|incorrect|truncat\w*|cut off"),
    ("delayed or stale", r"delay\w*|\blate\b|behind|stale|\blag\b|queued|backlog"),
    ("latency", r"latency|\bslow\w*|\bp9\d\b|took \d"),
    (
        "errors or unavailability",
        r"outage|unavailab\w*|\bdown\b|\b5\d\d\b|errors?|fail\w*|could not|rejected|refused"
        r"|timed out|time out|timeouts?",
    ),
)


@dataclass(frozen=True)
class Classified:
    name: str
    because: str  # the words that decided it, or the field that said it


def trigger_of(incident: PastIncident) -> Classified:
    text = incident.trigger or f"{incident.title}. {incident.summary}"
    return _first(_TRIGGERS, text)


def category_of(incident: PastIncident) -> Classified:
    if incident.category:
        return Classified(incident.category.strip().lower(), "stated in the postmortem")
    return _first(_CATEGORIES, f"{incident.title}. {incident.summary}")


def _first(classes: tuple[tuple[str, str], ...], text: str) -> Classified:
    for name, pattern in classes:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if not _NEGATED.search(text[max(0, match.start() - 20) : match.start()]):
                return Classified(name, match.group(0))
    return Classified(UNKNOWN, "nothing recognisable")
