"""Log files as evidence: any common format, detected per file by content, streamed.

Public API: :class:`LogsSource` (``sniff``, ``read``, ``detect``, ``iter_messages``).
A file with several services (JSON ``service``, syslog app name, journald unit)
yields one :class:`~hotwash.evidence.model.LogSummary` per service.
"""

from hotwash.evidence.logs.source import LogsSource

__all__ = ["LogsSource"]
