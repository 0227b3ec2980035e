"""The store as an evidence source: an incident's own record, and its attached evidence.

What responders recorded in hotwash (notes, updates, status changes, milestones) becomes
evidence events with source ``hotwash`` and the person who recorded them as actor. The
incident's current milestones are labelled ``milestone=<name>`` so that the timeline
builder takes them over anything inferred; a milestone event whose value was later
overridden, or cleared by a reopen, stays in the timeline but is marked superseded.

Attached evidence is read with the zone given when it was attached, and with the
incident's year as the hint for timestamps that carry no year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from hotwash.evidence.attached import AttachedEvidence, Shape
from hotwash.evidence.model import (
    EvidenceBatch,
    EvidenceEvent,
    EvidenceRef,
    IngestStats,
    SignalKind,
)
from hotwash.evidence.source import EvidenceSource, ReadContext
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.timeline.collect import FileHook, collect
from hotwash.timeline.milestones import RECORDED
from hotwash.times import resolve_zone

STORE_SOURCE = "hotwash"
STORE_FORMAT = "hotwash incident record"
EVENT_KIND = "event_kind"  # label: the kind of event as recorded in hotwash

_SIGNALS = {
    EventKind.NOTE: SignalKind.NOTE,
    EventKind.UPDATE: SignalKind.NOTE,
    EventKind.EVIDENCE: SignalKind.NOTE,
    EventKind.STATUS_CHANGE: SignalKind.STATUS_CHANGE,
    EventKind.MILESTONE: SignalKind.STATUS_CHANGE,
}


def store_batch(incident: Incident, events: list[TimelineEvent]) -> EvidenceBatch:
    """The incident's recorded events as evidence, with its per-source report."""
    current = _current_milestone_events(incident, events)
    converted = [_evidence_event(incident, event, current) for event in events]
    converted += [
        _milestone_from_record(incident, milestone)
        for milestone in incident.milestones
        if milestone not in current.values()
    ]
    stats = IngestStats(path=incident.id, format=STORE_FORMAT, records=len(converted))
    times = [event.at for event in converted]
    stats.first_time, stats.last_time = (min(times), max(times)) if times else (None, None)
    return EvidenceBatch(events=converted, stats=[stats])


def read_attached(
    attached: list[tuple[AttachedEvidence, Path]],
    base: ReadContext,
    sources: list[EvidenceSource],
    on_file: FileHook | None = None,
) -> EvidenceBatch:
    """Read each attached item (at ``Path``, its copy or original) in its own zone."""
    batch = EvidenceBatch()
    for evidence, location in attached:
        context = replace(
            base,
            default_zone=resolve_zone(evidence.source_zone)
            if evidence.source_zone
            else base.default_zone,
            # Refs name files inside a folder relative to it, as `timeline DIR` does.
            root=location if evidence.shape is Shape.FOLDER else location.parent,
        )
        batch.extend(collect([location], context, sources, on_file))
    return batch


def year_hint(incident: Incident) -> int:
    """Year-less timestamps (syslog) in an incident's evidence are from the incident's year."""
    return incident.started_at.year


def _current_milestone_events(
    incident: Incident, events: list[TimelineEvent]
) -> dict[int | None, Milestone]:
    """For each milestone the incident holds now, the seq of the latest event recording it."""
    current: dict[int | None, Milestone] = {}
    for milestone, at in incident.milestones.items():
        matching = [e for e in events if e.milestone is milestone and e.at == at]
        if matching:
            latest = max(matching, key=lambda e: e.seq if e.seq is not None else -1)
            current[latest.seq] = milestone
    return current


def _evidence_event(
    incident: Incident, event: TimelineEvent, current: dict[int | None, Milestone]
) -> EvidenceEvent:
    labels = {EVENT_KIND: event.kind.value}
    text = f"Update: {event.text}" if event.kind is EventKind.UPDATE else event.text
    milestone = current.get(event.seq) if event.milestone is not None else None
    if milestone is not None:
        labels[RECORDED] = milestone.value
    elif event.milestone is not None:
        text += " (superseded)"
    return EvidenceEvent(
        at=event.at,
        kind=_SIGNALS[event.kind],
        text=text,
        source=STORE_SOURCE,
        ref=_ref(incident, f"{event.kind.value} #{event.seq}"),
        actor=event.actor,
        labels=labels,
    )


def _milestone_from_record(incident: Incident, milestone: Milestone) -> EvidenceEvent:
    """A milestone held on the incident with no event recording it (an imported incident)."""
    at: datetime = incident.milestones[milestone]
    return EvidenceEvent(
        at=at,
        kind=SignalKind.STATUS_CHANGE,
        text=f"Milestone: {milestone.label}",
        source=STORE_SOURCE,
        ref=_ref(incident, "incident record"),
        labels={EVENT_KIND: EventKind.MILESTONE.value, RECORDED: milestone.value},
    )


def _ref(incident: Incident, detail: str) -> EvidenceRef:
    return EvidenceRef(path=incident.id, detail=detail)
