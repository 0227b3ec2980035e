"""``hotwash triage`` against real PostgreSQL and Redis, one of them stopped mid-test.

The services are a mix: healthy (PostgreSQL, Redis, an HTTP health endpoint, a TCP
port, a DNS name) and unhealthy (an endpoint answering 503, a body that does not
match, a closed port). The output is asserted row by row, latency aside.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_servers import http_server
from redis_server import RedisServer

from clirun import Run
from pg_server import PgServer


@pytest.fixture
def health_url() -> Iterator[str]:
    routes = {"/healthz": (200, '{"status": "ok"}'), "/broken": (503, "upstream down")}
    with http_server(routes) as url:
        yield url


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # nothing listens once the probe is closed


def config(pg: PgServer, redis: RedisServer, url: str, closed: int) -> str:
    return f"""
[services.api]
health_url = "{url}/healthz"
checks = [
  {{kind = "http", name = "status-body", url = "{url}/healthz", body_match = "\\"ok\\""}},
  {{kind = "http", name = "wrong-body", url = "{url}/healthz", body_match = "degraded"}},
  {{kind = "dns", name = "resolve", host = "localhost"}},
]

[services.web]
health_url = "{url}/broken"

[services.db]
checks = [{{kind = "postgres", host = "127.0.0.1", port = {pg.port}}}]

[services.cache]
checks = [{{kind = "redis", host = "127.0.0.1", port = {redis.port}, timeout_seconds = 2}}]

[services.queue]
checks = [{{kind = "tcp", host = "127.0.0.1", port = {closed}, timeout_seconds = 2}}]
"""


def rows(output: str) -> list[list[str]]:
    """The results table (tab-separated when piped), without the latency column."""
    table = output.split("\n\n", 1)[0].splitlines()
    assert table[0] == "Service\tCheck\tTarget\tHealth\tDetail\tms"
    return [line.split("\t")[:5] for line in table[1:]]


@pytest.fixture
def triage_workspace(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    pg_server: PgServer, redis_server: RedisServer, health_url: str, closed_port: int,
) -> Path:  # fmt: skip
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    with (root / "hotwash.toml").open("a") as handle:
        handle.write(config(pg_server, redis_server, health_url, closed_port))
    monkeypatch.chdir(root)
    return root


def test_triage_reports_each_service_then_sees_redis_go_down(
    run: Run, triage_workspace: Path, redis_server: RedisServer, health_url: str,
    pg_server: PgServer, closed_port: int,
) -> None:  # fmt: skip
    incident = run("declare", "Checkout slow", "--sev", "2").out.strip()
    redis_target = f"127.0.0.1:{redis_server.port}"
    host = health_url.removeprefix("http://")

    first = run("triage")
    assert first.code == 1
    expected = [
        ["api", "health", f"{health_url}/healthz", "ok", "HTTP 200"],
        ["api", "status-body", f"{health_url}/healthz", "ok", "HTTP 200"],
        ["api", "wrong-body", f"{health_url}/healthz", "fail",
         "HTTP 200, body does not match 'degraded'"],
        ["api", "resolve", "localhost", "ok", "resolves to 127.0.0.1"],
        ["cache", "redis", redis_target, "ok", "PONG"],
        ["db", "postgres", f"127.0.0.1:{pg_server.port}", "ok", "accepting connections"],
        ["queue", "tcp", f"127.0.0.1:{closed_port}", "fail", "cannot connect: Connection refused"],
        ["web", "health", f"{health_url}/broken", "fail", "HTTP 503, expected 2xx"],
    ]  # fmt: skip
    assert rows(first.out) == expected
    assert "hotwash: error: 3 of 8 check(s) failing" in first.err
    assert f"Recorded the triage on {incident}" in first.err
    assert host in first.out

    redis_server.stop()
    second = run("triage", "--service", "cache", "--service", "db", "--json")
    assert second.code == 1
    found = {(r["service"], r["health"], r["detail"]) for r in json.loads(second.out)}
    assert found == {
        ("cache", "fail", "cannot connect: Connection refused"),
        ("db", "ok", "accepting connections"),
    }

    timeline = run("timeline", incident, "--format", "json")
    notes = [
        e["event"] for e in json.loads(timeline.out)["events"] if e["event"].startswith("Triage")
    ]
    assert notes == [
        "Triage: 5 of 8 health checks OK"
        f"; FAIL api wrong-body ({health_url}/healthz): HTTP 200, body does not match 'degraded'"
        f"; FAIL queue tcp (127.0.0.1:{closed_port}): cannot connect: Connection refused"
        f"; FAIL web health ({health_url}/broken): HTTP 503, expected 2xx",
        f"Triage: 1 of 2 health checks OK; FAIL cache redis ({redis_target}):"
        " cannot connect: Connection refused",
    ]


def test_triage_prints_the_seed_checklist_filled_in(
    run: Run, triage_workspace: Path, tmp_path: Path
) -> None:
    incident = run("declare", "Checkout slow", "--sev", "1", "--commander", "Priya").out.strip()
    done = run("triage", "--output-dir", str(tmp_path / "triage"))
    checklist = done.out.split("\n\n", 1)[1]
    assert "## Minute 0-1: Acknowledge and classify" in checklist
    assert f"- [x] Acknowledged: {incident} declared" in checklist
    assert "- [x] Severity: SEV1" in checklist
    assert "- [x] Incident commander: Priya" in checklist
    assert "- [x] Health checks: 8 run, 5 ok, 3 fail" in checklist
    assert "- [x] Affected services: api, queue, web" in checklist
    assert "- [ ] Update the status page: required for SEV1" in checklist
    assert '`hotwash fetch-logs --service web --since "15 minutes ago"`' in checklist
    saved = sorted(path.suffix for path in (tmp_path / "triage").iterdir())
    assert saved == [".json", ".md"]
