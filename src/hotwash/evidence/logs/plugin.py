"""The pluggy plugin registering :class:`LogsSource` (entry point ``logs``)."""

from __future__ import annotations

from hotwash.evidence.hookspecs import hookimpl
from hotwash.evidence.logs.source import LogsSource
from hotwash.evidence.source import EvidenceSource


@hookimpl
def hotwash_evidence_sources() -> list[EvidenceSource]:
    return [LogsSource()]
