"""MTTD, MTTA, MTTM and MTTR: overall, by month, by severity and by service.

Definitions follow the timeline's delays (:mod:`hotwash.timeline.delays`): time to
detect is impact start to detection, to acknowledge is detection to acknowledgement,
to mitigate and to resolve are measured from impact start. An incident counts towards
a figure only if its postmortem gives both ends; ``n`` says how many did. Means hide
one long outage among short ones, so medians are reported beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from hotwash.review.history import PastIncident

METRICS = {
    "MTTD": "detection",
    "MTTA": "acknowledgement",
    "MTTM": "mitigation_from_impact",
    "MTTR": "resolution",
}
LABELS = {
    "MTTD": "time to detect (impact start → detected)",
    "MTTA": "time to acknowledge (detected → acknowledged)",
    "MTTM": "time to mitigate (impact start → mitigated)",
    "MTTR": "time to resolve (impact start → resolved)",
}
Table = list[dict[str, Any]]


def delay_frame(incidents: Sequence[PastIncident]) -> pl.DataFrame:
    """One row per incident and service (incidents without a service get "(none)")."""
    rows = [
        {
            "incident": incident.key,
            "month": incident.started_at.strftime("%Y-%m") if incident.started_at else None,
            "severity": incident.severity.value if incident.severity else "unknown",
            "services": list(incident.services) or ["(none)"],
            **{name: incident.delays.get(source) for name, source in METRICS.items()},
        }
        for incident in incidents
    ]
    schema: dict[str, Any] = {"incident": pl.String, "month": pl.String, "severity": pl.String}
    schema |= {"services": pl.List(pl.String)} | dict.fromkeys(METRICS, pl.Float64)
    return pl.DataFrame(rows, schema=schema)


def overall(frame: pl.DataFrame) -> dict[str, dict[str, float | int | None]]:
    once = frame.drop("services")
    return {name: _summary(once[name]) for name in METRICS}


def by_key(frame: pl.DataFrame, key: str) -> Table:
    """Mean, median and count of each metric per ``key`` (month, severity or service)."""
    source = frame.explode("services").rename({"services": "service"})
    if key != "service":
        source = frame.drop("services")
    source = source.filter(pl.col(key).is_not_null())
    aggregations = [pl.len().alias("incidents")]
    for name in METRICS:
        aggregations += [
            pl.col(name).mean().alias(f"{name}_mean"),
            pl.col(name).median().alias(f"{name}_median"),
            pl.col(name).count().alias(f"{name}_n"),
        ]
    grouped = source.group_by(key).agg(aggregations).sort(key)
    return [_rounded(row) for row in grouped.to_dicts()]


def _summary(column: pl.Series) -> dict[str, float | int | None]:
    known = column.drop_nulls()
    if known.is_empty():
        return {"mean": None, "median": None, "n": 0}
    return {
        "mean": round(float(known.mean() or 0.0), 1),  # type: ignore[arg-type]
        "median": round(float(known.median() or 0.0), 1),  # type: ignore[arg-type]
        "n": known.len(),
    }


def _rounded(row: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in row.items()}
