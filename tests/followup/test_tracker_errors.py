"""Tracker failures and credentials: one clear line, and never the token."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from tracker_replay import Recording, Stage, replay_server

from clirun import Run
from hotwash.errors import ConfigError
from hotwash.trackers.credentials import read_token, scrub

TOKEN = "ghp_TESTtoken0123456789abcdefABCDEF0000"
GITHUB = '\n[trackers.github]\nrepo = "acme/shop"\n'


@pytest.fixture
def github(run: Run, workspace: Path) -> Path:
    with (workspace / "hotwash.toml").open("a") as config:
        config.write(GITHUB)
    assert run("declare", "Checkout 502s", "--sev", "2", "--no-notify").code == 0
    assert (
        run("actions", "add", "INC-2026-0001", "Alert on pool usage", "--owner", "@dana").code == 0
    )
    return workspace


def _sync(run: Run, recording: Recording, *args: str) -> tuple[int, str]:
    stage = Stage()
    with replay_server(stage):
        stage.load(recording)
        result = run("--set", f"trackers.github.url={stage.base}", "actions", "sync", *args)
    return result.code, result.out + result.err


def test_a_refused_request_is_one_line_without_the_token(
    run: Run, github: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    recording = Recording("github", "bad-credentials")

    code, output = _sync(run, recording, "--dry-run")

    recording.check()
    assert code == 1
    assert TOKEN not in output
    assert output.startswith(
        "hotwash: error: github: GET /repos/acme/shop/issues failed: HTTP 401 Unauthorized:"
    )
    assert "[token] is not valid" in output
    assert output.count("\n") == 1


def test_a_missing_token_names_where_to_put_one(run: Run, github: Path) -> None:
    result = run("actions", "sync", "--dry-run")

    assert result.code == 2
    assert result.err == (
        "hotwash: error: github: no token: set the environment variable GITHUB_TOKEN "
        "or trackers.github.token_file\n"
    )


def test_the_token_can_come_from_a_file(run: Run, github: Path, tmp_path: Path) -> None:
    secret = tmp_path / "github-token"
    secret.write_text(TOKEN + "\n")
    with (github / "hotwash.toml").open("a") as config:
        config.write(f'token_file = "{secret}"\n')
    recording = Recording("github", "bad-credentials")  # checks the Authorization header

    code, output = _sync(run, recording, "--dry-run")

    recording.check()
    assert code == 1
    assert TOKEN not in output


def test_several_trackers_need_a_choice(run: Run, github: Path) -> None:
    with (github / "hotwash.toml").open("a") as config:
        config.write('\n[trackers.gitlab]\nproject = "ops/incidents"\n')

    result = run("actions", "sync", "--dry-run")

    assert result.code == 2
    assert "several trackers configured (github, gitlab): choose one with --to" in result.err


def test_scrub_removes_the_token_and_its_basic_auth_form() -> None:
    pair = f"sre@example.com:{TOKEN}"
    encoded = base64.b64encode(pair.encode()).decode()
    text = f"token={TOKEN}; header=Basic {encoded}"

    assert scrub(text, (TOKEN, pair)) == "token=[token]; header=Basic [token]"


def test_read_token_prefers_the_environment(tmp_path: Path) -> None:
    (tmp_path / "t").write_text("from-file")

    assert read_token("github", "GH", "t", {"GH": " from-env "}, tmp_path) == "from-env"
    assert read_token("github", "GH", "t", {}, tmp_path) == "from-file"
    (tmp_path / "t").write_text("  \n")
    with pytest.raises(ConfigError, match="is empty"):
        read_token("github", "GH", "t", {}, tmp_path)


def test_restricted_incidents_stay_out_of_the_tracker_unless_asked(
    run: Run, github: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    secret = run("declare", "Credential leak", "--sev", "1", "--restricted", "--no-notify")
    run("actions", "add", secret.out.strip(), "Rotate the leaked keys")
    recording = Recording("github", "first-sync-dry-run")  # the search, nothing else

    code, output = _sync(run, recording, "--dry-run")

    recording.check()
    assert code == 0
    assert "INC-2026-0002 is restricted: its items are not synced" in output
    assert "AI-001: Alert on pool usage" in output
    assert "Rotate the leaked keys" not in output
