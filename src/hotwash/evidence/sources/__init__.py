"""hotwash's built-in structured evidence sources: metrics, alerts, pages, chat and changes.

Each module reads one kind of evidence; :mod:`.plugin` hands them all to pluggy.
"""

from hotwash.evidence.sources.alertmanager import AlertmanagerSource
from hotwash.evidence.sources.deploys import DeploysSource
from hotwash.evidence.sources.git import GitSource
from hotwash.evidence.sources.kubectl import KubectlSource
from hotwash.evidence.sources.pagerduty import PagerDutySource
from hotwash.evidence.sources.prometheus import PrometheusSource
from hotwash.evidence.sources.slack import SlackSource

__all__ = [
    "AlertmanagerSource",
    "DeploysSource",
    "GitSource",
    "KubectlSource",
    "PagerDutySource",
    "PrometheusSource",
    "SlackSource",
]
