"""``hotwash lint`` as users and CI run it: formats, exit codes, --fix, paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import Run

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "postmortems"
GOOD = CORPUS / "good" / "quick-cache-flush.md"
BAD = CORPUS / "bad" / "blameful-deploy.md"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_exit_codes(run: Run, folder: Path) -> None:
    assert run("lint", str(GOOD)).code == 0
    bad = run("lint", str(BAD))
    assert bad.code == 1
    assert "blame/named-person-as-cause" in bad.out
    assert run("lint", "--fail-on", "never", str(BAD)).code == 0
    assert run("lint", "--fail-on", "error", str(GOOD)).code == 0
    missing = run("lint", str(GOOD), "nowhere.md")
    assert missing.code == 2
    assert "cannot read nowhere.md" in missing.err
    assert run("lint", "--disable", "no-such/rule", str(GOOD)).code == 2


def test_fail_on_counts_only_findings_at_or_above_the_level(run: Run, folder: Path) -> None:
    text = (
        "# T\n\n**Owner:** A\n**Status:** Final\n\n## Timeline (UTC)\n\n"
        "- 10:00 a\n- 10:05 b\n- 10:09 c\n"
    )
    path = folder / "pm.md"
    path.write_text(text)
    only = ["--disable", "structure", "--disable", "delays", "--disable", "actions"]
    assert run("lint", *only, "--fail-on", "info", str(path)).code == 1  # no-milestones (info)
    assert run("lint", *only, "--fail-on", "warning", str(path)).code == 0


def test_human_format_has_position_rule_and_hint(run: Run, folder: Path) -> None:
    out = run("lint", str(BAD)).out.splitlines()
    line = next(line for line in out if "blame/named-person-as-cause" in line)
    assert line.startswith(f"{BAD}:7:")
    assert "error blame/named-person-as-cause" in line
    assert "(hint: " in line


def test_json_format(run: Run, folder: Path) -> None:
    result = run("lint", "--format", "json", str(BAD))
    findings = json.loads(result.out)
    assert isinstance(findings, list)
    assert findings
    first = findings[0]
    assert {"file", "line", "column", "rule", "severity", "message"} <= set(first)
    assert first["file"] == str(BAD)
    assert json.loads(run("lint", "--format", "json", str(GOOD)).out) == []


def test_sarif_format(run: Run, folder: Path) -> None:
    log = json.loads(run("lint", "--format", "sarif", str(BAD)).out)
    assert log["version"] == "2.1.0"
    (only_run,) = log["runs"]
    rules = only_run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    for result in only_run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1


def test_github_format(run: Run, folder: Path) -> None:
    lines = run("lint", "--format", "github", str(BAD)).out.splitlines()
    assert lines
    assert all(
        line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines
    )
    assert any(",title=blame/named-person-as-cause::" in line for line in lines)


def test_fix_declares_utc_and_converts_fixed_offsets(run: Run, folder: Path) -> None:
    path = folder / "pm.md"
    path.write_text(
        "# T\n\n## Timeline\n\n- 14:02 UTC errors begin\n- 2026-03-14T14:06Z alert fires\n\n"
        "## Timeline notes\n\n- 16:30 CEST rollback\n"
    )
    result = run("lint", "--fix", "--fail-on", "never", str(path))
    assert result.code == 0
    text = path.read_text()
    assert "## Timeline (UTC)\n" in text
    assert "- 14:30 UTC rollback" in text
    assert "fixed 2 finding(s)" in result.err
    again = run("lint", "--fix", "--fail-on", "never", "--format", "json", str(path))
    assert not [f for f in json.loads(again.out) if f["fixable"]]
    assert path.read_text() == text


def test_lint_never_writes_without_fix(run: Run, folder: Path) -> None:
    path = folder / "pm.md"
    path.write_text("# T\n\n## Timeline\n\n- 14:02 UTC errors\n")
    path.chmod(0o444)
    assert run("lint", "--fail-on", "never", str(path)).code == 0
    assert path.read_text() == "# T\n\n## Timeline\n\n- 14:02 UTC errors\n"


def test_folders_and_the_workspace_default(run: Run, folder: Path) -> None:
    (folder / "hotwash.toml").write_text('[lint]\nprofile = "default"\n')
    (folder / "postmortems" / ".git").mkdir(parents=True)
    (folder / "postmortems" / "a.md").write_text(GOOD.read_text())
    (folder / "postmortems" / ".git" / "skip.md").write_text(BAD.read_text())
    result = run("lint")
    assert result.code == 0
    assert "in 1 file" in result.err
    (folder / "postmortems" / "b.md").write_text(BAD.read_text())
    assert run("lint", "postmortems").code == 1


def test_without_paths_or_workspace_is_a_usage_error(run: Run, folder: Path) -> None:
    assert run("lint").code == 2


def test_list_rules(run: Run, folder: Path) -> None:
    out = run("lint", "--list-rules").out
    assert "blame/named-person-as-cause" in out
    assert "structure/secret-or-personal-data" in out
