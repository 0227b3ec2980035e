"""Impact in numbers: failed requests, error share, the peak, affected services, duration.

Every figure is computed from the condensed evidence over the impact window (impact
start to mitigation) and names the file it comes from. A figure the evidence cannot
support is ``None``, and the draft shows a placeholder instead of a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from hotwash.evidence.model import LogSummary, MetricRole, MetricSeries, SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.model import Timeline

Floats = npt.NDArray[np.float64]
_PEAK_ROLES = (MetricRole.ERROR_RATIO, MetricRole.ERROR_RATE, MetricRole.LATENCY)


@dataclass(frozen=True)
class Peak:
    value: float
    unit: str
    at: datetime
    label: str
    source: str


@dataclass(frozen=True)
class FailedRequests:
    failed: int
    total: int
    sources: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.failed / self.total if self.total else 0.0


@dataclass
class ImpactFigures:
    start: datetime | None = None
    end: datetime | None = None
    failed: FailedRequests | None = None
    peak: Peak | None = None
    affected: list[str] = field(default_factory=list)

    @property
    def duration(self) -> timedelta | None:
        return self.end - self.start if self.start and self.end else None


def impact_figures(timeline: Timeline, services: list[str]) -> ImpactFigures:
    start = _at(timeline, Milestone.IMPACT_START)
    end = _at(timeline, Milestone.MITIGATED) or _at(timeline, Milestone.RESOLVED)
    figures = ImpactFigures(start=start, end=end)
    if start is None:
        figures.affected = list(dict.fromkeys(services))
        return figures
    window = (start, end or datetime.max.replace(tzinfo=UTC))
    figures.failed = failed_requests(timeline.logs, window)
    figures.peak = peak(timeline.metrics, timeline.logs, window)
    figures.affected = affected_services(timeline, services, window)
    return figures


def _at(timeline: Timeline, milestone: Milestone) -> datetime | None:
    finding = timeline.milestones.get(milestone)
    return finding.at if finding else None


def _minute_arrays(counts: Mapping[int, int]) -> tuple[Floats, Floats]:
    minutes = np.fromiter(counts.keys(), dtype=np.float64, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    return minutes, values


def _in_window(minutes: Floats, window: tuple[datetime, datetime]) -> npt.NDArray[np.bool_]:
    # Epoch minutes: a minute belongs to the window when it starts inside it.
    first = window[0].timestamp() // 60
    last = window[1].timestamp() / 60 if window[1].year < 9999 else np.inf
    return (minutes >= first) & (minutes < last)


def failed_requests(
    logs: list[LogSummary], window: tuple[datetime, datetime]
) -> FailedRequests | None:
    """5xx responses and all responses in access logs during the window."""
    access = [summary for summary in logs if "access" in summary.format and summary.rates.total]
    if not access:
        return None
    failed = total = 0
    for summary in access:
        minutes, totals = _minute_arrays(summary.rates.total)
        error_minutes, errors = _minute_arrays(summary.rates.errors)
        total += int(totals[_in_window(minutes, window)].sum())
        failed += int(errors[_in_window(error_minutes, window)].sum())
    return FailedRequests(failed, total, tuple(summary.path for summary in access))


def peak(
    metrics: list[MetricSeries], logs: list[LogSummary], window: tuple[datetime, datetime]
) -> Peak | None:
    """The worst value of the most telling user-facing signal during the window."""
    for role in _PEAK_ROLES:
        found = [p for s in metrics if s.role is role if (p := _metric_peak(s, window))]
        if found:
            return max(found, key=lambda p: p.value)
    found = [p for summary in logs if (p := _access_peak(summary, window))]
    return max(found, key=lambda p: p.value) if found else None


def _metric_peak(series: MetricSeries, window: tuple[datetime, datetime]) -> Peak | None:
    inside = _in_window(series.times / 60.0, window) & np.isfinite(series.values)
    if not inside.any():
        return None
    index = int(np.argmax(np.where(inside, series.values, -np.inf)))
    value, unit = float(series.values[index]), series.unit or ""
    if unit == "ratio":  # a share reads better as a percentage
        value, unit = value * 100.0, "%"
    label = series.name + (f" of {series.service}" if series.service else "")
    at = datetime.fromtimestamp(float(series.times[index]), UTC)
    return Peak(value, unit, at, label, series.ref.path)


def _access_peak(summary: LogSummary, window: tuple[datetime, datetime]) -> Peak | None:
    if "access" not in summary.format or not summary.rates.errors:
        return None
    minutes, totals = _minute_arrays(summary.rates.total)
    errors = np.array([summary.rates.errors.get(int(m), 0) for m in minutes], dtype=np.float64)
    inside = _in_window(minutes, window) & (totals > 0)
    if not inside.any():
        return None
    shares = np.where(inside, errors / np.maximum(totals, 1.0), -np.inf)
    index = int(np.argmax(shares))
    at = datetime.fromtimestamp(float(minutes[index]) * 60.0, UTC)
    label = f"5xx share of {summary.service} requests"
    return Peak(float(shares[index]) * 100.0, "%", at, label, summary.path)


def affected_services(
    timeline: Timeline, services: list[str], window: tuple[datetime, datetime]
) -> list[str]:
    """Recorded services, then services whose metrics, alerts or new errors show the impact."""
    onset = timeline.milestones[Milestone.IMPACT_START]
    evidence = {ref.path for ref in onset.evidence}
    found = list(services)
    found += [s.service for s in timeline.metrics if s.ref.path in evidence and s.service]
    found += [
        entry.service
        for entry in timeline.entries
        if entry.service
        and entry.kind in {SignalKind.ALERT_FIRING, SignalKind.NEW_TEMPLATE}
        and window[0] - timedelta(minutes=10) <= entry.at <= window[1]
    ]
    return list(dict.fromkeys(found))
