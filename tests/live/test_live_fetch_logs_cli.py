"""``hotwash fetch-logs``: the seed's fetch-logs script, and the error count it takes by hand."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from clirun import Run


def app_log(path: Path) -> None:
    lines = []
    for minute in range(20):
        lines.append(
            {"time": f"2026-03-14T14:{minute:02d}:05Z", "level": "info", "msg": "request served"}
        )
        if minute >= 10:
            lines.append({"time": f"2026-03-14T14:{minute:02d}:07Z", "level": "error",
                          "msg": f"db timeout after {1000 + minute} ms"})  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


@pytest.fixture
def logs_workspace(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    app_log(root / "var" / "checkout.log")
    with (root / "hotwash.toml").open("a") as config:
        config.write('\n[services.checkout]\nlog_sources = [{path = "var/checkout.log"}]\n')
    monkeypatch.chdir(root)
    return root


def test_fetch_logs_copies_the_service_logs_and_counts_the_errors(
    run: Run, logs_workspace: Path, tmp_path: Path
) -> None:
    original = logs_workspace / "var" / "checkout.log"
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    out = tmp_path / "incident-logs"
    done = run("fetch-logs", "--service", "checkout", "--since", "2026-03-14T14:00:00Z",
               "--until", "2026-03-14T14:30:00Z", "--output-dir", str(out))  # fmt: skip
    assert done.code == 0, done.err
    [header, row] = done.out.strip().splitlines()
    assert header == "File\tFormat\tRecords\tErrors\tTop error"
    assert row.split("\t") == ["logs/checkout.log", "json", "30", "10", "10x db timeout after <*>"]
    folder = out / "checkout-20260314T140000Z-20260314T143000Z"
    assert (folder / "logs" / "checkout.log").read_bytes() == original.read_bytes()
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before


def test_fetch_logs_for_a_service_without_log_sources_says_so(
    run: Run, logs_workspace: Path
) -> None:
    with (logs_workspace / "hotwash.toml").open("a") as config:
        config.write('\n[services.cart]\nowner = "shop"\n')
    done = run("fetch-logs", "--service", "cart")
    assert done.code == 2
    assert done.err == "hotwash: error: service 'cart' has no log_sources configured\n"
