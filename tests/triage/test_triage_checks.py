"""Each kind of check on its own: what healthy, degraded and failing look like."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_servers import http_server, make_certificate
from redis_server import RedisServer

from hotwash.config.settings import Check
from hotwash.triage.http_check import check_http
from hotwash.triage.model import Health
from hotwash.triage.network import check_dns, check_tcp
from hotwash.triage.postgres_check import check_postgres
from hotwash.triage.redis_check import check_redis
from hotwash.triage.tls_check import check_tls


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("certs")
    return {days: make_certificate(folder, days) for days in (5, 400)}


@pytest.fixture
def silent_port() -> Iterator[int]:
    """Accepts connections, never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    yield listener.getsockname()[1]
    listener.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_tls_reports_days_left_and_warns_when_few(
    certificates: dict[int, tuple[Path, Path]],
) -> None:
    for days, health in ((400, Health.OK), (5, Health.WARN)):
        cert, key = certificates[days]
        with http_server({}, (cert, key)) as url:
            port = int(url.rsplit(":", 1)[1])
            verdict = check_tls(Check(kind="tls", host="localhost", port=port, ca_file=str(cert)))
        assert verdict.health is health, verdict.detail
        expected = "certificate valid for" if health is Health.OK else "certificate expires in"
        assert verdict.detail.startswith(expected)


def test_tls_with_an_untrusted_certificate_fails(
    certificates: dict[int, tuple[Path, Path]],
) -> None:
    with http_server({}, certificates[400]) as url:
        port = int(url.rsplit(":", 1)[1])
        verdict = check_tls(Check(kind="tls", host="localhost", port=port))
    assert verdict.health is Health.FAIL
    assert verdict.detail == "certificate not valid: self-signed certificate"


def test_tls_judges_expiry_against_the_clock(certificates: dict[int, tuple[Path, Path]]) -> None:
    cert, key = certificates[5]
    with http_server({}, (cert, key)) as url:
        port = int(url.rsplit(":", 1)[1])
        later = time.time() + 10 * 86_400
        verdict = check_tls(
            Check(kind="tls", host="localhost", port=port, ca_file=str(cert)), now=later
        )
    assert verdict.health is Health.FAIL
    assert verdict.detail.startswith("certificate expired on")


def test_http_slow_answers_warn_and_silent_servers_time_out(silent_port: int) -> None:
    with http_server({"/": (200, "ok")}) as url:
        slow = check_http(Check(kind="http", url=url + "/", max_latency_ms=0.001))
    assert (slow.health, slow.detail) == (Health.WARN, "HTTP 200, slower than 0.001 ms")
    started = time.monotonic()
    silent = check_http(
        Check(kind="http", url=f"http://127.0.0.1:{silent_port}/", timeout_seconds=0.3)
    )
    assert (silent.health, silent.detail) == (Health.FAIL, "no answer within 0.3 s")
    assert time.monotonic() - started < 2


def test_http_expected_status_other_than_2xx() -> None:
    with http_server({"/gone": (410, "gone")}) as url:
        verdict = check_http(Check(kind="http", url=url + "/gone", expect_status=410))
    assert (verdict.health, verdict.detail) == (Health.OK, "HTTP 410")


def test_tcp_and_postgres_against_nothing() -> None:
    port = closed_port()
    tcp = check_tcp(Check(kind="tcp", host="127.0.0.1", port=port))
    assert (tcp.health, tcp.detail) == (Health.FAIL, "cannot connect: Connection refused")
    postgres = check_postgres(
        Check(kind="postgres", host="127.0.0.1", port=port, timeout_seconds=2)
    )
    assert (postgres.health, postgres.detail) == (Health.FAIL, "no response")


def test_dns_failure_is_a_clear_failure() -> None:
    verdict = check_dns(Check(kind="dns", host="no-such-host.invalid", timeout_seconds=3))
    assert verdict.health is Health.FAIL
    assert verdict.detail.startswith(("does not resolve:", "no answer within"))


def test_redis_with_a_password(redis_server: RedisServer) -> None:
    with socket.create_connection(("127.0.0.1", redis_server.port)) as conn:
        conn.sendall(b"CONFIG SET requirepass hunter2\r\n")
        assert conn.recv(64).startswith(b"+OK")
    check = Check(kind="redis", host="127.0.0.1", port=redis_server.port, password_env="REDIS_PW")
    assert check_redis(check, {"REDIS_PW": "hunter2"}).detail == "PONG"
    refused = check_redis(check, {"REDIS_PW": "wrong"})
    assert refused.health is Health.FAIL
    assert refused.detail.startswith("AUTH refused: -WRONGPASS")
    anonymous = check_redis(check, {})
    assert (anonymous.health, anonymous.detail) == (
        Health.FAIL,
        "answered -NOAUTH Authentication required.",
    )


def test_a_check_that_never_answers_does_not_hold_the_others(silent_port: int) -> None:
    from hotwash.triage.runner import run_checks

    planned = [
        ("a", Check(kind="redis", host="127.0.0.1", port=silent_port, timeout_seconds=0.5)),
        ("b", Check(kind="tcp", host="127.0.0.1", port=silent_port, timeout_seconds=0.5)),
    ]
    started = time.monotonic()
    results = run_checks(planned, {})
    assert time.monotonic() - started < 1.5  # together, not one after the other
    assert [(r.service, r.health, r.detail) for r in results] == [
        ("a", Health.FAIL, "no answer within 0.5 s"),
        ("b", Health.OK, "accepts connections"),
    ]
