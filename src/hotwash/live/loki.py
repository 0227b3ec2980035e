"""Grafana Loki: metric queries for per-minute counts, then raw lines for a few windows only.

Two ``count_over_time`` metric queries (all lines, error lines) are answered by Loki
as per-minute series: the store does the counting, whatever its volume. They are
saved as Loki sent them (the Prometheus ``query_range`` shape). Then error lines are
pulled only for the windows :func:`line_windows` picks, ``line_limit`` at most each,
and saved as ``<RFC 3339 time> <line>`` (``kubectl logs --timestamps`` style), which the
log reader parses with the line's own format inside.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hotwash.config.settings import LokiEndpoint
from hotwash.live.counts import ERROR_PATTERN, aligned, matrix_minutes
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import publish_dir, safe_name, staging_dir, write_atomic
from hotwash.live.http import ApiClient, Reply
from hotwash.live.spikes import line_windows
from hotwash.live.unit import Fetched, UnitContext
from hotwash.live.window import Window

SOURCE = "loki"
QUERY_RANGE = "/loki/api/v1/query_range"


def fetch_loki(
    context: UnitContext, endpoint: LokiEndpoint, service: str, selector: str
) -> Fetched:
    client = context.client(SOURCE, endpoint)
    errors_only = f'{selector} |~ "{ERROR_PATTERN}"'
    totals = _metric(client, f"sum(count_over_time({selector} [1m]))", context.window)
    errors = _metric(client, f"sum(count_over_time({errors_only} [1m]))", context.window)
    minutes, total_counts = matrix_minutes(totals.data)
    if not minutes.size:
        return Fetched(note=f"no lines match {selector} in the window")
    error_counts = aligned(*matrix_minutes(errors.data), minutes)
    windows = line_windows(minutes, total_counts, error_counts, context.window)
    lines, truncated = _lines(client, errors_only, windows, endpoint.line_limit)
    folder, name = f"{SOURCE}/{safe_name(service)}", safe_name(service)
    staging = staging_dir(context.folder / folder)
    write_atomic(staging / f"{name}-log_lines.json", totals.body)
    write_atomic(staging / f"{name}-log_errors.json", errors.body)
    if lines:
        write_atomic(staging / f"{name}.loki.log", "".join(lines).encode("utf-8"))
    publish_dir(staging, context.folder / folder)
    limit = endpoint.line_limit
    note = f"{truncated} window(s) hit the limit of {limit} lines" if truncated else None
    return Fetched([folder], note=note)


def _metric(client: ApiClient, query: str, window: Window) -> Reply:
    params: dict[str, str | int] = {
        "query": query,
        "start": _nanos(window.since),
        "end": _nanos(window.until),
        "step": "60s",
    }
    reply = client.get(QUERY_RANGE, params)
    _check(reply.data, "matrix", query)
    return reply


def _lines(
    client: ApiClient, query: str, windows: list[Window], limit: int
) -> tuple[list[str], int]:
    entries: list[tuple[int, str]] = []
    truncated = 0
    for window in windows:
        params: dict[str, str | int] = {
            "query": query,
            "start": _nanos(window.since),
            "end": _nanos(window.until),
            "limit": limit,
            "direction": "forward",
        }
        data = client.get(QUERY_RANGE, params).data
        _check(data, "streams", query)
        found = _entries(data)
        truncated += len(found) >= limit
        entries += found
    # Windows may share lines at their edges; each line is kept once, in time order.
    return [
        f"{_rfc3339(nanos)} {line.rstrip()}\n" for nanos, line in sorted(set(entries))
    ], truncated


def _entries(data: Any) -> list[tuple[int, str]]:
    found = []
    for stream in data["data"]["result"]:
        for value in stream.get("values", []) if isinstance(stream, dict) else []:
            if isinstance(value, list) and len(value) >= 2 and str(value[0]).isdigit():
                found.append((int(value[0]), str(value[1])))
    return found


def _check(data: object, kind: str, query: str) -> None:
    if not isinstance(data, dict) or data.get("status") != "success":
        raise FetchError(Failure.REJECTED, f"{SOURCE}: query {query!r} failed")
    body = data.get("data")
    if not isinstance(body, dict) or not isinstance(body.get("result"), list):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: answer to {query!r} has no result list")
    if body.get("resultType") != kind:
        raise FetchError(
            Failure.REJECTED, f"{SOURCE}: {query!r} gave {body.get('resultType')}, not {kind}"
        )


def _nanos(moment: datetime) -> int:
    return int(moment.timestamp()) * 1_000_000_000 + moment.microsecond * 1000


def _rfc3339(nanos: int) -> str:
    seconds, rest = divmod(nanos, 1_000_000_000)
    return f"{datetime.fromtimestamp(seconds, tz=UTC):%Y-%m-%dT%H:%M:%S}.{rest:09d}Z"
