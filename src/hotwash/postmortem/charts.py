"""Draw the incident charts as PNG and SVG: readable at a glance, identical on every run.

Each chart has a title, a UTC time axis, a value axis with its unit, the milestones
as labelled vertical lines, and the peak marked. Output is deterministic (fixed size,
dpi and font, a fixed SVG hash salt, no dates in the metadata), so a rerun rewrites
the same bytes and golden tests stay stable.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

# A Figure made directly (never through pyplot) draws with Agg and opens no window:
# drafts are written on servers and in CI.
import matplotlib
import matplotlib.dates as mdates
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.chart_data import ChartData, ChartKind, Floats

SIZE_INCHES = (9.0, 3.8)
LEGEND_WIDTH = 30  # characters per legend line; long series names wrap
DPI = 100
STYLE = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib, so every machine draws alike
    "font.size": 9.0,
    "svg.hashsalt": "hotwash",
    "svg.fonttype": "none",
    "axes.grid": True,
    "grid.alpha": 0.3,
}
_MILESTONE_STYLE: dict[Milestone, tuple[str, str]] = {
    Milestone.IMPACT_START: ("#d62728", "-"),
    Milestone.DETECTED: ("#ff7f0e", "--"),
    Milestone.ACKNOWLEDGED: ("#9467bd", ":"),
    Milestone.DECLARED: ("#8c564b", "-."),
    Milestone.MITIGATED: ("#2ca02c", "-"),
    Milestone.RESOLVED: ("#17becf", "--"),
}


@dataclass(frozen=True)
class DrawnChart:
    data: ChartData
    png: Path
    svg: Path
    title: str
    peak_at: datetime | None
    peak_value: float | None


def chart_title(data: ChartData) -> str:
    what = data.lines[0].label if len(data.lines) == 1 else f"{len(data.lines)} series"
    return f"{data.kind.label}: {what}"


def y_label(data: ChartData) -> str:
    return f"{data.kind.label} ({data.unit})" if data.unit else data.kind.label


def draw_chart(data: ChartData, stem: Path) -> DrawnChart:
    """Write ``<stem>.png`` and ``<stem>.svg``; return where, and the peak shown."""
    with matplotlib.rc_context(cast(Any, STYLE)):
        figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
        axes = figure.add_subplot()
        peak = _plot(axes, data)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        figure.subplots_adjust(left=0.08, right=0.70, top=0.88, bottom=0.14)
        png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
        figure.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    peak_at, peak_value = peak if peak else (None, None)
    return DrawnChart(data, png, svg, chart_title(data), peak_at, peak_value)


def _plot(axes: Axes, data: ChartData) -> tuple[datetime, float] | None:
    for line in data.lines:
        label = textwrap.fill(line.label, LEGEND_WIDTH)
        axes.plot(_times(line.times), line.values, linewidth=1.4, label=label)
    for milestone, at in data.milestones:
        if data.start <= at <= data.end:
            colour, style = _MILESTONE_STYLE[milestone]
            label = f"{milestone.label} {at.astimezone(UTC):%H:%M:%S}"
            axes.axvline(_time(at), color=colour, linestyle=style, linewidth=1.1, label=label)
    # A traffic peak says little; the worst error rate or latency is what readers look for.
    peak = _peak(data) if data.kind is not ChartKind.REQUEST_RATE else None
    if peak is not None:
        axes.plot([_time(peak[0])], [peak[1]], marker="o", color="black", markersize=4)
        axes.annotate(
            f"peak {peak[1]:.3g}{_unit_suffix(data.unit)} at {peak[0]:%H:%M} UTC",
            (_time(peak[0]), peak[1]),
            textcoords="offset points",
            xytext=(8, -16),
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85, "linewidth": 0},
        )
    _axes_labels(axes, data)
    return peak


def _axes_labels(axes: Axes, data: ChartData) -> None:
    axes.set_title(chart_title(data), loc="left", fontsize=10)
    axes.set_xlabel(f"Time (UTC), {data.start.astimezone(UTC):%Y-%m-%d}")
    axes.set_ylabel(y_label(data))
    axes.set_xlim(_time(data.start), _time(data.end))
    top = max((float(np.nanmax(line.values, initial=0.0)) for line in data.lines), default=0.0)
    axes.set_ylim(0.0, top * 1.15 if top > 0 else 1.0)
    formatter = mdates.DateFormatter("%H:%M", tz=UTC)  # type: ignore[no-untyped-call]
    locator = mdates.AutoDateLocator(tz=UTC, maxticks=10)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.xaxis.set_major_locator(locator)


def _peak(data: ChartData) -> tuple[datetime, float] | None:
    best: tuple[datetime, float] | None = None
    for line in data.lines:
        finite = np.isfinite(line.values)
        if not finite.any():
            continue
        index = int(np.argmax(np.where(finite, line.values, -np.inf)))
        value = float(line.values[index])
        if best is None or value > best[1]:
            best = (datetime.fromtimestamp(float(line.times[index]), UTC), value)
    return best


def _unit_suffix(unit: str) -> str:
    return unit if unit == "%" else f" {unit}" if unit else ""


def _times(epoch_seconds: Floats) -> npt.NDArray[np.datetime64]:
    # Naive datetime64 is read as UTC by matplotlib's date converter.
    return epoch_seconds.astype("int64").astype("datetime64[s]")


def _time(moment: datetime) -> float:
    return float(mdates.date2num(moment.astimezone(UTC)))  # type: ignore[no-untyped-call]
