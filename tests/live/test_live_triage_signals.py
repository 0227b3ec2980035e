"""``hotwash triage`` fills the dashboards step from real Prometheus (Debian's binary).

The exporter's error share (1 % to 40 %) and p99 latency (120 ms to 1.8 s) jump at
``monitoring.onset``. Triage runs with the clock pinned 150 s after the onset and
compares with five minutes earlier, 150 s before it, so both moments fall on clean
minutes of the scenario and the values are exact.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from monitoring import ERROR_RATIO, Monitoring

from clirun import Run

P99 = 'max(app_http_request_duration_seconds{quantile="0.99"})'
WAIT_SECONDS = 120.0
CHECKOUT = (
    "checkout: error ratio 40.0 % (up from 1.0 % 5 min ago),"
    " p99 latency 1.8 s (up from 120 ms 5 min ago)"
)


def played_until(monitoring: Monitoring, moment: float) -> None:
    """Until the exporter's samples, and a few scrapes of them, reach past ``moment``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while monitoring.exporter.last_sample < moment + 60:
        assert time.monotonic() < deadline, monitoring.prometheus.log()
        time.sleep(0.2)
    time.sleep(2)  # Prometheus scrapes every second: let it ingest what was served


@pytest.fixture
def workspace(
    run: Run, tmp_path: Path, monitoring: Monitoring, monkeypatch: pytest.MonkeyPatch
) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    url = monitoring.prometheus.url
    with (root / "hotwash.toml").open("a") as config:
        config.write(
            f'\n[sources]\ntimeout_seconds = 5\n[sources.prometheus]\nurl = "{url}"\n'
            f'[services.checkout]\nhealth_url = "{url}/-/healthy"\n'
            f"[services.checkout.queries]\nerror_ratio = '{ERROR_RATIO}'\n"
            f"latency = {{ p99 = '{P99}' }}\n"
            "[services.cart.queries]\n"
            "error_ratio = 'sum(rate(cart_requests_total[1m]))'\n"
            "latency = { p99 = 'histogram_quantile(0.99, ' }\n"
        )
    monkeypatch.chdir(root)
    return root


@pytest.mark.slow
def test_triage_says_how_error_ratio_and_latency_moved(
    run: Run, workspace: Path, monitoring: Monitoring
) -> None:
    moment = monitoring.onset + 150
    played_until(monitoring, moment)
    pinned = {"HOTWASH_NOW": datetime.fromtimestamp(moment, UTC).isoformat()}
    incident = run("declare", "Checkout failing", "--sev", "2", env=pinned).out.strip()

    done = run("triage", "--compare-with", "5m", env=pinned)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert f"- [x] Error rate and latency, {CHECKOUT}" in lines
    [cart] = [line for line in lines if line.startswith("- [ ] Error rate and latency, cart:")]
    assert cart.startswith(
        "- [ ] Error rate and latency, cart: error ratio: no data,"
        f" p99 latency: prometheus at {monitoring.prometheus.url}: HTTP 400: "
    )
    assert "parse error" in cart
    assert "- [x] Health checks: 1 run, 1 ok" in lines

    timeline = json.loads(run("timeline", incident, "--format", "json").out)
    notes = [e["event"] for e in timeline["events"] if e["event"].startswith("Triage, error")]
    assert len(notes) == 1
    prefix = (
        "Triage, error rate and latency (Prometheus): cart: error ratio: no data, p99 latency: "
    )
    assert notes[0].startswith(prefix)
    assert notes[0].endswith(f"; {CHECKOUT}")
