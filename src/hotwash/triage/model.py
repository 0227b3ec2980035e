"""The result of one health check, and how results read in one line."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Health(enum.StrEnum):
    OK = "ok"
    WARN = "warn"  # up, but something needs a look (slow, certificate expiring soon)
    FAIL = "fail"


@dataclass(frozen=True)
class CheckResult:
    service: str
    check: str  # the check's name, or its kind
    kind: str
    target: str  # what was checked: a URL, host:port, a name; never a password
    health: Health
    detail: str
    latency_ms: float | None = None

    def line(self, *, timing: bool = True) -> str:
        shown = timing and self.latency_ms is not None
        took = f" in {self.latency_ms:.0f} ms" if shown else ""
        where = f"{self.service} {self.check} ({self.target})"
        return f"{self.health.value.upper()} {where}: {self.detail}{took}"


@dataclass(frozen=True)
class Verdict:
    """A check's finding before it is tied to a service: health, detail, time taken."""

    health: Health
    detail: str
    latency_ms: float | None = None
