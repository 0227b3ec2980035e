"""Ask Prometheus for each service's error ratio and latency now, and a while ago.

This answers the checklist's "check the error rate and latency dashboards" step: one
instant query (``/api/v1/query``) per configured ``error_ratio`` and ``latency`` query
at ``now``, and the same query at ``now - compare_with`` (the ``time`` parameter).

Triage has five minutes, so the wait is bounded by one timeout, not one per query:
each query is tried once, all are sent at the same time, and once one finds Prometheus
unreachable, silent or refusing the token, the queries not yet sent are not sent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotwash.config.settings import Settings
from hotwash.live.budget import Meter, RequestBudget
from hotwash.live.errors import Failure, FetchError
from hotwash.live.http import ApiClient
from hotwash.live.unit import endpoint_client
from hotwash.triage.signals import Reading, ServiceSignals, Signals

SOURCE = "prometheus"
WORKERS = 8
# Failures of Prometheus as a whole: no other query would fare better.
_WHOLE = {Failure.TIMEOUT, Failure.UNREACHABLE, Failure.AUTH, Failure.WRONG_URL, Failure.BUDGET}

Planned = tuple[str, str, str]  # service, query name, PromQL


@dataclass(frozen=True)
class Instant:
    value: float | None  # the highest of the series; None when no series matched
    series: int = 0


Answer = Instant | str  # a value, or why there is none


def planned_signals(settings: Settings, services: list[str]) -> list[Planned]:
    """The error ratio and latency queries of ``services`` (all services when none named)."""
    return [
        (service, name, query)
        for service in services or sorted(settings.services)
        for name, query in settings.services[service].queries.named().items()
        if name == "error_ratio" or name.startswith("latency_")
    ]


def read_signals(
    settings: Settings,
    services: list[str],
    now: datetime,
    environ: Mapping[str, str],
    compare_with: timedelta,
) -> Signals | None:
    """What Prometheus says; None when there is nothing to ask it (or no Prometheus)."""
    endpoint = settings.sources.prometheus
    planned = planned_signals(settings, services)
    if endpoint is None or not planned:
        return None
    meter = Meter(RequestBudget(settings.sources.max_requests), SOURCE)
    try:
        asker = _Asker(endpoint_client(SOURCE, endpoint, settings.sources, meter, environ))
    except FetchError as error:  # the token's variable is not set
        return Signals([], compare_with, problem=str(error))
    readings = _ask_all(asker, planned, (now, now - compare_with))
    if asker.stopped is not None and all(reading.value is None for reading in readings):
        return Signals([], compare_with, problem=asker.stopped)
    return Signals(_by_service(planned, readings), compare_with)


def _ask_all(
    asker: _Asker, planned: list[Planned], moments: tuple[datetime, datetime]
) -> list[Reading]:
    """Every query at both moments, side by side; one reading per planned query."""
    jobs = [(query, moment) for *_, query in planned for moment in moments]
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(jobs))) as pool:
        answers = list(pool.map(lambda job: asker.ask(*job), jobs))
    return [
        _reading(name, answers[2 * i], answers[2 * i + 1]) for i, (_, name, _) in enumerate(planned)
    ]


@dataclass
class _Asker:
    client: ApiClient
    stopped: str | None = None  # why Prometheus as a whole cannot be asked

    def __post_init__(self) -> None:
        # One attempt: a retry would double the wait, and triage is run again anyway.
        self.client.retries = 0

    def ask(self, query: str, at: datetime) -> Answer:
        if self.stopped is not None:
            return self.stopped
        params = {"query": query, "time": f"{at.timestamp():.3f}"}
        try:
            return instant_of(self.client.get("/api/v1/query", params).data, query)
        except FetchError as error:
            if error.failure in _WHOLE:
                self.stopped = str(error)  # any one of the reasons will do: they agree
            return str(error)
        except Exception as error:  # a surprise here must not cost the rest of triage
            return f"{SOURCE}: unexpected answer ({error!r})"


def instant_of(data: object, query: str) -> Instant:
    """The highest value of an instant query's answer (a vector or a scalar)."""
    if not isinstance(data, dict) or data.get("status") != "success":
        message = data.get("error") if isinstance(data, dict) else None
        raise FetchError(Failure.REJECTED, f"{SOURCE}: query {query!r} failed: {message or data!r}")
    body = data.get("data")
    kind = body.get("resultType") if isinstance(body, dict) else None
    result = body.get("result") if isinstance(body, dict) else None
    if kind == "scalar":
        return Instant(_number(result, query), 1)
    if kind != "vector" or not isinstance(result, list):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: answer to {query!r} is not an instant vector")
    values = [
        _number(item.get("value") if isinstance(item, dict) else None, query) for item in result
    ]
    if not values:
        return Instant(None)
    # NaN (0/0: no requests) only when every series is NaN; otherwise the worst number.
    numbers = [value for value in values if not math.isnan(value)]
    return Instant(max(numbers) if numbers else math.nan, len(values))


def _number(pair: object, query: str) -> float:
    """A sample ``[time, "value"]``; Prometheus writes NaN and infinities as text too."""
    if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str):
        try:
            return float(pair[1])
        except ValueError:
            pass
    raise FetchError(Failure.PARTIAL, f"{SOURCE}: answer to {query!r} has a malformed sample")


def _reading(name: str, now: Answer, before: Answer) -> Reading:
    if isinstance(now, str):
        return Reading(name, problem=now)
    if now.value is None:
        return Reading(name, problem="no data")
    earlier = before.value if isinstance(before, Instant) else None
    return Reading(name, now.value, earlier, now.series)


def _by_service(planned: list[Planned], readings: list[Reading]) -> list[ServiceSignals]:
    grouped: dict[str, list[Reading]] = {}
    for (service, _, _), reading in zip(planned, readings, strict=True):
        grouped.setdefault(service, []).append(reading)
    return [ServiceSignals(service, found) for service, found in grouped.items()]
