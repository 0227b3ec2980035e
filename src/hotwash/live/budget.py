"""The request budget of one collection: a cap on requests, and what each source used.

A team's store may receive 100 GB a day; hotwash must never turn an incident window
into a bulk export. Every HTTP request is counted against one budget shared by all
sources, and the bytes received are tallied per source for the run's report.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from hotwash.live.errors import Failure, FetchError


@dataclass
class Usage:
    requests: int = 0
    bytes: int = 0


@dataclass
class RequestBudget:
    limit: int
    used: dict[str, Usage] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def spend(self, source: str) -> None:
        """Count one request by ``source``; refuse it once the budget is spent."""
        with self._lock:
            if self.requests >= self.limit:
                raise FetchError(
                    Failure.BUDGET,
                    f"request budget of {self.limit} exhausted"
                    " (raise sources.max_requests to fetch more)",
                )
            self.used.setdefault(source, Usage()).requests += 1

    def received(self, source: str, size: int) -> None:
        with self._lock:
            self.used.setdefault(source, Usage()).bytes += size

    @property
    def requests(self) -> int:
        return sum(usage.requests for usage in self.used.values())

    @property
    def bytes(self) -> int:
        return sum(usage.bytes for usage in self.used.values())


@dataclass
class Meter:
    """One unit's share of the budget: its own counts, charged to the shared budget too."""

    budget: RequestBudget
    source: str
    requests: int = 0
    bytes: int = 0

    def spend(self) -> None:
        self.budget.spend(self.source)
        self.requests += 1

    def received(self, size: int) -> None:
        self.budget.received(self.source, size)
        self.bytes += size
