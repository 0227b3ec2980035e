"""Per-minute signals of user-facing trouble, from metrics and from condensed logs.

Impact start and mitigation are read off these. Metrics that users feel (error
ratio, error rate, latency) and access logs come first; application error logs
are a fallback because they also count errors users never see.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np
import numpy.typing as npt

from hotwash.evidence.model import EvidenceRef, LogSummary, MetricRole, MetricSeries
from hotwash.timeline.routes import route_errors
from hotwash.timeline.windows import window_minutes

Array = npt.NDArray[np.float64]

# Lower ranks are trusted first when signals disagree.
_METRIC_RANK = {MetricRole.ERROR_RATIO: 0, MetricRole.ERROR_RATE: 1, MetricRole.LATENCY: 2}
ACCESS_LOG_RANK = 1
APP_LOG_RANK = 3


@dataclass(frozen=True)
class ImpactSignal:
    name: str
    minutes: Array
    values: Array
    totals: Array | None
    metric: bool
    rank: int
    ref: EvidenceRef
    unit: str = ""
    window: float = 0.0  # minutes a metric's every value averages over (see windows.py)

    @property
    def user_facing(self) -> bool:
        return self.rank < APP_LOG_RANK


def impact_signals(metrics: list[MetricSeries], logs: list[LogSummary]) -> list[ImpactSignal]:
    found = [signal for series in metrics if (signal := _from_metric(series)) is not None]
    found += [signal for summary in logs if (signal := _from_log(summary)) is not None]
    found += [signal for summary in logs for signal in _per_route(summary)]
    return sorted(found, key=lambda signal: signal.rank)


def _from_metric(series: MetricSeries) -> ImpactSignal | None:
    rank = _METRIC_RANK.get(series.role)
    if rank is None or series.times.size == 0:
        return None
    minutes, values = _per_minute_mean(series.times, series.values)
    label = series.name + (f" of {series.service}" if series.service else "")
    return ImpactSignal(
        label,
        minutes,
        values,
        None,
        True,
        rank,
        series.ref,
        series.unit or "",
        window_minutes(f"{series.name} {PurePosixPath(series.ref.path).stem}"),
    )


def _from_log(summary: LogSummary) -> ImpactSignal | None:
    rates = summary.rates
    if not rates.total:
        return None
    minutes = np.array(sorted(rates.total), dtype=np.float64)
    totals = np.array([rates.total[int(m)] for m in minutes], dtype=np.float64)
    errors = np.array([rates.errors.get(int(m), 0) for m in minutes], dtype=np.float64)
    access = "access" in summary.format
    rank = ACCESS_LOG_RANK if access else APP_LOG_RANK
    what = "5xx ratio" if access else "error-log ratio"
    name = f"{what} of {summary.service} ({summary.path})"
    return ImpactSignal(name, minutes, errors, totals, False, rank, EvidenceRef(summary.path))


def _per_route(summary: LogSummary) -> list[ImpactSignal]:
    """Server errors per minute of each route of a proxy's access log (see routes.py)."""
    if "access" not in summary.format or not summary.rates.total:
        return []
    minutes = np.array(sorted(summary.rates.total), dtype=np.float64)
    return [
        ImpactSignal(
            f"5xx of {route} ({summary.path})",
            minutes,
            np.array([counts.get(int(m), 0) for m in minutes], dtype=np.float64),
            None,
            False,
            ACCESS_LOG_RANK,
            EvidenceRef(summary.path, detail=route),
        )
        for route, counts in route_errors(summary).items()
    ]


def _per_minute_mean(times: Array, values: Array) -> tuple[Array, Array]:
    """Average samples into epoch minutes; NaN samples are ignored (gaps abstain)."""
    minutes = np.floor(times / 60.0)
    keep = np.isfinite(values)
    unique, index = np.unique(minutes[keep], return_inverse=True)
    sums = np.bincount(index, weights=values[keep], minlength=unique.size)
    counts = np.bincount(index, minlength=unique.size)
    return unique, sums / np.maximum(counts, 1)
