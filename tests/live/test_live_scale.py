"""Against a store receiving 100 GB a day, a collection pulls a bounded, small share of it.

The figures in docs/scale.md come from this scenario: a 2-hour incident window
(plus 30 minutes either side), five services, each with four Prometheus queries and
a Loki or Elasticsearch log source, and Alertmanager.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
from collecting import collect_with, settings_of
from store_model import BYTES_PER_DAY, StoreModel

from hotwash.live.state import Status
from hotwash.live.window import Window

ONSET = datetime(2024, 5, 14, 9, 40, tzinfo=UTC)
WINDOW = Window(datetime(2024, 5, 14, 9, 0, tzinfo=UTC), datetime(2024, 5, 14, 12, 0, tzinfo=UTC))
QUERIES = {"error_ratio": "e", "request_rate": "r", "saturation": "s", "latency": {"p99": "l"}}


def log_source(index: int) -> dict[str, str]:
    if index % 2:
        return {"loki": f'{{app="svc{index}"}}'}
    return {"elasticsearch": f"service.name:svc{index}"}


def scenario() -> dict[str, object]:
    services = {f"svc{i}": {"queries": QUERIES, "log_sources": [log_source(i)]} for i in range(5)}
    endpoints = {
        name: {"url": f"http://{host}.test"}
        for name, host in (("prometheus", "prom"), ("alertmanager", "am"),
                           ("loki", "loki"), ("elasticsearch", "es"))
    }  # fmt: skip
    return {"sources": endpoints, "services": services}


def prometheus(request: httpx.Request) -> httpx.Response:
    params = request.url.params
    start, end, step = (float(params[k]) for k in ("start", "end", "step"))
    points = [[start + i * step, "0.01"] for i in range(int((end - start) / step) + 1)]
    data = {"resultType": "matrix", "result": [{"metric": {}, "values": points}]}
    return httpx.Response(200, json={"status": "success", "data": data})


def test_a_collection_pulls_a_bounded_share_of_a_100_gb_a_day_store(tmp_path: Path) -> None:
    store = StoreModel(ONSET, minutes=40)
    routes = {"prom.test": prometheus, "am.test": lambda _r: httpx.Response(200, json=[]),
              "loki.test": store.loki, "es.test": store.elasticsearch}  # fmt: skip
    transport = httpx.MockTransport(lambda request: routes[request.url.host](request))
    run = collect_with(settings_of(scenario()), tmp_path / "c", transport, window=WINDOW)
    assert all(o.record.status is not Status.FAILED for o in run.outcomes)
    per_source: dict[str, tuple[int, int]] = {}
    for outcome in run.outcomes:
        requests, size = per_source.get(outcome.source, (0, 0))
        per_source[outcome.source] = (
            requests + outcome.record.requests,
            size + outcome.record.bytes,
        )
    held = BYTES_PER_DAY * WINDOW.span.total_seconds() / 86_400
    assert run.requests <= 45
    assert run.bytes <= 10 * 10**6  # 10 MB of the 12.5 GB the store holds for the window
    assert run.bytes / held < 0.001
    assert per_source["prometheus"][0] == 20
    for source in ("loki", "elasticsearch"):
        requests, _size = per_source[source]
        assert requests <= 5 * (3 if source == "loki" else 2)  # per log source: counts + windows
