"""``hotwash evidence add/list/verify`` through the CLI, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from clirun import Run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "evidence" / "incident"
NOW = "2026-03-14T15:00:00Z"


@pytest.fixture
def env(store_url: str) -> dict[str, str]:
    values = {"HOTWASH_NOW": NOW}
    if store_url.startswith("postgresql"):
        values["HOTWASH_DATABASE_URL"] = store_url
    return values


@pytest.fixture
def incident(run: Run, workspace: Path, env: dict[str, str]) -> str:
    declared = run("declare", "Checkout 502s", "--sev", "2", "--no-notify", env=env)
    assert declared.code == 0, declared.err
    return declared.out.strip()


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    """A folder of evidence outside the workspace: a deploys file and a Slack export."""
    folder = tmp_path / "evidence-in"
    folder.mkdir()
    shutil.copy(FIXTURES / "changes" / "deploys.csv", folder / "deploys.csv")
    shutil.copytree(FIXTURES / "slack-export", folder / "slack-export")
    (folder / "notes.bin").write_bytes(bytes(range(256)) * 4)
    return folder


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _listed(run: Run, incident: str, env: dict[str, str]) -> list[dict[str, object]]:
    listed = run("evidence", "list", incident, "--json", env=env)
    assert listed.code == 0, listed.err
    items: list[dict[str, object]] = json.loads(listed.out)
    return items


def test_attach_list_verify_round_trip(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    before = _digests(evidence)
    added = run(
        "evidence",
        "add",
        incident,
        str(evidence / "deploys.csv"),
        str(evidence / "slack-export"),
        "--source-zone",
        "Europe/Berlin",
        env=env,
    )
    assert added.code == 0, added.err
    assert f"{incident}: attached E1 {evidence / 'deploys.csv'} (deploys;" in added.out
    assert f"{incident}: attached E2 {evidence / 'slack-export'} (slack;" in added.out

    items = _listed(run, incident, env)
    assert [item["id"] for item in items] == ["E1", "E2"]
    first, second = items
    assert first["path"] == str(evidence / "deploys.csv")
    assert first["sha256"] == hashlib.sha256((evidence / "deploys.csv").read_bytes()).hexdigest()
    assert first["size"] == (evidence / "deploys.csv").stat().st_size
    assert (first["source"], first["source_zone"], first["copy_path"]) == (
        "deploys",
        "Europe/Berlin",
        None,
    )
    assert (first["attached_by"], first["attached_at"]) == ("dana", "2026-03-14T15:00:00+00:00")
    assert (second["shape"], second["source"]) == ("folder", "slack")
    assert second["files"] == len(list((evidence / "slack-export").rglob("*.json")))

    verified = run("evidence", "verify", incident, env=env)
    assert verified.code == 0, verified.err
    assert verified.out.count("\tintact\t") == 2
    assert "all 2 evidence item(s) intact" in verified.err
    assert _digests(evidence) == before, "evidence files must never be modified"


def test_the_table_lists_what_is_attached(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    assert run("evidence", "add", incident, str(evidence / "deploys.csv"), env=env).code == 0
    table = run("evidence", "list", incident, env=env)

    header, row = table.out.strip().splitlines()
    assert header.split("\t")[:5] == ["#", "Path", "Kind", "Source", "Size"]
    assert row.split("\t")[:4] == ["E1", str(evidence / "deploys.csv"), "file", "deploys"]


def test_attaching_the_same_content_again_is_a_no_op(
    run: Run, incident: str, evidence: Path, env: dict[str, str], tmp_path: Path
) -> None:
    deploys = evidence / "deploys.csv"
    assert run("evidence", "add", incident, str(deploys), env=env).code == 0
    same = tmp_path / "elsewhere.csv"
    shutil.copy(deploys, same)

    again = run("evidence", "add", incident, str(deploys), str(same), env=env)

    assert again.code == 0, again.err
    assert again.out == ""
    assert again.err.count(f"same content already attached to {incident} as E1") == 2
    assert len(_listed(run, incident, env)) == 1


def test_tampering_is_detected(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    paths = (str(evidence / "deploys.csv"), str(evidence / "slack-export"))
    assert run("evidence", "add", incident, *paths, env=env).code == 0
    with (evidence / "deploys.csv").open("a") as forged:
        forged.write("2026-03-14T13:00:00Z,payments-api,v0,forged\n")
    (evidence / "slack-export" / "users.json").write_text("[]")

    verified = run("evidence", "verify", incident, env=env)

    assert verified.code == 1
    rows = [line.split("\t") for line in verified.out.strip().splitlines()[1:]]
    assert [(r[0], r[1]) for r in rows] == [("E1", "changed"), ("E2", "changed")]
    assert "sha256 was" in rows[0][3]
    assert verified.err.strip().splitlines() == [
        f"hotwash: error: 2 of 2 evidence item(s) of {incident} no longer match what was"
        " attached: E1 changed, E2 changed"
    ]


def test_a_missing_file_is_reported(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    assert run("evidence", "add", incident, str(evidence / "deploys.csv"), env=env).code == 0
    (evidence / "deploys.csv").unlink()

    verified = run("evidence", "verify", incident, env=env)

    assert verified.code == 1
    assert "E1\tmissing\t" in verified.out
    assert "E1 missing" in verified.err


def test_an_unknown_format_is_attached_and_reported(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    added = run("evidence", "add", incident, str(evidence / "notes.bin"), env=env)

    assert added.code == 0, added.err
    assert "(unknown format;" in added.out
    assert "no evidence source recognises 1 file(s) in E1: notes.bin" in added.err
    (item,) = _listed(run, incident, env)
    assert (item["source"], item["unrecognised"]) == (None, ["notes.bin"])


def test_a_folder_with_some_unknown_files_names_them(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    added = run("evidence", "add", incident, str(evidence), env=env)

    assert added.code == 0, added.err
    assert "(deploys, slack;" in added.out
    assert "in E1: notes.bin;" in added.err


def test_copy_keeps_a_read_only_copy_and_leaves_the_original(
    run: Run, incident: str, evidence: Path, env: dict[str, str], workspace: Path
) -> None:
    original = evidence / "deploys.csv"
    before = (original.read_bytes(), original.stat().st_mode, original.stat().st_mtime_ns)

    added = run("evidence", "add", incident, str(original), "--copy", env=env)

    assert added.code == 0, added.err
    copy = workspace / "evidence" / incident / "deploys.csv"
    assert copy.read_bytes() == original.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o444
    assert (original.read_bytes(), original.stat().st_mode, original.stat().st_mtime_ns) == before
    (item,) = _listed(run, incident, env)
    assert item["copy_path"] == f"evidence/{incident}/deploys.csv"
    original.unlink()  # the copy is the evidence now
    assert run("evidence", "verify", incident, env=env).code == 0


def test_copying_content_already_attached_makes_no_copy(
    run: Run, incident: str, evidence: Path, env: dict[str, str], workspace: Path
) -> None:
    assert run("evidence", "add", incident, str(evidence / "deploys.csv"), env=env).code == 0
    again = run("evidence", "add", incident, str(evidence / "deploys.csv"), "--copy", env=env)

    assert again.code == 0, again.err
    assert not (workspace / "evidence" / incident).exists()


def test_nothing_is_attached_when_one_path_is_missing(
    run: Run, incident: str, evidence: Path, env: dict[str, str], workspace: Path
) -> None:
    missing = evidence / "nope.log"
    result = run(
        "evidence", "add", incident, str(evidence / "deploys.csv"), str(missing), "--copy", env=env
    )

    assert result.code == 2
    assert result.err.strip() == f"hotwash: error: no such evidence file or folder: {missing}"
    assert _listed(run, incident, env) == []
    assert not (workspace / "evidence" / incident).exists()


def test_an_unknown_zone_is_refused_before_anything_is_recorded(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    path = str(evidence / "deploys.csv")
    result = run("evidence", "add", incident, path, "--source-zone", "Mars/Olympus", env=env)

    assert result.code == 2
    assert "unknown time zone 'Mars/Olympus'" in result.err
    assert _listed(run, incident, env) == []


def test_unknown_and_restricted_incidents(
    run: Run, workspace: Path, evidence: Path, env: dict[str, str]
) -> None:
    secret = run("declare", "Leaked keys", "--sev", "1", "--restricted", "--no-notify", env=env)
    incident = secret.out.strip()
    path = str(evidence / "deploys.csv")
    assert run("evidence", "add", incident, path, env=env).code == 0
    outsider = env | {"HOTWASH_USER": "eve"}

    for args in (("add", incident, path), ("list", incident), ("verify", incident)):
        hidden = run("evidence", *args, env=outsider)
        assert hidden.code == 1, args
        assert hidden.err.strip() == f"hotwash: error: unknown incident {incident}"
    assert len(_listed(run, incident, env)) == 1
    unknown = run("evidence", "list", "INC-2026-0999", env=env)
    assert unknown.err.strip() == "hotwash: error: unknown incident INC-2026-0999"


def test_verify_with_nothing_attached(run: Run, incident: str, env: dict[str, str]) -> None:
    result = run("evidence", "verify", incident, env=env)

    assert result.code == 0
    assert "all 0 evidence item(s) intact" in result.err


def test_overlapping_evidence_is_flagged(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    export, deploys = evidence / "slack-export", evidence / "deploys.csv"
    assert run("evidence", "add", incident, str(export), str(deploys), env=env).code == 0
    with deploys.open("a") as edited:
        edited.write("\n")

    added = run("evidence", "add", incident, str(export / "users.json"), str(evidence), env=env)
    again = run("evidence", "add", incident, str(deploys), env=env)

    assert added.code == 0, added.err
    assert sorted(line for line in added.err.splitlines() if "the timeline reads both" in line) == [
        f"warning: E3 lies inside E1 ({export}); the timeline reads both",
        f"warning: E4 contains E1 ({export}); the timeline reads both",
        f"warning: E4 contains E2 ({deploys}); the timeline reads both",
        f"warning: E4 contains E3 ({export / 'users.json'}); the timeline reads both",
    ]
    assert again.code == 0, again.err
    assert (
        f"warning: E5 has the same path but other content than E2 ({deploys});"
        " the timeline reads both"
    ) in again.err


def test_a_path_that_is_not_utf8_is_refused_in_one_line(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    odd = evidence / os.fsdecode(b"caf\xe9.log")
    odd.write_text("2026-03-14T14:00:00Z ERROR boom\n")

    result = run("evidence", "add", incident, str(odd), env=env)

    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"hotwash: error: {evidence}/caf\ufffd.log: the path is not valid UTF-8,"
        " so it cannot be recorded"
    ]


def test_a_folder_holding_a_name_that_is_not_utf8_is_stored(
    run: Run, incident: str, evidence: Path, env: dict[str, str]
) -> None:
    (evidence / os.fsdecode(b"caf\xe9.bin")).write_bytes(bytes(range(256)))

    added = run("evidence", "add", incident, str(evidence), env=env)

    assert added.code == 0, added.err
    (item,) = _listed(run, incident, env)
    assert sorted(item["unrecognised"]) == ["caf\ufffd.bin", "notes.bin"]  # type: ignore[call-overload]
    assert run("evidence", "verify", incident, env=env).code == 0
