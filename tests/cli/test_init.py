"""``hotwash init``: non-interactive defaults, interactive answers, and refusals."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from clirun import Run


def test_init_with_defaults_then_commands_find_it_from_a_subfolder(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", str(tmp_path / "ops")).code == 0
    nested = tmp_path / "ops" / "postmortems"
    monkeypatch.chdir(nested)
    config = json.loads(run("config").out)
    assert config["workspace"] == str((tmp_path / "ops").resolve())
    assert config["timezone"] == "UTC"
    assert config["severity"]["SEV1"]["update_cadence"] == "PT15M"


def test_interactive_init_asks_for_team_and_zone(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Payments SRE\nEurope/Berlin\n"))
    result = run("init", str(tmp_path / "ops"), "--interactive")
    assert result.code == 0, result.err
    config = json.loads(run("-C", str(tmp_path / "ops"), "config").out)
    assert (config["team"]["name"], config["timezone"]) == ("Payments SRE", "Europe/Berlin")


def test_init_rejects_an_unknown_zone_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "ops"), "--timezone", "Mars/Olympus")
    assert result.code == 2
    assert result.err.strip() == ("hotwash: error: --timezone: unknown time zone 'Mars/Olympus'")
    assert not (tmp_path / "ops").exists()


def test_config_hides_secrets(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "ops"
    assert run("init", str(root)).code == 0
    with (root / "hotwash.toml").open("a") as config:
        config.write(
            '\n[[notifications]]\nname = "chat"\nkind = "slack"\n'
            'url = "https://hooks.slack.com/services/T0/B0/secretpart"\n'
        )
    env = {"HOTWASH_DATABASE_URL": "postgresql://app:hunter2@db.internal:5432/hotwash"}
    shown = run("-C", str(root), "config", env=env).out
    assert "secretpart" not in shown
    assert "hunter2" not in shown
    assert "postgresql://app:***@db.internal:5432/hotwash" in shown
