"""Contributing factors the evidence suggests, for the author to confirm or strike out.

Only what the evidence shows is suggested: a deploy or change just before impact
started, a resource limit in the error logs (a pool exhausted, a quota hit, memory
gone), detection that came from a person rather than an alert, or long delays. Each
suggestion names its evidence, and none names a person: factors are conditions, not
people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotwash.evidence.model import LogSummary, SignalKind, TemplateStat
from hotwash.incidents.factors import FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.formatting import count, exact_duration, utc_minute
from hotwash.redact import Redactor
from hotwash.timeline.model import ChangeNearOnset, Timeline

# Error templates that name a limit a system ran into.
RESOURCE_LIMIT = re.compile(
    r"exhaust|\blimit|quota|out of memory|\boom|too many|no space|disk full|capacity|"
    r"saturat|throttl|max_?conn|queue (?:is )?full|backlog|pool",
    re.IGNORECASE,
)
_ERROR_LEVELS = {"error", "fatal", "critical", "crit", "alert", "emerg", "panic"}
NEAR_ONSET = timedelta(minutes=15)
SLOW_DETECTION = timedelta(minutes=5)
SLOW_ACKNOWLEDGEMENT = timedelta(minutes=5)
MAX_LIMIT_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    category: FactorCategory
    text: str
    evidence: str


def suggest_factors(timeline: Timeline, redactor: Redactor) -> list[Suggestion]:
    found = [_change(change) for change in timeline.changes if change.suspicious]
    found += _resource_limits(timeline, redactor)
    found += _detection(timeline)
    return [
        Suggestion(s.category, redactor.redact(s.text), redactor.redact(s.evidence)) for s in found
    ]


def _change(change: ChangeNearOnset) -> Suggestion:
    when = "before" if change.gap >= timedelta(0) else "after"
    text = (
        f"A change {exact_duration(abs(change.gap))} {when} impact started: {change.text}. "
        "Errors that start right after a change point at that change."
    )
    return Suggestion(FactorCategory.IMMEDIATE, text, f"{change.ref.path} ({change.source})")


def _resource_limits(timeline: Timeline, redactor: Redactor) -> list[Suggestion]:
    onset = timeline.milestones.get(Milestone.IMPACT_START)
    if onset is None:
        return []
    found = [
        (summary, stat)
        for summary in timeline.logs
        for stat in summary.templates
        if _is_limit(stat, onset.at)
    ]
    found.sort(key=lambda pair: -pair[1].count)
    return [_limit(summary, stat) for summary, stat in found[:MAX_LIMIT_SUGGESTIONS]]


def _is_limit(stat: TemplateStat, onset: datetime) -> bool:
    near = stat.first_seen <= onset + NEAR_ONSET and stat.last_seen >= onset - NEAR_ONSET
    level = (stat.level or "").lower()
    return near and level in _ERROR_LEVELS and bool(RESOURCE_LIMIT.search(stat.template))


def _limit(summary: LogSummary, stat: TemplateStat) -> Suggestion:
    text = (
        f"A resource limit in the error logs of {summary.service}: "
        f"`{stat.template}` ({count(stat.count)} times, first at {utc_minute(stat.first_seen)})."
    )
    return Suggestion(FactorCategory.IMMEDIATE, text, str(stat.first_ref))


def _detection(timeline: Timeline) -> list[Suggestion]:
    found = []
    detected = timeline.milestones.get(Milestone.DETECTED)
    if detected is not None and detected.method.startswith("first human report"):
        text = "The first signal was a person's report, not an alert."
        found.append(Suggestion(FactorCategory.CONTRIBUTING, text, _refs(detected.evidence)))
    if not any(entry.kind is SignalKind.ALERT_FIRING for entry in timeline.entries):
        text = "No alert fired: the evidence read holds no firing alert."
        found.append(Suggestion(FactorCategory.CONTRIBUTING, text, "alerting evidence"))
    found += _slow("detection", SLOW_DETECTION, timeline, "Detection took")
    found += _slow("acknowledgement", SLOW_ACKNOWLEDGEMENT, timeline, "Acknowledging the page took")
    return found


def _slow(name: str, limit: timedelta, timeline: Timeline, what: str) -> list[Suggestion]:
    delay = timeline.delays.get(name)
    if delay is None or delay <= limit:
        return []
    text = f"{what} {exact_duration(delay)}, more than {exact_duration(limit)}."
    return [Suggestion(FactorCategory.CONTRIBUTING, text, "milestones (see the timeline)")]


def _refs(refs: tuple[object, ...]) -> str:
    return "; ".join(str(ref) for ref in refs) or "the timeline"
