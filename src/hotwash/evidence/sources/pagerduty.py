"""PagerDuty incident log entries (REST API v2 ``/incidents/{id}/log_entries``).

Accepts a bare list of entries, a ``{"log_entries": [...]}`` response, and several
pages of responses saved together (as a JSON array or one after the other).
Trigger, notify, acknowledge and resolve entries become page signals; every other
entry (annotate, escalate, assign...) is kept as a NOTE.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from hotwash.evidence.model import EvidenceBatch, EvidenceEvent, EvidenceRef
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.fields import JsonObject, as_list, as_object
from hotwash.evidence.sources.jsondoc import load_json_documents
from hotwash.evidence.sources.pagerduty_entries import describe_entry
from hotwash.evidence.sources.reading import (
    SkipFn,
    finish_events,
    new_stats,
    note_assumed_zone,
    note_load_problem,
    zone_for,
)
from hotwash.evidence.sources.timestamps import parse_instant

_ENTRY_TYPE = re.compile(r'"type"\s*:\s*"[a-z_]+_log_entry"')


class PagerDutySource:
    """Page triggers, notifications, acknowledgements and resolutions from PagerDuty."""

    name = "pagerduty"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.0
        head = target.head.decode("utf-8", errors="replace")
        if _ENTRY_TYPE.search(head):
            return 0.95
        return 0.6 if re.search(r'"log_entries"\s*:', head) else 0.0

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        stats = new_stats(target.path, context, "pagerduty")
        loaded = load_json_documents(target.path)
        note_load_problem(stats, loaded)
        zone = zone_for(target.path, context)
        path = context.display_path(target.path)
        seen: set[str] = set()
        events: list[EvidenceEvent] = []
        for entry in _entries(loaded.documents, stats.skip):
            read = _event(entry, path, zone, stats.skip)
            if read is None:
                continue
            event, assumed = read
            entry_id = event.labels.get("entry_id")
            if entry_id is not None and entry_id in seen:
                stats.skip("duplicate log entry (pages overlap)")
                continue
            seen.update([entry_id] if entry_id is not None else [])
            if assumed:
                note_assumed_zone(stats, zone)
            events.append(event)
        return EvidenceBatch(events=finish_events(events, context, stats), stats=[stats])


def _entries(documents: list[object], skip: SkipFn) -> list[JsonObject]:
    entries: list[JsonObject] = []
    pending = list(documents)
    while pending:
        document = pending.pop(0)
        body = as_object(document)
        listed = as_list(body.get("log_entries")) if body is not None else as_list(document)
        if listed is None:
            skip("not a list of log entries")
            continue
        if body is None and listed and all(_is_response(item) for item in listed):
            pending[:0] = listed  # an array of saved pages: read each page
            continue
        for item in listed:
            entry = as_object(item)
            if entry is None or "log_entries" in entry:
                skip("log entry is not an object")
            else:
                entries.append(entry)
    return entries


def _is_response(item: object) -> bool:
    body = as_object(item)
    return body is not None and "log_entries" in body


def _event(
    entry: JsonObject, path: str, zone: tzinfo, skip: SkipFn
) -> tuple[EvidenceEvent, bool] | None:
    """The entry's event and whether its time was naive, or ``None`` once skipped."""
    described = describe_entry(entry)
    if isinstance(described, str):
        skip(described)
        return None
    created = parse_instant(entry.get("created_at"), zone)
    if created.at is None:
        skip(f"log entry created_at: {created.problem}")
        return None
    event = EvidenceEvent(
        at=created.at,
        kind=described.kind,
        text=described.text,
        source="pagerduty",
        ref=EvidenceRef(path, detail=described.detail),
        actor=described.actor,
        service=described.service,
        labels=described.labels,
    )
    return event, created.assumed
