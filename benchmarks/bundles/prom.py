"""Prometheus ``query_range`` responses computed from the simulated requests.

The error ratio is ``rate(errors[w]) / rate(requests[w])`` and the latency a
``histogram_quantile`` over the usual buckets, both over a trailing window ``w`` at
each step, as Prometheus evaluates them: a short burst lingers for a window, and a
window without requests is ``NaN``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bundles.model import PromShape
from bundles.traffic import Requests

Floats = npt.NDArray[np.float64]
BUCKETS = np.array([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])


def write_prometheus(
    path: Path, streams: list[Requests], shape: PromShape, start: float, end: float, what: str
) -> None:
    first = np.ceil((start + shape.window) / shape.step) * shape.step
    times = np.arange(first, end, shape.step)
    results = []
    for requests in streams:
        service = str(requests.services[0]) if requests.size else "unknown"
        values = (
            error_ratio(requests, times, shape.window)
            if what == "ratio"
            else latency_quantile(requests, times, shape.window, shape.quantile)
        )
        metric = {"service": service, "job": service}
        if shape.naming == "recording":
            metric["__name__"] = _recording_name(what, shape)
        results.append({"metric": metric, "values": _pairs(times, values)})
    body = {"status": "success", "data": {"resultType": "matrix", "result": results}}
    path.write_text(json.dumps(body), encoding="utf-8")


def file_name(service: str, what: str, shape: PromShape, rng: np.random.Generator) -> str:
    if shape.naming == "recording" and rng.random() < 0.5:
        return f"prometheus-query-{what}.json"  # the metric name says what it is
    if what == "ratio":
        return f"{service}_error_ratio.json" if rng.random() < 0.5 else f"{service}-5xx-ratio.json"
    return f"{service}-p{100 * shape.quantile:.0f}-latency-seconds.json"


def _recording_name(what: str, shape: PromShape) -> str:
    window = f"{shape.window // 60}m"
    if what == "ratio":
        return f"job:http_requests_5xx:ratio_rate{window}"
    return f"service:request_latency_seconds:p{100 * shape.quantile:.0f}_{window}"


def error_ratio(requests: Requests, times: Floats, window: float) -> Floats:
    low, high = _window_bounds(requests, times, window)
    errors = np.concatenate(([0], np.cumsum(requests.error)))
    total = (high - low).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (errors[high] - errors[low]) / total


def latency_quantile(requests: Requests, times: Floats, window: float, q: float) -> Floats:
    low, high = _window_bounds(requests, times, window)
    bucket = np.searchsorted(BUCKETS, requests.latency, side="left")
    onehot = np.zeros((requests.size + 1, BUCKETS.size + 1))
    onehot[np.arange(1, requests.size + 1), bucket] = 1.0
    running = np.cumsum(onehot, axis=0)
    cumulative = np.cumsum(running[high] - running[low], axis=1)
    total = cumulative[:, -1]
    rank = q * total
    found = np.argmax(cumulative >= rank[:, None], axis=1)
    upper = np.append(BUCKETS, BUCKETS[-1])[found]
    lower = np.where(found > 0, np.append([0.0], BUCKETS)[found], 0.0)
    below = np.where(found > 0, cumulative[np.arange(times.size), found - 1], 0.0)
    inside = cumulative[np.arange(times.size), found] - below
    with np.errstate(invalid="ignore", divide="ignore"):
        value = lower + (upper - lower) * (rank - below) / inside
    value = np.where(found == BUCKETS.size, BUCKETS[-1], value)  # the +Inf bucket
    return np.where(total > 0, value, np.nan)


def _window_bounds(
    requests: Requests, times: Floats, window: float
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    high = np.searchsorted(requests.t, times, side="right")
    low = np.searchsorted(requests.t, times - window, side="right")
    return low, high


def _pairs(times: Floats, values: Floats) -> list[list[object]]:
    return [
        [int(t), "NaN" if not np.isfinite(v) else f"{v:.6g}"]
        for t, v in zip(times, values, strict=True)
    ]
