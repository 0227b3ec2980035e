"""Contributing-factor themes that come back across incidents.

Each factor is sorted into the themes its words name (a monitoring gap, a testing gap,
a risky rollout...). A theme recurs when factors of two or more incidents fall into it;
the report lists it with the factors that put each incident there, so a reader can
check the grouping rather than trust it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hotwash.review.history import PastIncident

THEMES = (
    (
        "monitoring or alerting gap",
        r"no (?:\w+ )?(?:alert|monitor)\w*|nothing (?:\w+ ){0,2}(?:alert|monitor|watch)\w*|"
        r"alert\w* (?:was|were|fired|only)|not (?:alert|monitor)\w*|dashboard|detect\w*|"
        r"(?:alert|monitor)\w* (?:on|for) .{0,30} (?:never|missing)",
    ),
    (
        "testing gap",
        r"\btest\w*|\beval\w*|coverage|load test|staging|smoke|regression set|canary analysis",
    ),
    (
        "risky change or rollout",
        r"\breview\w*|rollout|rolled out|ramp\w*|one step|at once|every cluster|"
        r"all clusters|release notes|without (?:a )?\w+ reviewer|routine release",
    ),
    (
        "capacity or limits",
        r"capacity|\blimit\w*|sizing|provision\w*|headroom|pool size|quota|max_\w+|budget",
    ),
    (
        "manual or forgotten configuration",
        r"by hand|manual\w*|never re-?enabled|left (?:there|on|off)|switched off|"
        r"\bdefault\w*|drift\w*|silently",
    ),
    ("runbook or documentation gap", r"runbook|document\w*|procedure|playbook"),
    (
        "ownership or communication",
        r"calendar|moved teams|mailbox|announc\w*|channel|handover|owner\w*|nobody",
    ),
    ("retries and timeouts", r"\bretr(?:y|ies|ied)\w*|timeouts?|backoff"),
    ("expiry and renewal tracking", r"expir\w*|renew\w*|lapsed|rotat\w*"),
)


@dataclass(frozen=True)
class Theme:
    name: str
    incidents: tuple[str, ...]  # keys, in time order
    examples: tuple[tuple[str, str], ...]  # (incident key, factor text), one per incident


def recurring_themes(incidents: Sequence[PastIncident], minimum: int = 2) -> list[Theme]:
    """Themes seen in at least ``minimum`` incidents, the most widespread first."""
    found = [_theme(name, pattern, incidents) for name, pattern in THEMES]
    kept = [theme for theme in found if len(theme.incidents) >= minimum]
    return sorted(kept, key=lambda theme: (-len(theme.incidents), theme.name))


def _theme(name: str, pattern: str, incidents: Sequence[PastIncident]) -> Theme:
    compiled = re.compile(pattern, re.IGNORECASE)
    examples = []
    for incident in incidents:
        factor = next((f for f in incident.factors if compiled.search(f)), None)
        if factor is not None:
            examples.append((incident.key, factor))
    return Theme(name, tuple(key for key, _ in examples), tuple(examples))
