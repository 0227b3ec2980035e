"""Kubernetes changes and trouble from ``kubectl get events -o json`` (and replica sets).

* ScalingReplicaSet events, grouped per deployment into ROLLOUT events naming the
  replica set and its image (from replica sets in the same file or folder, else
  "image unknown").
* HorizontalPodAutoscaler rescales become CONFIG_CHANGE events.
* Warning events (BackOff, OOMKilling, Unhealthy, FailedScheduling...) become LOG
  events with their repeat count; routine Normal events are counted, not shown.
* A replica set list on its own gives a ROLLOUT per replica set at its creation,
  unless scaling events already tell that rollout.
"""

from __future__ import annotations

from pathlib import Path

from hotwash.evidence.model import (
    EvidenceBatch,
    EvidenceEvent,
    EvidenceRef,
    IngestStats,
    SignalKind,
)
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.fields import JsonObject, text
from hotwash.evidence.sources.jsondoc import load_json_documents
from hotwash.evidence.sources.kube_events import KubeEvent, Scaling, kube_event, scaling
from hotwash.evidence.sources.kube_objects import (
    KUBE_LIST,
    list_items,
    replica_sets_in,
    sibling_items,
    workload_name,
)
from hotwash.evidence.sources.kube_rollouts import creation_event, group_rollouts, rollout_event
from hotwash.evidence.sources.reading import (
    finish_events,
    new_stats,
    note_assumed_zone,
    note_load_problem,
    zone_for,
)

_EVENT_FIELDS = ('"involvedObject"', '"regarding"', '"ReplicaSet"')


class KubectlSource:
    """Rollouts and warnings from Kubernetes."""

    name = "kubectl"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.0
        head = target.head.decode("utf-8", errors="replace")
        if KUBE_LIST.search(head) and any(key in head for key in _EVENT_FIELDS):
            return 0.95
        return 0.0

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        stats = new_stats(target.path, context, "kubectl")
        loaded = load_json_documents(target.path)
        note_load_problem(stats, loaded)
        items = list_items(loaded.documents)
        if items is None:
            stats.skip("not a kubectl list" if loaded.documents else "no documents")
            return EvidenceBatch(stats=[stats])
        reader = _Reader(target.path, context, stats, items)
        return EvidenceBatch(events=finish_events(reader.events(), context, stats), stats=[stats])


class _Reader:
    def __init__(
        self, path: Path, context: ReadContext, stats: IngestStats, items: list[JsonObject]
    ) -> None:
        self.path, self.stats = context.display_path(path), stats
        self.zone = zone_for(path, context)
        self.items = items
        neighbours = sibling_items(path)
        self.replica_sets = replica_sets_in(neighbours) | replica_sets_in(items)
        self.scaled_elsewhere = {
            step.replica_set for step in self._scalings(neighbours, count=False)
        }

    def events(self) -> list[EvidenceEvent]:
        kube_events = self._kube_events(self.items, count=True)
        steps = [step for step in map(scaling, kube_events) if step is not None]
        events = [
            rollout_event(r, self.path, self.replica_sets)
            for r in group_rollouts(steps, self.replica_sets)
        ]
        events += [e for e in map(self._other_event, kube_events) if e is not None]
        events += self._replica_set_events(
            {step.replica_set for step in steps} | self.scaled_elsewhere
        )
        return events

    def _kube_events(self, items: list[JsonObject], *, count: bool) -> list[KubeEvent]:
        found: list[KubeEvent] = []
        for item in items:
            kind = text(item, "kind")
            if kind == "ReplicaSet":
                continue
            event = (
                kube_event(item, self.zone)
                if kind in (None, "Event")
                else "not an Event or ReplicaSet"
            )
            if isinstance(event, str):
                if count:
                    self.stats.skip(event)
                continue
            if count and event.assumed_zone:
                note_assumed_zone(self.stats, self.zone)
            found.append(event)
        return found

    def _scalings(self, items: list[JsonObject], *, count: bool) -> list[Scaling]:
        return [
            step for step in map(scaling, self._kube_events(items, count=count)) if step is not None
        ]

    def _other_event(self, event: KubeEvent) -> EvidenceEvent | None:
        if event.reason == "ScalingReplicaSet":
            return None
        if event.reason == "SuccessfulRescale":
            return self._event(event, SignalKind.CONFIG_CHANGE)
        if event.event_type == "Warning":
            return self._event(event, SignalKind.LOG)
        self.stats.skip(f"routine {event.event_type} event")
        return None

    def _event(self, event: KubeEvent, kind: SignalKind) -> EvidenceEvent:
        repeated = f" (x{event.count})" if event.count > 1 else ""
        return EvidenceEvent(
            at=event.first,
            kind=kind,
            text=f"{event.reason} {event.object_ref}: {event.message}{repeated}",
            source="kubernetes",
            ref=EvidenceRef(self.path, detail=f"{event.object_ref} {event.reason}"),
            service=workload_name(event.object_kind, event.object_name, self.replica_sets),
            end=event.last if event.last > event.first else None,
            count=event.count,
            labels={
                "reason": event.reason,
                "type": event.event_type,
                "namespace": event.namespace or "",
            },
        )

    def _replica_set_events(self, covered: set[str]) -> list[EvidenceEvent]:
        events: list[EvidenceEvent] = []
        for facts in replica_sets_in(self.items).values():
            if facts.name in covered:
                self.stats.skip("replica set already told by its scaling events")
            elif facts.created is None:
                self.stats.skip("replica set without a creation time")
            else:
                events.append(creation_event(facts, facts.created, self.path))
        return events
