"""Fixtures: real Prometheus and Alertmanager scraping a test-controlled exporter.

Without the Debian binaries the tests that need them are skipped, except on CI
(``CI`` set), where they fail: a silent skip would hide that they never ran.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import NoReturn

import pytest
from exporter import Exporter, Scenario
from monitoring import (
    ALERT_RULES,
    BAD_MINUTES,
    QUIET_MINUTES,
    Monitoring,
    Server,
    Unavailable,
    live_config,
    start_alertmanager,
    start_prometheus,
    stop,
)

from clirun import Run


@pytest.fixture(scope="session")
def monitoring() -> Iterator[Monitoring]:
    start = (time.time() // 60 - QUIET_MINUTES - BAD_MINUTES) * 60
    exporter = Exporter(Scenario(start=start, onset=start + QUIET_MINUTES * 60))
    exporter.start()
    servers: list[Server] = []
    try:
        servers.append(start_alertmanager())
        host = servers[0].url.removeprefix("http://")
        servers.append(start_prometheus(exporter.address, host, ALERT_RULES))
    except Unavailable as error:
        _stop_all(servers, exporter)
        if os.environ.get("CI"):
            pytest.fail(f"Prometheus tests cannot run on CI: {error}", pytrace=False)
        pytest.skip(str(error))
    # SIGTERM (a CI timeout) becomes KeyboardInterrupt, so the servers are still stopped.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield Monitoring(servers[1], servers[0], exporter)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
        _stop_all(servers, exporter)


def _interrupt(_signal: int, _frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt("SIGTERM")


def _stop_all(servers: list[Server], exporter: Exporter) -> None:
    for server in servers:
        stop(server)
    exporter.stop()


@pytest.fixture
def live_workspace(
    run: Run, tmp_path: Path, monitoring: Monitoring, monkeypatch: pytest.MonkeyPatch
) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    with (root / "hotwash.toml").open("a") as config:
        config.write(live_config(monitoring))
    monkeypatch.chdir(root)
    return root
