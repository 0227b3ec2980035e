"""Each bad condition gives one clear, bounded error for its source; the others still complete.

Prometheus answers well throughout; Alertmanager (or, for the empty window, Prometheus
itself) misbehaves in one way per case.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from collecting import RECORDED_WINDOW, collect_with, settings_of

from hotwash.live.state import Status

FIRST = RECORDED_WINDOW.since.timestamp()
SAMPLES = [[FIRST + 60, "0.01"], [FIRST + 120, "0.02"]]
GOOD_MATRIX = {
    "status": "success",
    "data": {
        "resultType": "matrix",
        "result": [{"metric": {"job": "checkout"}, "values": SAMPLES}],
    },
}
ALERT = {
    "labels": {"alertname": "CheckoutErrors", "service": "checkout"},
    "startsAt": "2024-05-14T09:32:10.5Z", "endsAt": "2024-05-14T09:40:00Z",
    "updatedAt": "2024-05-14T09:40:00Z", "fingerprint": "ab12", "status": {"state": "active"},
}  # fmt: skip

Handler = Callable[[httpx.Request], httpx.Response]


def config(alertmanager: str = "http://am.test:9093", **extra: object) -> dict[str, object]:
    return {
        "sources": {
            "timeout_seconds": 0.5, "retries": 1,
            "prometheus": {"url": "http://prom.test:9090"},
            "alertmanager": {"url": alertmanager, **extra},
        },
        "services": {"checkout": {"queries": {"error_ratio": "sum(rate(errors[1m]))"}}},
    }  # fmt: skip


def transport(alertmanager: Handler, prometheus: Handler | None = None) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == "prom.test":
            return (prometheus or (lambda _r: httpx.Response(200, json=GOOD_MATRIX)))(request)
        return alertmanager(request)

    return httpx.MockTransport(handle)


def outcomes(
    tmp_path: Path, handler: Handler, **kwargs: object
) -> dict[str, tuple[Status, str | None]]:
    settings = settings_of(config(**kwargs))  # type: ignore[arg-type]
    run = collect_with(
        settings, tmp_path / "c", transport(handler), environ={"AM_TOKEN": "s3cr3t-t0ken"}
    )
    return {o.source: (o.record.status, o.record.message) for o in run.outcomes}


def raises(error: Exception) -> Handler:
    def handle(_request: httpx.Request) -> httpx.Response:
        raise error

    return handle


def answers(status: int, body: bytes | str = b"") -> Handler:
    return lambda _request: httpx.Response(status, content=body)


@pytest.mark.parametrize(
    ("handler", "extra", "expected"),
    [
        pytest.param(raises(httpx.ReadTimeout("slow")), {},
                     "no answer within 0.5 s (2 attempts)", id="timeout"),
        pytest.param(answers(503, '{"error": "overloaded"}'), {},
                     "HTTP 503: overloaded (2 attempts)", id="5xx"),
        pytest.param(answers(401), {"token_env": "AM_TOKEN"},
                     "HTTP 401; check the token in $AM_TOKEN", id="auth"),
        pytest.param(answers(200, "[]"), {"token_env": "AM_UNSET"},
                     "alertmanager: $AM_UNSET is not set (it holds the secret)", id="no-token"),
        pytest.param(answers(404, "404 page not found"), {},
                     "HTTP 404 for /api/v2/alerts", id="wrong-url"),
        pytest.param(answers(200, b'[{"labels": {"alertname": "X"}, "startsAt": "2024-05-'), {},
                     "the answer is not complete JSON (53 bytes received)", id="partial"),
        pytest.param(raises(httpx.RemoteProtocolError("peer closed")), {},
                     "the connection closed mid-answer (2 attempts)", id="cut-off"),
    ],
)  # fmt: skip
def test_a_failing_source_is_reported_and_the_other_completes(
    tmp_path: Path, handler: Handler, extra: dict[str, object], expected: str
) -> None:
    found = outcomes(tmp_path, handler, **extra)
    assert found["prometheus"] == (Status.DONE, None)
    status, message = found["alertmanager"]
    assert status is Status.FAILED
    assert message is not None
    assert message.endswith(expected), message
    assert "s3cr3t" not in message


def test_a_server_error_that_clears_is_retried(tmp_path: Path) -> None:
    replies = iter([httpx.Response(502), httpx.Response(200, json=[ALERT])])
    found = outcomes(tmp_path, lambda _request: next(replies))
    assert found["alertmanager"] == (Status.DONE, None)


def test_an_empty_window_saves_nothing_and_says_so(tmp_path: Path) -> None:
    empty = {"status": "success", "data": {"resultType": "matrix", "result": []}}
    settings = settings_of(config())
    mock = transport(answers(200, "[]"), prometheus=lambda _r: httpx.Response(200, json=empty))
    run = collect_with(settings, tmp_path / "c", mock)
    found = {o.source: (o.record.status, o.record.message) for o in run.outcomes}
    assert found == {
        "prometheus": (Status.EMPTY, "no data for 'sum(rate(errors[1m]))' in the window"),
        "alertmanager": (
            Status.EMPTY,
            "none of the 0 alert(s) Alertmanager holds overlaps the window",
        ),
    }
    assert not (tmp_path / "c" / "prometheus").exists()


def test_a_partial_prometheus_answer_is_kept_with_its_warning(tmp_path: Path) -> None:
    partial = {**GOOD_MATRIX, "warnings": ["remote store timed out"]}
    mock = transport(
        answers(200, json.dumps([ALERT])), prometheus=lambda _r: httpx.Response(200, json=partial)
    )
    run = collect_with(settings_of(config()), tmp_path / "c", mock)
    record = run.outcomes[0].record
    assert (record.status, record.message) == (
        Status.DONE, "partial answer, Prometheus warns: remote store timed out"
    )  # fmt: skip


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_a_real_timeout_is_bounded_by_timeout_and_retries(tmp_path: Path, silent_port: int) -> None:
    settings = settings_of(config(alertmanager=f"http://127.0.0.1:{silent_port}"))
    started = time.monotonic()
    run = collect_with(settings, tmp_path / "c", httpx.HTTPTransport())
    took = time.monotonic() - started
    record = run.outcomes[1].record
    assert record.status is Status.FAILED
    assert record.message is not None
    assert "no answer within 0.5 s (2 attempts)" in record.message
    # Two attempts of 0.5 s and one short pause; the Prometheus unit fails fast (no host).
    assert took < 3.0


def test_a_refused_connection_names_the_address(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = collect_with(
        settings_of(config(alertmanager=f"http://127.0.0.1:{port}")),
        tmp_path / "c",
        httpx.HTTPTransport(),
    )
    message = run.outcomes[1].record.message
    assert message is not None
    assert message.startswith(f"alertmanager at http://127.0.0.1:{port}: cannot connect")
