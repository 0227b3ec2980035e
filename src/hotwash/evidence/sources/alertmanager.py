"""Alertmanager alerts: API v2 ``/api/v2/alerts``, ``amtool alert query -o json``, webhooks.

Each alert becomes ALERT_FIRING at ``startsAt`` and, once it is over, ALERT_RESOLVED
at ``endsAt``. Over means the webhook says ``"status": "resolved"``, or ``endsAt`` is
not after ``updatedAt`` (while an alert fires, Alertmanager keeps ``endsAt`` ahead).
Snapshots saved several times hold the same alert again; it is read once.
"""

from __future__ import annotations

import re

from hotwash.evidence.model import EvidenceBatch, EvidenceEvent, EvidenceRef, SignalKind
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.alert_items import AlertItem, read_alert_item
from hotwash.evidence.sources.fields import as_list, as_object
from hotwash.evidence.sources.jsondoc import load_json_documents
from hotwash.evidence.sources.reading import (
    SkipFn,
    finish_events,
    new_stats,
    note_assumed_zone,
    note_load_problem,
    zone_for,
)

_STARTS_AT = re.compile(r'"startsAt"\s*:')
_ALERT_SHAPE = re.compile(r'"(?:fingerprint|generatorURL|alertname)"\s*:')


class AlertmanagerSource:
    """Alert firing and resolution times from Alertmanager's JSON."""

    name = "alertmanager"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.0
        head = target.head.decode("utf-8", errors="replace")
        if not head.lstrip().startswith(("[", "{")) or not _STARTS_AT.search(head):
            return 0.0
        return 0.9 if _ALERT_SHAPE.search(head) and '"labels"' in head else 0.4

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        stats = new_stats(target.path, context, "alertmanager")
        loaded = load_json_documents(target.path)
        note_load_problem(stats, loaded)
        zone = zone_for(target.path, context)
        latest: dict[tuple[str, object], AlertItem] = {}
        for raw in _alert_objects(loaded.documents, stats.skip):
            item = read_alert_item(raw, zone)
            if isinstance(item, str):
                stats.skip(item)
                continue
            if item.assumed_zone:
                note_assumed_zone(stats, zone)
            key = (item.identity, item.starts_at)
            if key in latest:
                stats.skip("same alert in another snapshot")
            if key not in latest or item.updated_at >= latest[key].updated_at:
                latest[key] = item
        path = context.display_path(target.path)
        events = [event for item in latest.values() for event in _events(item, path)]
        kept = finish_events(events, context, stats, still_open=_still_firing)
        return EvidenceBatch(events=kept, stats=[stats])


def _alert_objects(documents: list[object], skip: SkipFn) -> list[object]:
    """The alert objects in each document: a bare list, or a webhook's ``alerts``."""
    alerts: list[object] = []
    for document in documents:
        body = as_object(document)
        found = as_list(body.get("alerts")) if body is not None else as_list(document)
        if found is None:
            skip("not a list of alerts")
            continue
        alerts.extend(found)
    return alerts


def _still_firing(event: EvidenceEvent) -> bool:
    return event.kind is SignalKind.ALERT_FIRING and event.end is None


def _events(item: AlertItem, path: str) -> list[EvidenceEvent]:
    ref = EvidenceRef(path, detail=item.name)
    summary = f": {item.summary}" if item.summary else ""
    suppressed = f" ({item.state})" if item.state == "suppressed" else ""
    firing = EvidenceEvent(
        at=item.starts_at,
        kind=SignalKind.ALERT_FIRING,
        text=f"Alert {item.name} firing{suppressed}{summary}",
        source="alertmanager",
        ref=ref,
        service=item.service,
        end=item.resolved_at,
        labels=item.labels,
    )
    if item.resolved_at is None:
        return [firing]
    resolved = EvidenceEvent(
        at=item.resolved_at,
        kind=SignalKind.ALERT_RESOLVED,
        text=f"Alert {item.name} resolved",
        source="alertmanager",
        ref=ref,
        service=item.service,
        labels=item.labels,
    )
    return [firing, resolved]
