"""Evidence in, timeline out: milestones, delays, changes and condensed entries.

Everything that leaves here has passed through redaction: timeline text, milestone
methods and change descriptions are derived from evidence and may carry secrets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from hotwash.evidence.model import EvidenceBatch
from hotwash.incidents.milestones import Milestone
from hotwash.redact import Redactor
from hotwash.timeline.changes import changes_before
from hotwash.timeline.delays import compute_delays
from hotwash.timeline.entries import event_entries, log_entries, milestone_entries
from hotwash.timeline.milestones import find_milestones
from hotwash.timeline.model import MilestoneFinding, Timeline, TimelineEntry
from hotwash.timeline.signals import impact_signals


@dataclass
class BuildOptions:
    since: datetime | None = None
    until: datetime | None = None
    overrides: dict[Milestone, datetime] = field(default_factory=dict)
    redactor: Redactor = field(default_factory=Redactor)


def build_timeline(batch: EvidenceBatch, options: BuildOptions | None = None) -> Timeline:
    options = options or BuildOptions()
    signals = impact_signals(batch.metrics, batch.logs)
    found = find_milestones(batch.events, signals, options.overrides)
    onset = found.get(Milestone.IMPACT_START)
    file_starts = {s.path: s.first_time for s in batch.stats if s.first_time is not None}
    entries = event_entries(batch.events) + log_entries(
        batch.logs, file_starts, onset.at if onset else None
    )
    entries = milestone_entries(found, entries)
    redact = options.redactor.redact
    return Timeline(
        entries=sorted(
            (replace(e, text=redact(e.text)) for e in _within(entries, options)), key=lambda e: e.at
        ),
        milestones={m: replace(f, method=redact(f.method)) for m, f in found.items()},
        delays=compute_delays({m: f.at for m, f in found.items()}),
        changes=[
            replace(c, text=redact(c.text))
            for c in changes_before(batch.events, onset.at if onset else None)
        ],
        stats=batch.stats,
        redactions=dict(options.redactor.counts),
        since=options.since,
        until=options.until,
        metrics=batch.metrics,
        logs=batch.logs,
    )


def _within(entries: list[TimelineEntry], options: BuildOptions) -> list[TimelineEntry]:
    """Entries inside --since/--until; milestones are always kept, wherever they fall."""
    return [
        e
        for e in entries
        if e.milestones
        or (
            (options.since is None or e.at >= options.since)
            and (options.until is None or e.at <= options.until)
        )
    ]


def milestone_times(found: dict[Milestone, MilestoneFinding]) -> dict[Milestone, datetime]:
    return {milestone: finding.at for milestone, finding in found.items()}
