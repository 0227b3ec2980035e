"""The dashboards step: how values read, and a Prometheus that is down or silent.

Values from a live Prometheus are tested in ``tests/live/test_live_triage_signals.py``;
here Prometheus is missing (nothing listens) or silent (it accepts and never answers),
and triage must say so within the timeout and still finish everything else.
"""

from __future__ import annotations

import json
import math
import socket
import time
from datetime import timedelta
from pathlib import Path

import pytest
from local_servers import Silent, silent_server

from clirun import Run
from hotwash.live.errors import Failure, FetchError
from hotwash.triage.prometheus_now import Instant, instant_of
from hotwash.triage.signals import Reading, describe_reading, show_value

HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("error_ratio", 0.124, "12.4 %"),
        ("error_ratio", 0.002, "0.2 %"),
        ("error_ratio", 0.0005, "0.05 %"),
        ("error_ratio", 0.0, "0.0 %"),
        ("latency_p99", 1.8, "1.8 s"),
        ("latency_p99", 0.12, "120 ms"),
        ("latency_p99", 0.99996, "1 s"),
        ("latency_p50", 0.0004, "0.4 ms"),
        ("latency_p99", math.inf, "infinite"),
    ],
)
def test_values_read_in_their_unit(name: str, value: float, shown: str) -> None:
    assert show_value(name, value) == shown


@pytest.mark.parametrize(
    ("reading", "text"),
    [
        (Reading("error_ratio", 0.124, 0.002), "error ratio 12.4 % (up from 0.2 % 1 h ago)"),
        (Reading("latency_p99", 0.3, 1.8), "p99 latency 300 ms (down from 1.8 s 1 h ago)"),
        (Reading("error_ratio", 0.0101, 0.0099), "error ratio 1.0 % (same as 1 h ago)"),
        (Reading("error_ratio", 0.4), "error ratio 40.0 % (no data 1 h ago)"),
        (
            Reading("latency_p99", 2.5, 0.1, series=3),
            "p99 latency 2.5 s (highest of 3 series) (up from 100 ms 1 h ago)",
        ),
        (Reading("error_ratio", math.nan, 0.01), "error ratio: not a number (no requests?)"),
        (Reading("error_ratio", problem="no data"), "error ratio: no data"),
    ],
)
def test_a_reading_says_where_it_went(reading: Reading, text: str) -> None:
    assert describe_reading(reading, HOUR) == text


def vector(*values: str) -> dict[str, object]:
    result = [{"metric": {"instance": str(i)}, "value": [1.7e9, v]} for i, v in enumerate(values)]
    return {"status": "success", "data": {"resultType": "vector", "result": result}}


def test_an_instant_answer_gives_its_worst_series() -> None:
    assert instant_of(vector("0.1", "NaN", "0.3"), "q") == Instant(0.3, 3)
    assert instant_of(vector(), "q") == Instant(None)
    scalar = {"status": "success", "data": {"resultType": "scalar", "result": [1.7e9, "2"]}}
    assert instant_of(scalar, "q") == Instant(2.0, 1)
    only_nan = instant_of(vector("NaN"), "q")
    assert only_nan.value is not None
    assert math.isnan(only_nan.value)


@pytest.mark.parametrize(
    ("answer", "failure"),
    [
        ({"status": "error", "error": "bad_data"}, Failure.REJECTED),
        ({"status": "success", "data": {"resultType": "matrix", "result": []}}, Failure.PARTIAL),
        (vector("fast"), Failure.PARTIAL),
    ],
)
def test_an_odd_answer_is_a_clear_error(answer: dict[str, object], failure: Failure) -> None:
    with pytest.raises(FetchError) as caught:
        instant_of(answer, "sum(up)")
    assert caught.value.failure is failure
    assert "sum(up)" in str(caught.value)


def configure(root: Path, prometheus: str, services: tuple[str, ...] = ("checkout",)) -> None:
    """Every service has an error ratio and a p99 query; one has a health check."""
    with (root / "hotwash.toml").open("a") as config:
        config.write(
            "\n[sources]\ntimeout_seconds = 1\nretries = 2\n"
            f'[sources.prometheus]\nurl = "{prometheus}"\n'
            '[services.checkout]\nchecks = [{kind = "dns", host = "localhost"}]\n'
        )
        for service in services:
            config.write(
                f"[services.{service}.queries]\nerror_ratio = 'sum(rate(errors[1m]))'\n"
                "latency = { p99 = 'max(p99_seconds)' }\n"
            )


@pytest.fixture
def workspace(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens once the probe is closed


def test_an_unreachable_prometheus_is_said_and_triage_still_finishes(
    run: Run, workspace: Path, dead_url: str
) -> None:
    configure(workspace, dead_url)
    incident = run("declare", "Checkout slow", "--sev", "2").out.strip()
    done = run("triage")
    assert done.code == 0, done.err
    [line] = [line for line in done.out.splitlines() if "Error rate and latency" in line]
    assert line.startswith(
        f"- [ ] Error rate and latency: Prometheus did not answer (prometheus at {dead_url}:"
        " cannot connect ("
    )
    assert line.endswith(" (1 attempt)); check the dashboards")
    assert "- [x] Health checks: 1 run, 1 ok" in done.out
    assert "## Minute 4-5: Begin investigation or mitigate" in done.out

    events = json.loads(run("timeline", incident, "--format", "json").out)["events"]
    notes = [e["event"] for e in events if e["event"].startswith("Triage")]
    assert notes[0] == "Triage: 1 of 1 health checks OK"
    assert notes[1].startswith(
        f"Triage, error rate and latency: Prometheus did not answer: prometheus at {dead_url}:"
    )


def test_a_silent_prometheus_costs_one_timeout_not_one_per_query(run: Run, workspace: Path) -> None:
    with silent_server() as silent:
        configure(workspace, silent.url, ("checkout", "cart", "search", "stock", "users"))
        started = time.monotonic()
        done = run("triage")
        took = time.monotonic() - started
    assert done.code == 0, done.err
    assert (
        f"- [ ] Error rate and latency: Prometheus did not answer (prometheus at {silent.url}:"
        " no answer within 1 s (1 attempt)); check the dashboards"
    ) in done.out.splitlines()
    # 20 queries (5 services, 2 queries, now and an hour ago), 8 at a time, never retried:
    # the first to time out stops the rest, so one round is sent and waited for.
    assert_one_round(silent, took)


def assert_one_round(silent: Silent, took: float) -> None:
    assert 1 <= len(silent.accepted) <= 8
    assert took < 4.0  # one 1 s timeout and start-up; a second round or a retry would add more
