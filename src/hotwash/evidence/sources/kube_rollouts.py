"""Group ScalingReplicaSet events into rollouts: one deploy (or rollback) is one ROLLOUT.

A rolling update scales the new replica set up and the old one down in steps, each
its own event. Steps of one deployment that follow each other closely and scale up
the same replica set are one rollout; scaling up a different one starts the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hotwash.evidence.model import EvidenceEvent, EvidenceRef, SignalKind
from hotwash.evidence.sources.kube_events import Scaling
from hotwash.evidence.sources.kube_objects import ReplicaSetFacts, workload_name

ROLLOUT_GAP = timedelta(minutes=10)


@dataclass
class Rollout:
    deployment: str
    steps: list[Scaling] = field(default_factory=list)
    target: str | None = None

    def accepts(self, step: Scaling, deployment: str) -> bool:
        if (
            deployment != self.deployment
            or step.event.first - self.steps[-1].event.first > ROLLOUT_GAP
        ):
            return False
        return step.direction == "down" or self.target in (None, step.replica_set)

    def add(self, step: Scaling) -> None:
        self.steps.append(step)
        if step.direction == "up" and self.target is None:
            self.target = step.replica_set


def group_rollouts(steps: list[Scaling], replica_sets: dict[str, ReplicaSetFacts]) -> list[Rollout]:
    rollouts: list[Rollout] = []
    open_by_deployment: dict[str, Rollout] = {}
    for step in sorted(steps, key=lambda s: s.event.first):
        deployment = _deployment(step, replica_sets)
        current = open_by_deployment.get(deployment)
        if current is None or not current.accepts(step, deployment):
            current = Rollout(deployment)
            open_by_deployment[deployment] = current
            rollouts.append(current)
        current.add(step)
    return rollouts


def _deployment(step: Scaling, replica_sets: dict[str, ReplicaSetFacts]) -> str:
    event = step.event
    if event.object_kind == "Deployment":
        return event.object_name
    return workload_name("ReplicaSet", step.replica_set, replica_sets)


def rollout_event(
    rollout: Rollout, path: str, replica_sets: dict[str, ReplicaSetFacts]
) -> EvidenceEvent:
    first, last = rollout.steps[0].event, rollout.steps[-1].event
    target = replica_sets.get(rollout.target) if rollout.target else None
    labels = {
        "replica_set": rollout.target,
        "image": target.image if target else None,
        "revision": target.revision if target else None,
        "namespace": first.namespace,
    }
    return EvidenceEvent(
        at=first.first,
        kind=SignalKind.ROLLOUT,
        text=_describe(rollout, target),
        source="kubernetes",
        ref=EvidenceRef(path, detail=f"Deployment/{rollout.deployment} ScalingReplicaSet"),
        service=rollout.deployment,
        end=last.last if last.last > first.first else None,
        count=len(rollout.steps),
        labels={key: value for key, value in labels.items() if value},
    )


def _describe(rollout: Rollout, target: ReplicaSetFacts | None) -> str:
    final: dict[tuple[str, str], int] = {}
    for step in rollout.steps:
        final[(step.direction, step.replica_set)] = step.replicas
    parts = [f"replica set {rs} scaled {direction} to {n}" for (direction, rs), n in final.items()]
    image = target.image if target and target.image else "image unknown"
    lead = (
        f"Rollout of {rollout.deployment} to {rollout.target} ({image})"
        if rollout.target
        else f"Deployment {rollout.deployment} scaled"
    )
    return f"{lead}: {'; '.join(parts)}"


def creation_event(facts: ReplicaSetFacts, created: datetime, path: str) -> EvidenceEvent:
    """A replica set's creation: the start of a rollout when no scaling events remain."""
    deployment = facts.deployment or workload_name("ReplicaSet", facts.name, {})
    revision = f"revision {facts.revision}, " if facts.revision else ""
    image = facts.image or "image unknown"
    labels = {"replica_set": facts.name, "image": facts.image, "revision": facts.revision}
    return EvidenceEvent(
        at=created,
        kind=SignalKind.ROLLOUT,
        text=f"Replica set {facts.name} of {deployment} created ({revision}{image})",
        source="kubernetes",
        ref=EvidenceRef(path, detail=f"ReplicaSet/{facts.name}"),
        service=deployment,
        labels={key: value for key, value in labels.items() if value},
    )
