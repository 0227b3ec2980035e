"""Guess what a Prometheus series measures (errors, latency, traffic, saturation) and its unit.

A saved query result rarely says what the query was: ``rate()`` and ``sum by`` drop
the metric name. So the guess reads every hint there is: ``__name__``, the labels
(``code="502"``), and the name the responder gave the file (``checkout_5xx_ratio``),
then checks the values (a ratio lies within 0..1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from hotwash.evidence.model import MetricRole
from hotwash.evidence.sources.prometheus_samples import FloatArray

_ERROR = re.compile(r"error|errors|err_|5xx|5\.\.|fail|fault|exception|unavailable")
_RATIO = re.compile(r"ratio|fraction|share|availability|success_rate|percent|pct")
_PERCENT = re.compile(r"percent|pct")
_RATE = re.compile(r"_total|rate|per_second|per_sec|rps|qps|_count\b")
_LATENCY = re.compile(r"duration|latency|response_time|histogram_quantile|\bp\d{2}\b|_p\d{2}")
_MILLIS = re.compile(r"_ms(?:_|\b)|millis")
_SECONDS = re.compile(r"seconds|_s(?:_|\b)|_sec(?:_|\b)")
_SATURATION = re.compile(
    r"cpu|memory|mem_|heap|utili[sz]ation|saturation|queue|pool|connections|threads"
    r"|disk|inflight|in_flight|goroutines|load\d*\b|throttl"
)
_REQUESTS = re.compile(r"requests|request_rate|\brps\b|\bqps\b|throughput|handled|calls")
_BYTES = re.compile(r"bytes")
_STATUS_LABELS = ("code", "status", "status_code", "http_status", "response_code")
_SERVER_ERROR_CODE = re.compile(r"^5(\d\d|\.\.|xx)$", re.IGNORECASE)

Guess = tuple[MetricRole, str | None]


def guess_role(hint: str, labels: Mapping[str, str], values: FloatArray, *, rate: bool) -> Guess:
    """Role and unit for a series; ``hint`` holds its name and the file's name."""
    words = hint.lower()
    if _ERROR.search(words) or _server_error_labels(labels):
        return _error_guess(words, values, rate=rate)
    if _LATENCY.search(words) or (_SECONDS.search(words) and "_total" not in words):
        return MetricRole.LATENCY, _time_unit(words)
    if _SATURATION.search(words):
        return MetricRole.SATURATION, _saturation_unit(words, values)
    if _REQUESTS.search(words):
        return MetricRole.REQUEST_RATE, "1/s"
    return MetricRole.OTHER, None


def _error_guess(words: str, values: FloatArray, *, rate: bool) -> Guess:
    if _PERCENT.search(words) and _within(values, 100.0):
        return MetricRole.ERROR_RATIO, "%"
    if _RATIO.search(words) and _within(values, 1.0):
        return MetricRole.ERROR_RATIO, "ratio"
    if rate or _RATE.search(words) or not _within(values, 1.0):
        return MetricRole.ERROR_RATE, "1/s"
    return MetricRole.ERROR_RATIO, "ratio"


def _server_error_labels(labels: Mapping[str, str]) -> bool:
    return any(_SERVER_ERROR_CODE.match(labels.get(key, "")) for key in _STATUS_LABELS)


def _time_unit(words: str) -> str | None:
    if _MILLIS.search(words):
        return "ms"
    return "s" if _SECONDS.search(words) else None


def _saturation_unit(words: str, values: FloatArray) -> str | None:
    if _BYTES.search(words):
        return "bytes"
    if _PERCENT.search(words) and _within(values, 100.0):
        return "%"
    if _RATIO.search(words) or re.search(r"utili[sz]ation|saturation", words):
        return "ratio" if _within(values, 1.0) else None
    return None


def _within(values: FloatArray, top: float) -> bool:
    """All real values within 0..top (NaN gaps ignored); an empty series says nothing."""
    finite = values[np.isfinite(values)]
    return bool(len(finite)) and bool(((finite >= 0) & (finite <= top)).all())
