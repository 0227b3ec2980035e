"""Elasticsearch / OpenSearch: a date-histogram aggregation, then raw documents for a few windows.

One ``_search`` with ``size: 0`` asks the cluster for per-minute totals and error
counts (a ``date_histogram`` with an error ``filter`` inside) over the window: the
cluster counts, hotwash receives one bucket per minute. The answer is kept as sent
under ``.raw/`` (hidden from readers, covered by custody) and turned into two series
in the Prometheus ``query_range`` shape. Error documents are then pulled for the
windows :func:`line_windows` picks and saved one ``_source`` per line (JSON lines).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from hotwash.config.settings import ElasticsearchEndpoint
from hotwash.live.counts import ERROR_LEVELS, matrix_document
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import publish_dir, safe_name, staging_dir, write_atomic
from hotwash.live.http import ApiClient
from hotwash.live.spikes import line_windows
from hotwash.live.unit import Fetched, UnitContext
from hotwash.live.window import Window

SOURCE = "elasticsearch"


def fetch_elasticsearch(
    context: UnitContext, endpoint: ElasticsearchEndpoint, service: str, query: str
) -> Fetched:
    client = context.client(SOURCE, endpoint)
    if endpoint.username and endpoint.password_env:
        client.auth = (endpoint.username, context.secret(endpoint.password_env, SOURCE))
    search = f"/{endpoint.index}/_search"
    reply = client.post(search, _histogram_body(endpoint, query, context.window))
    buckets, partial = _buckets(reply.data)
    minutes = np.array([b["key"] // 60_000 for b in buckets], dtype=np.float64)
    totals = np.array([b["doc_count"] for b in buckets], dtype=np.float64)
    errors = np.array([b["errors"]["doc_count"] for b in buckets], dtype=np.float64)
    if not totals.sum():
        return Fetched(note=f"no documents match {query!r} in the window")
    windows = line_windows(minutes, totals, errors, context.window)
    documents, truncated = _documents(client, search, endpoint, query, windows)
    folder, name = f"{SOURCE}/{safe_name(service)}", safe_name(service)
    staging = staging_dir(context.folder / folder)
    labels = {"service": service, "source": SOURCE}
    write_atomic(staging / ".raw" / "histogram.json", reply.body)
    write_atomic(staging / f"{name}-log_lines.json", matrix_document(labels, minutes, totals))
    write_atomic(staging / f"{name}-log_errors.json", matrix_document(labels, minutes, errors))
    if documents:
        write_atomic(staging / f"{name}.elasticsearch.jsonl", "".join(documents).encode())
    publish_dir(staging, context.folder / folder)
    notes = [partial] if partial else []
    if truncated:
        notes.append(f"{truncated} window(s) hit the limit of {endpoint.line_limit} documents")
    return Fetched([folder], note="; ".join(notes) or None)


def _filters(endpoint: ElasticsearchEndpoint, query: str, window: Window) -> list[object]:
    span = {"gte": window.since.isoformat(), "lte": window.until.isoformat()}
    return [
        {"range": {endpoint.time_field: span | {"format": "strict_date_optional_time"}}},
        {"query_string": {"query": query}},
    ]


def _errors(endpoint: ElasticsearchEndpoint) -> dict[str, object]:
    return {"terms": {endpoint.level_field: list(ERROR_LEVELS)}}


def _histogram_body(endpoint: ElasticsearchEndpoint, query: str, window: Window) -> dict[str, Any]:
    bounds = {
        "min": int(window.since.timestamp() * 1000),
        "max": int(window.until.timestamp() * 1000),
    }
    histogram = {
        "field": endpoint.time_field,
        "fixed_interval": "1m",
        "min_doc_count": 0,
        "extended_bounds": bounds,
    }
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"bool": {"filter": _filters(endpoint, query, window)}},
        "aggs": {
            "per_minute": {
                "date_histogram": histogram,
                "aggs": {"errors": {"filter": _errors(endpoint)}},
            }
        },
    }


def _buckets(data: Any) -> tuple[list[dict[str, Any]], str | None]:
    """The histogram's buckets, and a note if some shards did not answer."""
    try:
        buckets = data["aggregations"]["per_minute"]["buckets"]
        checked = [
            b
            for b in buckets
            if isinstance(b["key"], int | float) and b["errors"]["doc_count"] >= 0
        ]
    except (KeyError, TypeError) as error:
        raise FetchError(
            Failure.PARTIAL, f"{SOURCE}: answer without the per-minute buckets ({error})"
        ) from None
    return checked, _partial(data)


def _partial(data: dict[str, Any]) -> str | None:
    shards = data.get("_shards")
    failed = shards.get("failed", 0) if isinstance(shards, dict) else 0
    if failed and isinstance(shards, dict):
        return f"partial answer: {failed} of {shards.get('total', '?')} shards failed"
    return "partial answer: the search timed out" if data.get("timed_out") is True else None


def _documents(
    client: ApiClient,
    search: str,
    endpoint: ElasticsearchEndpoint,
    query: str,
    windows: list[Window],
) -> tuple[list[str], int]:
    lines: dict[str, str] = {}
    truncated = 0
    for window in windows:
        body = {
            "size": endpoint.line_limit,
            "sort": [{endpoint.time_field: "asc"}],
            "query": {"bool": {"filter": [*_filters(endpoint, query, window), _errors(endpoint)]}},
        }
        hits = _hits(client.post(search, body).data)
        truncated += len(hits) >= endpoint.line_limit
        for hit in hits:
            lines[str(hit.get("_id", len(lines)))] = (
                json.dumps(hit.get("_source"), ensure_ascii=False) + "\n"
            )
    return list(lines.values()), truncated


def _hits(data: Any) -> list[dict[str, Any]]:
    try:
        hits = data["hits"]["hits"]
    except (KeyError, TypeError):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: search answer without hits") from None
    return [hit for hit in hits if isinstance(hit, dict) and isinstance(hit.get("_source"), dict)]
