"""Per-minute counts from a log store, to and from the Prometheus ``query_range`` shape.

Loki's metric queries answer in that shape already; Elasticsearch's date histogram is
turned into it, so both are read by the Prometheus evidence source like any series.
"""

from __future__ import annotations

import json

import numpy as np
import numpy.typing as npt

Counts = npt.NDArray[np.float64]
ERROR_LEVELS = ("error", "ERROR", "Error", "fatal", "FATAL", "critical", "CRITICAL", "panic")
ERROR_PATTERN = "(?i)(error|fatal|panic|exception|critical)"


def matrix_minutes(data: object) -> tuple[Counts, Counts]:
    """Epoch minutes and values summed over all series of a matrix answer."""
    totals: dict[int, float] = {}
    body = data.get("data") if isinstance(data, dict) else None
    result = body.get("result") if isinstance(body, dict) else None
    for series in result if isinstance(result, list) else []:
        values = series.get("values") if isinstance(series, dict) else None
        for pair in values if isinstance(values, list) else []:
            moment, value = _sample(pair)
            if moment is not None:
                minute = int(moment // 60)
                totals[minute] = totals.get(minute, 0.0) + value
    minutes = np.array(sorted(totals), dtype=np.float64)
    return minutes, np.array([totals[int(m)] for m in minutes], dtype=np.float64)


def aligned(minutes: Counts, values: Counts, onto: Counts) -> Counts:
    """``values`` at the minutes ``onto``; minutes it lacks count 0 (no line matched)."""
    positions = np.searchsorted(minutes, onto)
    positions = np.clip(positions, 0, max(minutes.size - 1, 0))
    found = minutes.size > 0
    hit = (minutes[positions] == onto) if found else np.zeros(onto.size, dtype=bool)
    return np.where(hit, values[positions] if found else 0.0, 0.0)


def matrix_document(labels: dict[str, str], minutes: Counts, values: Counts) -> bytes:
    """A ``query_range`` answer with one series: ``[[epoch seconds, "value"], ...]``."""
    samples = [
        [int(m) * 60, f"{v:g}"] for m, v in zip(minutes.tolist(), values.tolist(), strict=True)
    ]
    document = {
        "status": "success",
        "data": {"resultType": "matrix", "result": [{"metric": labels, "values": samples}]},
    }
    return (json.dumps(document) + "\n").encode("utf-8")


def _sample(pair: object) -> tuple[float | None, float]:
    if not isinstance(pair, list) or len(pair) != 2:
        return None, 0.0
    try:
        return float(pair[0]), float(pair[1])
    except (TypeError, ValueError):
        return None, 0.0
