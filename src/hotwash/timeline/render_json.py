"""The timeline as JSON: milestones, delays (seconds), events, changes and ingest stats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hotwash.evidence.model import EvidenceRef, IngestStats
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.delays import DELAYS
from hotwash.timeline.model import ChangeNearOnset, MilestoneFinding, Timeline, TimelineEntry


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    found = timeline.milestones
    return {
        "milestones": {m.value: iso(found[m].at) if m in found else None for m in Milestone},
        "milestone_evidence": {
            m.value: _finding(found[m]) if m in found else None for m in Milestone
        },
        "delays": {name: _seconds(timeline, name) for name in DELAYS},
        "events": [_entry(entry) for entry in timeline.entries],
        "changes": [_change(change) for change in timeline.changes],
        "files": [_stats(stats) for stats in timeline.stats],
        "redactions": dict(sorted(timeline.redactions.items())),
        "window": {"since": iso(timeline.since), "until": iso(timeline.until)},
    }


def _seconds(timeline: Timeline, name: str) -> int | None:
    delay = timeline.delays.get(name)
    return None if delay is None else round(delay.total_seconds())


def _ref(ref: EvidenceRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"path": ref.path, "line": ref.line, "detail": ref.detail, "text": str(ref)}


def _finding(finding: MilestoneFinding) -> dict[str, Any]:
    return {
        "time": iso(finding.at),
        "method": finding.method,
        "confidence": round(finding.confidence, 2),
        "evidence": [_ref(ref) for ref in finding.evidence],
        "overridden": finding.overridden,
        "computed": iso(finding.computed),
    }


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "time": iso(entry.at),
        "event": entry.text,
        "source": entry.source,
        "actor": entry.actor,
        "kind": entry.kind.value,
        "service": entry.service,
        "milestones": [m.value for m in entry.milestones],
        "end": iso(entry.end),
        "count": entry.count,
        "evidence": _ref(entry.ref),
    }


def _change(change: ChangeNearOnset) -> dict[str, Any]:
    return {
        "time": iso(change.at),
        "change": change.text,
        "source": change.source,
        "kind": change.kind.value,
        "service": change.service,
        "actor": change.actor,
        "seconds_before_impact": round(change.gap.total_seconds()),
        "suspicious": change.suspicious,
        "evidence": _ref(change.ref),
    }


def _stats(stats: IngestStats) -> dict[str, Any]:
    return {
        "path": stats.path,
        "format": stats.format,
        "lines": stats.lines,
        "records": stats.records,
        "skipped": dict(stats.skipped),
        "assumed_zone": stats.assumed_zone,
        "backwards_timestamps": stats.backwards_timestamps,
        "first_time": iso(stats.first_time),
        "last_time": iso(stats.last_time),
        "notes": list(stats.notes),
    }
