"""The review's charts as PNG files: response times by month, triggers and categories,
action-item aging and completion.

Drawn on a bare ``Figure`` (the Agg backend, no window, no pyplot state) with fixed
size, dpi and font and no timestamps in the metadata, so the same review draws the same
bytes on every run.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from hotwash.review.metrics import METRICS
from hotwash.review.report import Count, Review

DPI = 100
LABEL_WIDTH = 18  # characters per line of a bar's label
STYLE = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib: every machine draws alike
    "font.size": 9.0,
    "axes.grid": True,
    "grid.alpha": 0.3,
}
_COLOURS = {"MTTD": "#d62728", "MTTA": "#9467bd", "MTTM": "#ff7f0e", "MTTR": "#1f77b4"}


def draw_plots(review: Review, folder: Path) -> list[tuple[str, Path]]:
    """Write every chart that has data into ``folder``; return (title, path) pairs."""
    charts = [
        ("Response times by month (median minutes)", "times", _times),
        ("Incidents by trigger and category", "counts", _counts),
        ("Action items: open by age, and done by month", "actions", _actions),
    ]
    drawn = []
    for title, stem, draw in charts:
        path = folder / f"review-{stem}.png"
        if _render(review, title, draw, path):
            drawn.append((title, path))
    return drawn


def _render(review: Review, title: str, draw: Any, path: Path) -> bool:
    with matplotlib.rc_context(cast(Any, STYLE)):
        figure = Figure(figsize=(9.0, 3.8), dpi=DPI)
        if not draw(figure, review):
            return False
        figure.suptitle(title, fontsize=11)
        figure.savefig(path, format="png", dpi=DPI, metadata={"Software": None})
    return True


def _times(figure: Figure, review: Review) -> bool:
    months = [row["month"] for row in review.by_month]
    if not months:
        return False
    axes = figure.add_subplot()
    for name in METRICS:
        values = [row[f"{name}_median"] for row in review.by_month]
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.plot(xs, ys, marker="o", label=name, color=_COLOURS[name])
    axes.set_xticks(range(len(months)), months, rotation=45, ha="right")
    axes.set_ylabel("minutes")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    figure.subplots_adjust(left=0.08, right=0.86, top=0.86, bottom=0.22)
    return True


def _counts(figure: Figure, review: Review) -> bool:
    if not review.triggers:
        return False
    left, right = figure.subplots(1, 2)
    _bars(left, review.triggers, "trigger", "#1f77b4")
    _bars(right, review.categories, "category", "#2ca02c")
    figure.subplots_adjust(left=0.17, right=0.98, wspace=0.75, top=0.86, bottom=0.14)
    return True


def _bars(axes: Axes, counts: Sequence[Count], what: str, colour: str) -> None:
    names = [textwrap.fill(count.name, LABEL_WIDTH) for count in reversed(counts)]
    axes.barh(names, [len(c.incidents) for c in reversed(counts)], color=colour)
    axes.set_xlabel(f"incidents by {what}")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def _actions(figure: Figure, review: Review) -> bool:
    stats = review.actions
    if not stats.total:
        return False
    left, right = figure.subplots(1, 2)
    ages = list(stats.open_by_age.items())
    left.bar([a for a, _ in ages], [n for _, n in ages], color="#ff7f0e")
    left.set_ylabel("open items")
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    left.tick_params(axis="x", labelrotation=30)
    months = [row["month"] for row in stats.by_month]
    done = [row["done"] for row in stats.by_month]
    still = [row["total"] - row["done"] for row in stats.by_month]
    right.bar(months, done, label="done", color="#2ca02c")
    right.bar(months, still, bottom=done, label="not done", color="#c7c7c7")
    right.set_ylabel("items, by incident month")
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.tick_params(axis="x", labelrotation=45)
    right.legend(frameon=False)
    figure.subplots_adjust(left=0.08, right=0.98, wspace=0.3, top=0.86, bottom=0.24)
    return True
