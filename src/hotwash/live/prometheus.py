"""Prometheus: ``/api/v1/query_range`` for each configured query, saved as the API answered.

The step is chosen from the window (see :meth:`Window.step_seconds`), so Prometheus
does the aggregation and hotwash receives at most a few thousand points per series,
whatever the scrape volume behind them. The saved file is the response byte for byte;
its name (``checkout-error_ratio.json``) tells the timeline what the series measures.
"""

from __future__ import annotations

from typing import Any

from hotwash.config.settings import Endpoint, Settings
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import safe_name, write_atomic
from hotwash.live.unit import Fetched, Unit, UnitContext

SOURCE = "prometheus"


def prometheus_units(settings: Settings, services: list[str]) -> list[Unit]:
    endpoint = settings.sources.prometheus
    if endpoint is None:
        return []
    units = []
    for service in services:
        for name, query in settings.services[service].queries.named().items():
            file = f"{SOURCE}/{safe_name(service)}-{name}.json"
            units.append(
                Unit(f"{SOURCE}/{service}/{name}", SOURCE, _fetcher(endpoint, query, file))
            )
    return units


def _fetcher(endpoint: Endpoint, query: str, file: str) -> Any:
    def fetch(context: UnitContext) -> Fetched:
        return fetch_query_range(context, endpoint, query, file)

    return fetch


def fetch_query_range(context: UnitContext, endpoint: Endpoint, query: str, file: str) -> Fetched:
    window = context.window
    params: dict[str, str | int] = {
        "query": query,
        "start": f"{window.since.timestamp():.3f}",
        "end": f"{window.until.timestamp():.3f}",
        "step": window.step_seconds(),
    }
    reply = context.client(SOURCE, endpoint).get("/api/v1/query_range", params)
    result = _result(reply.data, query)
    if not result:
        return Fetched(note=f"no data for {query!r} in the window")
    write_atomic(context.folder / file, reply.body)
    return Fetched([file], note=_warnings(reply.data))


def _result(data: object, query: str) -> list[object]:
    """The series of a successful matrix answer; anything else is a clear error."""
    if not isinstance(data, dict) or data.get("status") != "success":
        message = data.get("error") if isinstance(data, dict) else None
        raise FetchError(Failure.REJECTED, f"{SOURCE}: query {query!r} failed: {message or data!r}")
    body = data.get("data")
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, list):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: answer to {query!r} has no result list")
    return result


def _warnings(data: dict[str, Any]) -> str | None:
    """Prometheus says when an answer is partial (e.g. a remote store timed out)."""
    warnings = data.get("warnings")
    if isinstance(warnings, list) and warnings:
        return "partial answer, Prometheus warns: " + "; ".join(str(w) for w in warnings[:3])
    return None
