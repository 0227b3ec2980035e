"""What each chart shows: error rate, latency and request rate over the incident window.

Prometheus series are used when the evidence has them; otherwise rates are derived
from logs (5xx share and requests per minute from access logs, error records per
minute from application logs). A chart with no data is not drawn, and the draft says
so. Labels are redacted: a series name or file name can carry anything.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from hotwash.evidence.model import LogSummary, MetricRole, MetricSeries
from hotwash.incidents.milestones import Milestone
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

Floats = npt.NDArray[np.float64]
MAX_LINES = 5  # more lines than this and nobody can read the chart
MIN_PAD = timedelta(minutes=10)


class ChartKind(enum.StrEnum):
    ERROR_RATE = "error-rate"
    LATENCY = "latency"
    REQUEST_RATE = "request-rate"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Line:
    label: str
    times: Floats  # epoch seconds, UTC
    values: Floats
    source: str


@dataclass(frozen=True)
class ChartData:
    kind: ChartKind
    unit: str
    lines: tuple[Line, ...]
    start: datetime
    end: datetime
    milestones: tuple[tuple[Milestone, datetime], ...]
    derived_from_logs: bool

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(line.source for line in self.lines))


def chart_window(timeline: Timeline) -> tuple[datetime, datetime] | None:
    """Impact start to mitigation (or resolution), padded on both sides."""
    times = {m: f.at for m, f in timeline.milestones.items()}
    start = times.get(Milestone.IMPACT_START) or times.get(Milestone.DETECTED)
    end = times.get(Milestone.MITIGATED) or times.get(Milestone.RESOLVED)
    if start is None:
        return None
    end = end if end is not None and end > start else start + timedelta(minutes=30)
    pad = max(MIN_PAD, (end - start) / 4)
    # Later milestones (resolution) are shown when they are close enough not to squash the rest.
    later = [at for at in times.values() if end < at <= end + (end - start)]
    return start - pad, max([end, *later]) + pad


def charts_for(timeline: Timeline, redactor: Redactor) -> list[ChartData]:
    window = chart_window(timeline)
    if window is None:
        return []
    milestones = tuple(sorted(((m, f.at) for m, f in timeline.milestones.items()), key=_second))
    found = []
    for kind in ChartKind:
        chosen = _lines(kind, timeline)
        if chosen is None:
            continue
        unit, lines, from_logs = chosen
        clipped = tuple(_redacted(_clip(line, window), redactor) for line in lines)
        kept = tuple(line for line in clipped if line.times.size)[:MAX_LINES]
        if kept:
            found.append(ChartData(kind, unit, kept, *window, milestones, from_logs))
    return found


def _second(pair: tuple[Milestone, datetime]) -> datetime:
    return pair[1]


def _lines(kind: ChartKind, timeline: Timeline) -> tuple[str, list[Line], bool] | None:
    if kind is ChartKind.ERROR_RATE:
        return _metric_lines(timeline.metrics, MetricRole.ERROR_RATIO) or (
            _metric_lines(timeline.metrics, MetricRole.ERROR_RATE) or _log_errors(timeline.logs)
        )
    if kind is ChartKind.LATENCY:
        return _metric_lines(timeline.metrics, MetricRole.LATENCY)
    return _metric_lines(timeline.metrics, MetricRole.REQUEST_RATE) or _log_requests(timeline.logs)


def _metric_lines(
    metrics: list[MetricSeries], role: MetricRole
) -> tuple[str, list[Line], bool] | None:
    chosen = [series for series in metrics if series.role is role and series.times.size]
    if not chosen:
        return None
    unit = chosen[0].unit or ""
    same_unit = [series for series in chosen if (series.unit or "") == unit]
    scale, shown_unit = (100.0, "%") if unit == "ratio" else (1.0, unit)
    lines = [
        Line(_metric_label(s), s.times, s.values * scale, s.ref.path)
        for s in sorted(same_unit, key=lambda s: -float(np.nanmax(s.values, initial=0.0)))
    ]
    return shown_unit, lines, False


def _metric_label(series: MetricSeries) -> str:
    return series.name + (f" of {series.service}" if series.service else "")


def _log_errors(logs: list[LogSummary]) -> tuple[str, list[Line], bool] | None:
    access = [s for s in logs if "access" in s.format and s.rates.total]
    if access:
        lines = [_share_line(summary) for summary in access]
        return "%", lines, True
    apps = [s for s in logs if s.rates.errors]
    if not apps:
        return None
    lines = [
        _count_line(s.rates.errors, f"error records of {s.service}", s.path)
        for s in sorted(apps, key=lambda s: -sum(s.rates.errors.values()))
    ]
    return "records/min", lines, True


def _log_requests(logs: list[LogSummary]) -> tuple[str, list[Line], bool] | None:
    access = [s for s in logs if "access" in s.format and s.rates.total]
    if not access:
        return None
    lines = [_count_line(s.rates.total, f"requests to {s.service}", s.path) for s in access]
    return "requests/min", lines, True


def _share_line(summary: LogSummary) -> Line:
    minutes, totals = _dense(summary.rates.total)
    errors = _aligned(summary.rates.errors, minutes)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, errors / totals * 100.0, np.nan)
    return Line(f"5xx share of {summary.service} requests", minutes * 60.0, shares, summary.path)


def _count_line(counts: Mapping[int, int], label: str, source: str) -> Line:
    minutes, values = _dense(counts)
    return Line(label, minutes * 60.0, values, source)


def _dense(counts: Mapping[int, int]) -> tuple[Floats, Floats]:
    """Every minute from the first to the last, zero where nothing was counted."""
    if not counts:
        return np.empty(0), np.empty(0)
    first, last = min(counts), max(counts)
    minutes = np.arange(first, last + 1, dtype=np.float64)
    return minutes, _aligned(counts, minutes)


def _aligned(counts: Mapping[int, int], minutes: Floats) -> Floats:
    values = np.zeros(minutes.size, dtype=np.float64)
    if counts and minutes.size:
        keys = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        found = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        index = keys - int(minutes[0])
        keep = (index >= 0) & (index < minutes.size)
        values[index[keep]] = found[keep]
    return values


def _clip(line: Line, window: tuple[datetime, datetime]) -> Line:
    start, end = (moment.astimezone(UTC).timestamp() for moment in window)
    inside = (line.times >= start) & (line.times <= end)
    return Line(line.label, line.times[inside], line.values[inside], line.source)


def _redacted(line: Line, redactor: Redactor) -> Line:
    return Line(redactor.redact(line.label), line.times, line.values, redactor.redact(line.source))
