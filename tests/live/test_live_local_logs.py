"""Logs where they live: globs, and journalctl/docker/kubectl with the window pushed down.

The commands are stand-ins on PATH that record their arguments and print what the
real tools print, so the command lines and the saving are tested without a daemon.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from collecting import RECORDED_WINDOW, settings_of

from hotwash.config.settings import LogSource
from hotwash.live.collection import run_collection
from hotwash.live.logs import log_command, log_units
from hotwash.live.state import CollectionState, Status

SINCE, UNTIL = int(RECORDED_WINDOW.since.timestamp()), int(RECORDED_WINDOW.until.timestamp())
JOURNAL_LINE = json.dumps({
    "__REALTIME_TIMESTAMP": str((SINCE + 90) * 1_000_000), "PRIORITY": "3",
    "MESSAGE": "connection pool exhausted", "_SYSTEMD_UNIT": "checkout.service",
})  # fmt: skip


def tool(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "$@" > {folder}/{name}.args\n{script}\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    tool(folder, "journalctl", f"echo '{JOURNAL_LINE}'")
    tool(
        folder,
        "docker",
        "echo '2024-05-14T09:01:00.000000000Z GET /pay 502'; echo 'from stderr' >&2",
    )
    tool(folder, "kubectl", "echo 'error: pods \"checkout-x\" not found' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    return folder


def collect_logs(
    tmp_path: Path, sources: list[dict[str, str]]
) -> list[tuple[Status, list[str], str | None]]:
    settings = settings_of({"services": {"checkout": {"log_sources": sources}}})
    state = CollectionState(tmp_path / "c", RECORDED_WINDOW)
    run = run_collection(state, log_units(settings, ["checkout"], tmp_path), settings.sources, {})
    return [(o.record.status, o.record.files, o.record.message) for o in run.outcomes]


def test_the_window_is_pushed_down_to_each_command() -> None:
    journal = log_command(LogSource(journal_unit="checkout.service"), RECORDED_WINDOW)
    assert journal == ["journalctl", "--no-pager", "-o", "json", f"--since=@{SINCE}",
                       f"--until=@{UNTIL}", "-u", "checkout.service"]  # fmt: skip
    docker = log_command(LogSource(docker_container="app-backend"), RECORDED_WINDOW)
    assert docker == ["docker", "logs", "--timestamps", "--since", "2024-05-14T09:00:00Z",
                      "--until", "2024-05-14T10:00:00Z", "app-backend"]  # fmt: skip
    kube = LogSource(kubernetes="deployment/checkout", namespace="prod", container="app")
    assert log_command(kube, RECORDED_WINDOW) == [
        "kubectl", "logs", "deployment/checkout", "--timestamps",
        "--since-time=2024-05-14T09:00:00Z",
        "--namespace", "prod", "--container", "app",
    ]  # fmt: skip


def test_commands_stream_into_files_and_a_failing_one_says_why(tmp_path: Path, tools: Path) -> None:
    found = collect_logs(tmp_path, [
        {"journal_unit": "checkout.service"}, {"docker_container": "app-backend"},
        {"kubernetes": "pod/checkout-x"},
    ])  # fmt: skip
    assert found == [
        (Status.DONE, ["logs/checkout.journal.json"], None),
        (Status.DONE, ["logs/checkout.docker.log"], None),
        (Status.FAILED, [], 'kubectl exited with 1: error: pods "checkout-x" not found'),
    ]
    assert (tmp_path / "c" / "logs" / "checkout.journal.json").read_text().strip() == JOURNAL_LINE
    # docker logs replays the container's stderr on its own stderr: both are kept.
    assert (tmp_path / "c" / "logs" / "checkout.docker.log").read_text().splitlines()[
        1
    ] == "from stderr"
    assert not list((tmp_path / "c" / "logs").glob(".partial-*"))


def test_a_missing_tool_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    [(status, _files, message)] = collect_logs(tmp_path, [{"journal_unit": "checkout.service"}])
    assert (status, message) == (Status.FAILED, "journalctl is not installed (not on PATH)")


def test_globs_reference_files_written_in_the_window(tmp_path: Path) -> None:
    logs = tmp_path / "var" / "log"
    logs.mkdir(parents=True)
    for name, moment in (
        ("app.log", SINCE + 60),
        ("app.log.1", SINCE - 3600),
        ("other.txt", SINCE + 60),
    ):
        (logs / name).write_text("x\n")
        os.utime(logs / name, (moment, moment))
    found = collect_logs(
        tmp_path, [{"path": "var/log/app.log*"}, {"path": str(logs / "none-*.log")}]
    )
    assert found == [
        (Status.DONE, [str((logs / "app.log").resolve())], None),
        (Status.EMPTY, [], f"no file matches: {logs / 'none-*.log'}"),
    ]
