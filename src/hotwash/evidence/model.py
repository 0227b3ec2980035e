"""What evidence becomes once read: events, metric series, condensed logs, ingest stats.

Every source plugin turns files into an :class:`EvidenceBatch`. Times are aware
UTC datetimes; every fact keeps an :class:`EvidenceRef` back to where it came from,
so each milestone and delay in a timeline can name its evidence.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt


class SignalKind(enum.StrEnum):
    """What an evidence event says happened; the timeline builder reasons on these."""

    ALERT_FIRING = "alert_firing"
    ALERT_RESOLVED = "alert_resolved"
    PAGE_TRIGGERED = "page_triggered"
    PAGE_NOTIFIED = "page_notified"
    PAGE_ACKNOWLEDGED = "page_acknowledged"
    PAGE_RESOLVED = "page_resolved"
    CHAT_MESSAGE = "chat_message"
    DEPLOY = "deploy"
    ROLLOUT = "rollout"
    COMMIT = "commit"
    CONFIG_CHANGE = "config_change"
    LOG = "log"
    NEW_TEMPLATE = "new_template"
    REPEATED = "repeated"
    NOTE = "note"
    STATUS_CHANGE = "status_change"


@dataclass(frozen=True)
class EvidenceRef:
    """Where a fact was read: a file, optionally a 1-based line, and a detail (alert name...)."""

    path: str
    line: int | None = None
    detail: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where} ({self.detail})" if self.detail else where


@dataclass(frozen=True)
class EvidenceEvent:
    at: datetime
    kind: SignalKind
    text: str
    source: str
    ref: EvidenceRef
    actor: str | None = None
    service: str | None = None
    end: datetime | None = None
    count: int = 1
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


class MetricRole(enum.StrEnum):
    ERROR_RATIO = "error_ratio"
    ERROR_RATE = "error_rate"
    LATENCY = "latency"
    REQUEST_RATE = "request_rate"
    SATURATION = "saturation"
    OTHER = "other"


@dataclass
class MetricSeries:
    """One time series; ``times`` are epoch seconds (UTC), ``values`` floats (NaN = gap)."""

    name: str
    labels: dict[str, str]
    times: npt.NDArray[np.float64]
    values: npt.NDArray[np.float64]
    ref: EvidenceRef
    role: MetricRole = MetricRole.OTHER
    unit: str | None = None
    service: str | None = None


@dataclass
class TemplateStat:
    """One log event template seen in a file, with when and how often it appeared."""

    template: str
    level: str | None
    count: int
    first_seen: datetime
    last_seen: datetime
    first_ref: EvidenceRef
    minute_counts: dict[int, int] = field(default_factory=dict)  # epoch minute -> count


@dataclass
class MinuteCounts:
    """Per-minute counts (epoch minutes) of all records, errors and warnings for one service."""

    service: str
    total: dict[int, int] = field(default_factory=dict)
    errors: dict[int, int] = field(default_factory=dict)
    warnings: dict[int, int] = field(default_factory=dict)


@dataclass
class LogSummary:
    """A log file condensed: rates per minute and its templates. Raw lines are not kept."""

    path: str
    service: str
    format: str
    rates: MinuteCounts
    templates: list[TemplateStat]


@dataclass
class IngestStats:
    """What reading one file did: format, counts, what was skipped and why, zone assumed."""

    path: str
    format: str
    lines: int = 0
    records: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    assumed_zone: str | None = None
    backwards_timestamps: int = 0
    first_time: datetime | None = None
    last_time: datetime | None = None
    notes: list[str] = field(default_factory=list)
    # Lines that belong to the record above them (stack traces, SQL statements):
    # lines == records + continuation_lines + sum(skipped.values()) for line-based sources.
    continuation_lines: int = 0
    # Records kept despite a problem (level of an unexpected type, bytes replaced...), per reason.
    flagged: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, count: int = 1) -> None:
        if count:
            self.skipped[reason] = self.skipped.get(reason, 0) + count

    def flag(self, reason: str, count: int = 1) -> None:
        if count:
            self.flagged[reason] = self.flagged.get(reason, 0) + count


@dataclass
class EvidenceBatch:
    events: list[EvidenceEvent] = field(default_factory=list)
    metrics: list[MetricSeries] = field(default_factory=list)
    logs: list[LogSummary] = field(default_factory=list)
    stats: list[IngestStats] = field(default_factory=list)

    def extend(self, other: EvidenceBatch) -> None:
        self.events.extend(other.events)
        self.metrics.extend(other.metrics)
        self.logs.extend(other.logs)
        self.stats.extend(other.stats)
