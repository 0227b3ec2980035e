"""A rebuilt timeline: entries, milestones with their evidence, delays and nearby changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hotwash.evidence.model import (
    EvidenceRef,
    IngestStats,
    LogSummary,
    MetricSeries,
    SignalKind,
)
from hotwash.incidents.milestones import Milestone


@dataclass(frozen=True)
class MilestoneFinding:
    """When a milestone happened, how it was found, and the evidence that shows it.

    ``overridden`` marks a time a person set by hand; ``computed`` keeps what the
    evidence said, so an override never hides the evidence.
    """

    milestone: Milestone
    at: datetime
    method: str
    confidence: float
    evidence: tuple[EvidenceRef, ...] = ()
    overridden: bool = False
    computed: datetime | None = None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    text: str
    source: str
    kind: SignalKind
    actor: str | None = None
    service: str | None = None
    ref: EvidenceRef | None = None
    milestones: tuple[Milestone, ...] = ()
    end: datetime | None = None
    count: int = 1


@dataclass(frozen=True)
class ChangeNearOnset:
    """A deploy or change shortly before impact began, and how long before."""

    at: datetime
    text: str
    source: str
    kind: SignalKind
    gap: timedelta
    ref: EvidenceRef
    service: str | None = None
    actor: str | None = None
    suspicious: bool = False  # the seed's "errors start right after a deploy"


@dataclass
class Timeline:
    entries: list[TimelineEntry]
    milestones: dict[Milestone, MilestoneFinding]
    delays: dict[str, timedelta]
    changes: list[ChangeNearOnset]
    stats: list[IngestStats]
    redactions: dict[str, int] = field(default_factory=dict)
    since: datetime | None = None
    until: datetime | None = None
    # The condensed inputs, kept for charts and impact figures (no raw log lines).
    metrics: list[MetricSeries] = field(default_factory=list)
    logs: list[LogSummary] = field(default_factory=list)
