"""The delays a postmortem reports, from the milestones that bound them.

A delay is reported only when both of its milestones are known: a missing
milestone gives no figure rather than a guess.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hotwash.incidents.milestones import Milestone

# name -> (from, to); the names are the JSON keys of `delays`.
DELAYS: dict[str, tuple[Milestone, Milestone]] = {
    "detection": (Milestone.IMPACT_START, Milestone.DETECTED),
    "acknowledgement": (Milestone.DETECTED, Milestone.ACKNOWLEDGED),
    "declaration": (Milestone.DETECTED, Milestone.DECLARED),
    "mitigation_from_impact": (Milestone.IMPACT_START, Milestone.MITIGATED),
    "mitigation_from_detection": (Milestone.DETECTED, Milestone.MITIGATED),
    "resolution": (Milestone.IMPACT_START, Milestone.RESOLVED),
}

LABELS = {
    "detection": "Detection delay (impact start → detected)",
    "acknowledgement": "Acknowledgement delay (detected → acknowledged)",
    "declaration": "Declaration delay (detected → declared)",
    "mitigation_from_impact": "Mitigation delay (impact start → mitigated)",
    "mitigation_from_detection": "Mitigation delay (detected → mitigated)",
    "resolution": "Time to resolve (impact start → resolved)",
}


def compute_delays(times: dict[Milestone, datetime]) -> dict[str, timedelta]:
    return {
        name: times[end] - times[start]
        for name, (start, end) in DELAYS.items()
        if start in times and end in times
    }
