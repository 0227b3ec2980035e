"""Fixtures: real Prometheus and Alertmanager scraping a test-controlled exporter.

Without the Debian binaries the tests that need them are skipped, except on CI
(``CI`` set), where they fail: a silent skip would hide that they never ran.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from clirun import Run
from exporter import Exporter, Scenario
from monitoring import Server, Unavailable, start_alertmanager, start_prometheus, stop

ALERT_RULES = """\
groups:
- name: checkout
  rules:
  - alert: CheckoutErrorRatioHigh
    expr: >
      sum(irate(app_http_requests_total{code=~"5.."}[5m]))
      / sum(irate(app_http_requests_total[5m])) > 0.1
    labels: {severity: page, service: checkout}
    annotations: {summary: "checkout error ratio above 10%"}
"""
ERROR_RATIO = (
    'sum(rate(app_http_requests_total{code=~"5.."}[1m])) / sum(rate(app_http_requests_total[1m]))'
)
# The scenario: ten minutes of samples ending about now, errors from minute seven on.
QUIET_MINUTES, BAD_MINUTES = 7, 3


@dataclass
class Monitoring:
    prometheus: Server
    alertmanager: Server
    exporter: Exporter

    @property
    def onset(self) -> float:
        return self.exporter.scenario.onset


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
    try:
        yield Monitoring(servers[1], servers[0], exporter)
    finally:
        _stop_all(servers, exporter)


def _stop_all(servers: list[Server], exporter: Exporter) -> None:
    for server in servers:
        stop(server)
    exporter.stop()


def live_config(monitoring: Monitoring) -> str:
    return f"""
[sources]
timeout_seconds = 5
retries = 1

[sources.prometheus]
url = "{monitoring.prometheus.url}"

[sources.alertmanager]
url = "{monitoring.alertmanager.url}"

[services.checkout.queries]
error_ratio = '{ERROR_RATIO}'
"""


@pytest.fixture
def live_workspace(run: Run, tmp_path: Path, monitoring: Monitoring, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    with (root / "hotwash.toml").open("a") as config:
        config.write(live_config(monitoring))
    monkeypatch.chdir(root)
    return root
