"""Condense evidence into timeline entries a person can read in a minute.

Discrete events (alerts, pages, chat, deploys, notes) become one entry each. Logs
never do line by line: each error or warning template becomes one entry at its first
appearance, carrying its count and time span ("502 GET /api/checkout (edge-nginx):
12,431 over 24 min"). Only the templates that matter are kept: the busiest ones and
those first seen around impact start.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hotwash.evidence.model import EvidenceEvent, LogSummary, SignalKind, TemplateStat
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.model import MilestoneFinding, TimelineEntry

MAX_TEMPLATES = 12  # the busiest error/warning templates shown across all log files
NEAR_ONSET = timedelta(minutes=10)  # a new template this close to impact start is always shown
# A template first seen this long after its file begins was new in the window, not chronic.
NEW_AFTER = timedelta(minutes=5)
_NOTABLE_LEVELS = {"error", "fatal", "critical", "warning", "warn"}


def event_entries(events: list[EvidenceEvent]) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            at=e.at,
            text=e.text,
            source=e.source,
            kind=e.kind,
            actor=e.actor,
            service=e.service,
            ref=e.ref,
            end=e.end,
            count=e.count,
        )
        for e in events
    ]


def log_entries(
    logs: list[LogSummary], file_starts: dict[str, datetime], onset: datetime | None
) -> list[TimelineEntry]:
    candidates = [
        (summary, stat)
        for summary in logs
        for stat in summary.templates
        if (stat.level or "").lower() in _NOTABLE_LEVELS
    ]
    busiest = sorted(candidates, key=lambda pair: pair[1].count, reverse=True)[:MAX_TEMPLATES]
    near = [pair for pair in candidates if onset and abs(pair[1].first_seen - onset) <= NEAR_ONSET]
    chosen = {id(stat): (summary, stat) for summary, stat in [*busiest, *near]}
    return [
        _template_entry(summary, stat, file_starts.get(summary.path))
        for summary, stat in chosen.values()
    ]


def _template_entry(
    summary: LogSummary, stat: TemplateStat, file_start: datetime | None
) -> TimelineEntry:
    new = file_start is not None and stat.first_seen - file_start >= NEW_AFTER
    span = stat.last_seen - stat.first_seen
    head = f"{'New ' if new else ''}{(stat.level or 'log').lower()} template"
    text = f"{head} ({summary.service}): {stat.template}"
    if stat.count > 1:
        text += f": {stat.count:,} over {_span(span)}"
    kind = SignalKind.NEW_TEMPLATE if new else SignalKind.REPEATED
    return TimelineEntry(
        at=stat.first_seen,
        text=text,
        source=summary.path,
        kind=kind,
        service=summary.service,
        ref=stat.first_ref,
        end=stat.last_seen,
        count=stat.count,
    )


def milestone_entries(
    found: dict[Milestone, MilestoneFinding], entries: list[TimelineEntry]
) -> list[TimelineEntry]:
    """Mark entries that are a milestone's evidence; add an entry where none is."""
    marked = list(entries)
    for milestone, finding in found.items():
        index = _evidence_entry(marked, finding)
        if index is None:
            marked.append(
                TimelineEntry(
                    at=finding.at,
                    text=f"{milestone.label.capitalize()}: {finding.method}",
                    source="hotwash (derived)",
                    kind=SignalKind.NOTE,
                    ref=finding.evidence[0] if finding.evidence else None,
                    milestones=(milestone,),
                )
            )
            continue
        entry = marked[index]
        marked[index] = _with_milestone(entry, milestone)
    return marked


def _evidence_entry(entries: list[TimelineEntry], finding: MilestoneFinding) -> int | None:
    refs = set(finding.evidence)
    for index, entry in enumerate(entries):
        if entry.ref in refs and entry.at == finding.at and not finding.overridden:
            return index
    return None


def _with_milestone(entry: TimelineEntry, milestone: Milestone) -> TimelineEntry:
    return replace(entry, milestones=(*entry.milestones, milestone))


def _span(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    if minutes < 1:
        return f"{int(delta.total_seconds())} s"
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes / 60:.1f} h"
