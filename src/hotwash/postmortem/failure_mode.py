"""An incident's failure mode, as a runbook's common issue: symptoms, diagnosis, resolution.

Taken from the evidence: the alerts and new errors it showed and its peak (symptoms),
the change just before impact and the limits in the error logs (diagnosis), and the
changes that came before recovery (resolution). What the evidence cannot tell, such as
the commands that confirm the diagnosis, is a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from hotwash.evidence.model import SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.figures import impact_figures
from hotwash.postmortem.formatting import exact_duration, one_line, utc_clock, utc_date
from hotwash.postmortem.placeholders import todo
from hotwash.postmortem.record import IncidentRecord
from hotwash.postmortem.suggestions import suggest_factors
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

NEAR_ONSET = timedelta(minutes=10)
_CHANGES = {SignalKind.DEPLOY, SignalKind.ROLLOUT, SignalKind.CONFIG_CHANGE}


@dataclass(frozen=True)
class FailureMode:
    title: str
    symptoms: list[str]
    diagnosis: list[str]
    resolution: list[str]
    seen_in: str


def failure_mode(timeline: Timeline, record: IncidentRecord, redactor: Redactor) -> FailureMode:
    incident = record.incident
    seen = f"{incident.id} ({utc_date(incident.started_at)}, {incident.severity.value})"
    return FailureMode(
        title=one_line(incident.title),
        symptoms=[redactor.redact(s) for s in _symptoms(timeline, record)],
        diagnosis=[redactor.redact(s) for s in _diagnosis(timeline, redactor)],
        resolution=[redactor.redact(s) for s in _resolution(timeline, incident.id)],
        seen_in=seen,
    )


def _symptoms(timeline: Timeline, record: IncidentRecord) -> list[str]:
    found = []
    if record.incident.impact:
        found.append(one_line(record.incident.impact))
    alerts = {e.text: e for e in timeline.entries if e.kind is SignalKind.ALERT_FIRING}
    found += [f"Alert: {text}" for text in alerts]
    peak = impact_figures(timeline, list(record.incident.services)).peak
    if peak is not None:
        found.append(
            f"Peak: {peak.value:.3g}{peak.unit if peak.unit == '%' else ' ' + peak.unit}"
            f" ({peak.label})"
        )
    onset = timeline.milestones.get(Milestone.IMPACT_START)
    if onset is not None:
        found += [
            f"Logs: {one_line(e.text)}"
            for e in timeline.entries
            if e.kind is SignalKind.NEW_TEMPLATE and abs(e.at - onset.at) <= NEAR_ONSET
        ]
    return found


def _diagnosis(timeline: Timeline, redactor: Redactor) -> list[str]:
    found = [
        f"Check for a change just before the errors began: {s.text.split(': ', 1)[-1]}"
        if s.text.startswith("A change ")
        else f"Check the error logs for the limit: {s.text.split(': ', 1)[-1]}"
        for s in suggest_factors(timeline, redactor)
        if s.text.startswith(("A change ", "A resource limit"))
    ]
    return [*found, todo("commands that confirm this failure mode, and what they show")]


def _resolution(timeline: Timeline, incident_id: str) -> list[str]:
    found = timeline.milestones
    start = found.get(Milestone.DETECTED) or found.get(Milestone.IMPACT_START)
    end = found.get(Milestone.MITIGATED)
    steps = []
    if start is not None and end is not None:
        steps = [
            f"In {incident_id}, {one_line(e.text)} at {utc_clock(e.at)} UTC; "
            f"impact ended {exact_duration(end.at - e.at)} later."
            for e in timeline.entries
            if e.kind in _CHANGES and start.at <= e.at <= end.at
        ]
    return [*steps, todo("steps that fix it, and how to verify recovery")]
