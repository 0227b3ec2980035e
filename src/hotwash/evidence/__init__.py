"""Evidence: reading raw files (logs, metrics, alerts, pages, chat, changes) into events."""

from hotwash.evidence.hookspecs import hookimpl
from hotwash.evidence.model import (
    EvidenceBatch,
    EvidenceEvent,
    EvidenceRef,
    IngestStats,
    LogSummary,
    MetricRole,
    MetricSeries,
    MinuteCounts,
    SignalKind,
    TemplateStat,
)
from hotwash.evidence.source import EvidenceSource, ReadContext, Target

__all__ = [
    "EvidenceBatch",
    "EvidenceEvent",
    "EvidenceRef",
    "EvidenceSource",
    "IngestStats",
    "LogSummary",
    "MetricRole",
    "MetricSeries",
    "MinuteCounts",
    "ReadContext",
    "SignalKind",
    "Target",
    "TemplateStat",
    "hookimpl",
]
