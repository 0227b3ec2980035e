"""Log files as evidence: any common format, detected per file by content, streamed.

Public API: :class:`LogsSource` (``sniff``, ``read``, ``detect``, ``iter_messages``).
A file with several services (JSON ``service``, syslog app name, journald unit)
yields one :class:`~hotwash.evidence.model.LogSummary` per service. Every record
counts in the per-minute rates; templates are mined from errors and warnings only
(``LogsSource(mine_levels=None)`` mines every record).

Reading is built for speed (``benchmarks/README.md``): blocks are read and split in
a background thread and scanned two at a time; each format's usual layouts take a
cheap fast path (:mod:`.formats.fast`), every other line the format's exact parse.
"""

from hotwash.evidence.logs.source import LogsSource

__all__ = ["LogsSource"]
