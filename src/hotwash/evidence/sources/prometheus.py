"""Prometheus query results saved from the HTTP API (``/api/v1/query_range`` and ``/query``).

``{"status": "success", "data": {"resultType": "matrix", "result": [...]}}`` becomes one
:class:`MetricSeries` per result, with numpy arrays, a guessed role and unit, and the
service from its labels. An ``"status": "error"`` response is reported, not fatal.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from hotwash.evidence.model import EvidenceBatch, EvidenceRef, IngestStats, MetricSeries
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.fields import (
    SERVICE_LABELS,
    JsonObject,
    as_list,
    as_object,
    first_of,
    string_map,
    text,
)
from hotwash.evidence.sources.jsondoc import load_json_documents
from hotwash.evidence.sources.prometheus_roles import guess_role
from hotwash.evidence.sources.prometheus_samples import (
    FloatArray,
    Samples,
    counter_rate,
    looks_cumulative,
    to_samples,
)
from hotwash.evidence.sources.reading import new_stats, note_load_problem
from hotwash.evidence.sources.timestamps import from_epoch_seconds

_RESULT_TYPE = re.compile(r'"resultType"\s*:\s*"(?:matrix|vector|scalar|string)"')
_ERROR_STATUS = re.compile(r'"status"\s*:\s*"error"')
_COUNTER_SUFFIXES = ("_total", "_count", "_sum", "_bucket")


class PrometheusSource:
    """Metric series from saved Prometheus API responses."""

    name = "prometheus"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.0
        head = target.head.decode("utf-8", errors="replace")
        if _RESULT_TYPE.search(head) and '"result"' in head:
            return 0.95
        if _ERROR_STATUS.search(head) and '"errorType"' in head:
            return 0.9
        return 0.0

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        stats = new_stats(target.path, context, "prometheus")
        loaded = load_json_documents(target.path)
        note_load_problem(stats, loaded)
        reader = _ResponseReader(target.path, context, stats)
        for document in loaded.documents:
            reader.response(document)
        return EvidenceBatch(metrics=reader.series, stats=[stats])


class _ResponseReader:
    def __init__(self, path: Path, context: ReadContext, stats: IngestStats) -> None:
        self.path, self.context, self.stats = path, context, stats
        self.series: list[MetricSeries] = []

    def response(self, document: object) -> None:
        body = as_object(document)
        if body is None:
            self.stats.skip("not a Prometheus API response")
            return
        self._notes(body)
        if text(body, "status") == "error":
            self.stats.skip("Prometheus error response")
            kind, message = text(body, "errorType") or "error", text(body, "error") or "no message"
            self.stats.notes.append(f"Prometheus returned an error: {kind}: {message}")
            return
        data = body if "resultType" in body else as_object(body.get("data"))
        self._data(data)

    def _notes(self, body: JsonObject) -> None:
        for key in ("warnings", "infos"):
            for item in as_list(body.get(key)) or []:
                self.stats.notes.append(f"Prometheus {key[:-1]}: {item}")

    def _data(self, data: JsonObject | None) -> None:
        kind = text(data, "resultType")
        result = data.get("result") if data else None
        if kind == "scalar":
            self._series({}, [result], single=True)
        elif kind in {"matrix", "vector"} and isinstance(result, list):
            for item in result:
                self._result_item(as_object(item), single=kind == "vector")
        elif kind == "string":
            self.stats.skip("string result (not a time series)")
        else:
            self.stats.skip("response without a matrix or vector result")

    def _result_item(self, item: JsonObject | None, *, single: bool) -> None:
        pairs = as_list(item.get("value" if single else "values")) if item else None
        if item is None or pairs is None:
            self.stats.skip("result without samples")
            return
        self._series(string_map(item.get("metric")), [pairs] if single else pairs, single=single)

    def _series(self, labels: dict[str, str], pairs: list[object], *, single: bool) -> None:
        samples = to_samples(pairs)
        self.stats.skip("malformed sample", samples.malformed)
        self.stats.skip("sample time out of range", samples.out_of_range)
        name = labels.pop("__name__", None)
        series = self._build(name, labels, samples, single=single)
        if series is None:
            self.stats.skip("series without usable samples")
            return
        self.series.append(series)
        self.stats.records += 1
        self._widen_span(series)

    def _build(
        self, name: str | None, labels: dict[str, str], samples: Samples, *, single: bool
    ) -> MetricSeries | None:
        times, values, rate = samples.times, samples.values, False
        if name and name.endswith(_COUNTER_SUFFIXES) and not single and looks_cumulative(values):
            self.stats.notes.append(f"{name}: cumulative counter read as a per-second rate")
            times, values, rate, name = *counter_rate(times, values), True, f"rate({name})"
        times, values = self._in_window(times, values)
        if not len(times):
            return None
        label = name or self.path.name.split(".")[0]
        role, unit = guess_role(f"{label} {self.path.stem}", labels, values, rate=rate)
        return MetricSeries(
            name=label,
            labels=labels,
            times=times,
            values=values,
            ref=EvidenceRef(self.context.display_path(self.path), detail=selector(label, labels)),
            role=role,
            unit=unit,
            service=first_of(labels, SERVICE_LABELS),
        )

    def _in_window(self, times: FloatArray, values: FloatArray) -> tuple[FloatArray, FloatArray]:
        keep = np.ones(len(times), dtype=bool)
        if self.context.since is not None:
            keep &= times >= self.context.since.timestamp()
        if self.context.until is not None:
            keep &= times <= self.context.until.timestamp()
        self.stats.skip("sample outside the time window", int((~keep).sum()))
        return times[keep], values[keep]

    def _widen_span(self, series: MetricSeries) -> None:
        first, last = (from_epoch_seconds(float(series.times[i])) for i in (0, -1))
        if self.stats.first_time is None or first < self.stats.first_time:
            self.stats.first_time = first
        if self.stats.last_time is None or last > self.stats.last_time:
            self.stats.last_time = last


def selector(name: str, labels: dict[str, str]) -> str:
    """``name{a="1",b="2"}``: how Prometheus itself writes a series."""
    inner = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    return f"{name}{{{inner}}}"
