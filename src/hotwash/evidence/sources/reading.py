"""What every structured source does around its parsing: zone, window, stats, refs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from fnmatch import fnmatch
from pathlib import Path

from hotwash.evidence.model import EvidenceEvent, IngestStats
from hotwash.evidence.source import ReadContext
from hotwash.evidence.sources.jsondoc import JsonLoad
from hotwash.times.zones import zone_name

OUTSIDE_WINDOW = "outside the time window"

# ``IngestStats.skip``: count one skipped item under a reason.
SkipFn = Callable[[str], None]


def zone_for(path: Path, context: ReadContext, service: str | None = None) -> tzinfo:
    """The zone naive times in ``path`` are read in: a matching glob, the service, or default."""
    for pattern, zone in context.zones.items():
        if fnmatch(path.name, pattern) or fnmatch(path.as_posix(), pattern):
            return zone
    if service is not None and service in context.zones:
        return context.zones[service]
    return context.default_zone


def new_stats(path: Path, context: ReadContext, format_name: str) -> IngestStats:
    return IngestStats(path=context.display_path(path), format=format_name)


def note_load_problem(stats: IngestStats, loaded: JsonLoad) -> None:
    """Count a damaged or empty file as a skipped document, with the details in a note."""
    if loaded.problem is None:
        return
    reason = loaded.problem.split(" at line")[0]
    stats.skip(reason)
    if loaded.salvaged_items:
        stats.notes.append(f"{loaded.problem}: kept the {loaded.salvaged_items} complete items")
    elif reason != loaded.problem:
        stats.notes.append(loaded.problem)


def note_assumed_zone(stats: IngestStats, zone: tzinfo) -> None:
    """Record that naive times were read in ``zone`` (said once per file)."""
    stats.assumed_zone = zone_name(zone)


def in_window(
    at: datetime, end: datetime | None, context: ReadContext, *, open_ended: bool = False
) -> bool:
    """Whether something at ``at`` (lasting until ``end``, or on and on) overlaps the window."""
    last = end or at
    if context.since is not None and last < context.since and not open_ended:
        return False
    return context.until is None or at <= context.until


def finish_events(
    events: Iterable[EvidenceEvent],
    context: ReadContext,
    stats: IngestStats,
    still_open: Callable[[EvidenceEvent], bool] | None = None,
) -> list[EvidenceEvent]:
    """The events overlapping the window, in time order, with ``stats`` filled in.

    ``stats.records`` counts the events kept; those outside the window are counted
    as skipped, so nothing read disappears without a trace. ``still_open`` tells
    which events have not ended yet (a firing alert), so overlap any later window.
    """
    produced = list(events)
    is_open = still_open or (lambda event: False)
    kept = sorted(
        (e for e in produced if in_window(e.at, e.end, context, open_ended=is_open(e))),
        key=lambda event: event.at,
    )
    stats.skip(OUTSIDE_WINDOW, len(produced) - len(kept))
    stats.records += len(kept)
    if kept:
        stats.first_time = _earliest(stats.first_time, kept[0].at)
        stats.last_time = _latest(stats.last_time, max(event.at for event in kept))
    return kept


def _earliest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate < current else current


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current
