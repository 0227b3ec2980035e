"""One Kubernetes Event object (core/v1 or events.k8s.io/v1) read into plain facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from hotwash.evidence.sources.fields import JsonObject, nested, text
from hotwash.evidence.sources.timestamps import parse_instant

_SCALED = re.compile(r"Scaled (up|down) replica set (\S+) (?:from \d+ )?to (\d+)")
_FIRST_KEYS = ("firstTimestamp", "deprecatedFirstTimestamp", "eventTime")
_LAST_KEYS = ("lastTimestamp", "deprecatedLastTimestamp")


@dataclass(frozen=True)
class KubeEvent:
    reason: str
    message: str
    event_type: str
    object_kind: str | None
    object_name: str
    namespace: str | None
    first: datetime
    last: datetime
    count: int
    assumed_zone: bool = False

    @property
    def object_ref(self) -> str:
        return f"{self.object_kind or 'object'}/{self.object_name}"


@dataclass(frozen=True)
class Scaling:
    """``Scaled up replica set checkout-7d9f8c6b5 to 3``, read."""

    event: KubeEvent
    direction: str
    replica_set: str
    replicas: int


def kube_event(item: JsonObject, zone: tzinfo) -> KubeEvent | str:
    """The event's facts, or why it is skipped."""
    involved = nested(item, "involvedObject") or nested(item, "regarding")
    name = text(involved, "name")
    if name is None:
        return "event without an involved object"
    first, assumed = _first_time(item, zone)
    if first is None:
        return "event without a readable time"
    last = _time(item, _LAST_KEYS, zone) or _time(
        nested(item, "series"), ("lastObservedTime",), zone
    )
    return KubeEvent(
        reason=text(item, "reason") or "(no reason)",
        message=text(item, "message", "note") or "",
        event_type=text(item, "type") or "Normal",
        object_kind=text(involved, "kind"),
        object_name=name,
        namespace=text(involved, "namespace"),
        first=first,
        last=max(first, last or first),
        count=_count(item),
        assumed_zone=assumed,
    )


def scaling(event: KubeEvent) -> Scaling | None:
    match = _SCALED.search(event.message)
    if event.reason != "ScalingReplicaSet" or match is None:
        return None
    direction, replica_set, replicas = match.groups()
    return Scaling(event, direction, replica_set, int(replicas))


def _first_time(item: JsonObject, zone: tzinfo) -> tuple[datetime | None, bool]:
    metadata = nested(item, "metadata")
    for obj, key in [(item, key) for key in _FIRST_KEYS] + [(metadata, "creationTimestamp")]:
        parsed = parse_instant(obj.get(key) if obj else None, zone)
        if parsed.at is not None:
            return parsed.at, parsed.assumed
    return None, False


def _time(obj: JsonObject | None, keys: tuple[str, ...], zone: tzinfo) -> datetime | None:
    for key in keys:
        parsed = parse_instant(obj.get(key) if obj else None, zone)
        if parsed.at is not None:
            return parsed.at
    return None


def _count(item: JsonObject) -> int:
    for value in (
        item.get("count"),
        item.get("deprecatedCount"),
        (nested(item, "series") or {}).get("count"),
    ):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return 1
