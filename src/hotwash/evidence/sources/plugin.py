"""The built-in plugin: registered as ``builtin`` under the ``hotwash`` entry points."""

from __future__ import annotations

from hotwash.evidence.hookspecs import hookimpl
from hotwash.evidence.source import EvidenceSource
from hotwash.evidence.sources import (
    AlertmanagerSource,
    DeploysSource,
    GitSource,
    KubectlSource,
    PagerDutySource,
    PrometheusSource,
    SlackSource,
)


@hookimpl
def hotwash_evidence_sources() -> list[EvidenceSource]:
    """Metrics, alerts, pages, chat, commits, Kubernetes changes and deploy records."""
    return [
        PrometheusSource(),
        AlertmanagerSource(),
        PagerDutySource(),
        SlackSource(),
        GitSource(),
        KubectlSource(),
        DeploysSource(),
    ]
