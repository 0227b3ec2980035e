"""Bad input: one line on stderr, a non-zero exit code, and nothing written."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from clirun import Result, Run

NOW = {"HOTWASH_NOW": "2026-03-14T15:00:00Z"}
Declared = tuple[str, dict[str, str]]


def assert_one_line_error(result: Result, code: int, *needles: str) -> None:
    assert result.code == code, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("hotwash: error: "), lines[0]
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def declared(run: Run, workspace: Path, store_url: str) -> Declared:
    env = dict(NOW)
    if store_url.startswith("postgresql"):
        env["HOTWASH_DATABASE_URL"] = store_url
    result = run("declare", "Checkout 502s", "--sev", "2", "--no-notify", env=env)
    return result.out.strip(), env


def _snapshot(run: Run, declared: Declared) -> object:
    incident, env = declared
    return json.loads(run("export", incident, env=env).out)


@pytest.mark.parametrize(
    ("args", "code", "needles"),
    [
        (("show", "INC-2026-0999"), 1, ("unknown incident INC-2026-0999",)),
        (("note", "INC-2026-0999", "x"), 1, ("unknown incident",)),
        (("show", "banana"), 2, ("invalid incident id 'banana'",)),
        (("severity", "{inc}", "SEV7"), 2, ("invalid severity 'SEV7'",)),
        (("status", "{inc}", "closed"), 1, ("cannot move from Investigating to Closed",)),
        (("status", "{inc}", "fixed"), 2, ("invalid status 'fixed'",)),
        (("note", "{inc}", "x", "--at", "half past nine"), 2, ("cannot parse time",)),
        (
            ("note", "{inc}", "x", "--at", "2026-10-25 02:30"),
            2,
            ("ambiguous", "00:30 UTC", "01:30 UTC"),
        ),
        (("note", "{inc}", "x", "--at", "14:00 Mars/Olympus"), 2, ("unknown time zone",)),
        (("role", "{inc}", "hero", "Dana"), 2, ("invalid role 'hero'",)),
        (("milestone", "{inc}", "lunch", "now"), 2, ("invalid milestone",)),
        (("reopen", "{inc}"), 2, ("still open",)),
        (
            ("--set", "severity.SEV2.update_cadence=soon", "due"),
            2,
            ("--set severity.SEV2.update_cadence",),
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run: Run, declared: Declared, args: tuple[str, ...], code: int, needles: tuple[str, ...]
) -> None:
    incident, env = declared
    before = _snapshot(run, declared)
    result = run(*(arg.replace("{inc}", incident) for arg in args), env=env)
    assert_one_line_error(result, code, *needles)
    assert _snapshot(run, declared) == before


def test_config_file_error_names_the_key(run: Run, workspace: Path) -> None:
    config = workspace / "hotwash.toml"
    config.write_text(config.read_text().replace('update_cadence = "30m"', 'update_cadence = "x"'))
    assert_one_line_error(run("list"), 2, "hotwash.toml: severity.SEV2.update_cadence")


def test_missing_workspace_suggests_init(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("list"), 2, "hotwash init")


def test_unreachable_postgresql_is_quick_and_hides_the_password(run: Run, workspace: Path) -> None:
    url = "postgresql://hotwash:s3cret@127.0.0.1:9/hotwash"  # port 9 (discard) is closed
    started = time.monotonic()
    result = run("list", env={"HOTWASH_DATABASE_URL": url})
    assert time.monotonic() - started < 15
    assert_one_line_error(result, 1, "127.0.0.1:9")
    assert "s3cret" not in result.err


def test_bad_import_file(run: Run, workspace: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "hotwash-incident", "version": 1, "incident"')
    assert_one_line_error(run("import-incident", str(broken)), 2, "not valid JSON")
    assert_one_line_error(run("import-incident", str(tmp_path / "nope.json")), 2, "cannot read")
