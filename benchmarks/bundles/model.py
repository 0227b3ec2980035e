"""What a randomised incident is made of: traffic, the fault, the people, the evidence kept.

Times are epoch seconds (UTC). Zones are IANA names; ``None`` for a naive log's zone
means the workspace zone (``ReadContext.default_zone``) applies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Burst:
    """A short error burst that is not the incident (a deploy blip, a flaky dependency)."""

    at: float
    seconds: float
    share: float


@dataclass(frozen=True)
class Traffic:
    service: str
    rpm: float
    baseline_error: float
    latency_median: float  # seconds; requests are lognormal around it
    bursts: tuple[Burst, ...]


@dataclass(frozen=True)
class Fault:
    """The incident: from ``onset`` a share of requests fail (or are slow) until ``end``."""

    kind: str  # "errors" or "latency"
    onset: float
    ramp: float  # seconds from onset to full impact; 0 is a step
    end: float
    share: float  # share of requests affected at full impact
    slow_errors: bool  # failing requests time out, so latency rises with the errors

    def share_at(self, t: Floats) -> Floats:
        """Share of requests the fault affects at each time in ``t``."""
        progress = np.clip((t - self.onset) / self.ramp, 0.0, 1.0) if self.ramp > 0 else 1.0
        inside = (t >= self.onset) & (t < self.end)
        return np.where(inside, self.share * progress, 0.0)

    def time_to_reach(self, share: float) -> float | None:
        """When the affected share first reaches ``share`` (None if it never does)."""
        if share > self.share:
            return None
        return self.onset + (self.ramp * share / self.share if self.ramp > 0 else 0.0)


@dataclass(frozen=True)
class People:
    """Alerting and humans. ``None``: it did not happen (no alert fired, nobody reported)."""

    alert_at: float | None
    report_at: float | None
    report_text: str
    page_at: float | None
    ack_at: float | None
    declare_at: float
    declare_text: str
    ask_at: float | None  # "should we declare?" before the declaration
    mitigation_note_at: float
    resolve_at: float


@dataclass(frozen=True)
class PromShape:
    step: int  # seconds between samples
    window: int  # rate()/histogram window, seconds
    naming: str  # "recording" (metric name kept) or "expression" (no name: the file says)
    quantile: float = 0.99


@dataclass(frozen=True)
class AppLog:
    fmt: str  # bunyan, pino, zap, structlog, logfmt, log4j, syslog, klog
    owner: str  # "main", "other" or "infra"
    zone: str | None  # per-source zone of naive times; None: the workspace zone
    info_share: float  # share of successful requests that log a line


@dataclass(frozen=True)
class Evidence:
    access: str | None  # "nginx", "apache-combined", "apache-common"
    access_zone: str
    access_shared: bool  # the other service's requests go through the same proxy log
    prom_ratio: PromShape | None
    prom_latency: PromShape | None
    alerts: str | None  # "v2" or "amtool"
    pagerduty: bool
    slack: bool
    deploys: bool
    app_logs: tuple[AppLog, ...]


@dataclass(frozen=True)
class Scenario:
    seed: int
    start: float  # logs and metrics cover start..end
    end: float
    zone: str  # the workspace zone
    main: Traffic
    other: Traffic
    fault: Fault
    people: People
    evidence: Evidence

    def describe(self) -> str:
        f, e = self.fault, self.evidence
        shape = f"ramp {f.ramp / 60:.0f} min" if f.ramp else "step"
        logs = ",".join(f"{a.fmt}:{a.owner}" for a in e.app_logs) or "-"
        kept = [
            name
            for name, present in (
                (f"access={e.access}", e.access),
                ("prom-ratio", e.prom_ratio),
                ("prom-latency", e.prom_latency),
                (f"alerts={e.alerts}", e.alerts),
                ("pagerduty", e.pagerduty),
                ("slack", e.slack),
                ("deploys", e.deploys),
            )
            if present
        ]
        return (
            f"{f.kind} {shape} {100 * f.share:.0f}% for {(f.end - f.onset) / 60:.0f} min, "
            f"{self.main.rpm:.0f} req/min, baseline {100 * self.main.baseline_error:.2g}%, "
            f"zone {self.zone}; {' '.join(kept)} logs={logs}"
        )
