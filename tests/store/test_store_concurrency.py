"""Several OS processes writing one store at once, as several ``hotwash`` commands do.

Threads would not do: each process has its own engine and pool, and SQLite
locking between processes is what ``BEGIN IMMEDIATE`` and ``busy_timeout`` are for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from store_helpers import T0, note

from hotwash.incidents.events import EventKind
from hotwash.incidents.model import Incident
from hotwash.store import SCHEMA_HEAD, SqlStore, open_store

WORKER = Path(__file__).with_name("store_worker.py")
PROCESSES = 8
NOTES_EACH = 50

pytestmark = pytest.mark.slow


def run_workers(commands: list[list[str]], env: dict[str, str]) -> list[Any]:
    """Start one worker per command, release them together, return their results."""
    with ExitStack() as stack:
        workers = [stack.enter_context(_popen(command, env)) for command in commands]
        # Registered last, so it runs first on the way out: a worker still waiting for
        # "go" is killed rather than released by the closing of its stdin.
        stack.callback(_kill_running, workers)
        for worker in workers:
            assert worker.stdout is not None
            ready = worker.stdout.readline()
            assert ready == "ready\n", f"worker did not start: {worker.communicate()[1]}"
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate(timeout=240) for worker in workers]
    for worker, (_, stderr) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, stderr
    return [json.loads(stdout) for stdout, _ in outputs]


def _popen(arguments: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-W", "error", str(WORKER), *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _kill_running(workers: list[subprocess.Popen[str]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.kill()


def test_concurrent_appends_get_every_seq_exactly_once(
    store: SqlStore, store_url: str, incident: Incident, subprocess_env: dict[str, str]
) -> None:
    with store.transaction() as repo:
        for _ in range(3):
            repo.append_event(incident.id, note(T0, "before the rush"))

    commands = [
        ["append", store_url, incident.id, str(NOTES_EACH), str(w)] for w in range(PROCESSES)
    ]
    results = run_workers(commands, subprocess_env)

    with store.transaction() as repo:
        events = repo.events(incident.id)
    total = 3 + PROCESSES * NOTES_EACH
    assert sorted(e.seq for e in events if e.seq is not None) == list(range(1, total + 1))
    notes = [e for e in events if e.kind is EventKind.NOTE and e.text.startswith("worker")]
    assert len({e.text for e in notes}) == PROCESSES * NOTES_EACH
    claimed = [seq for seqs in results for seq in seqs]
    assert sorted(claimed) == list(range(4, total + 1))
    assert all(seqs == sorted(seqs) for seqs in results), "each worker's seqs increase"


def test_concurrent_first_opens_and_declarations(
    store_url: str, subprocess_env: dict[str, str]
) -> None:
    """Workers open a new database at the same moment, then all declare incidents.

    No ``store`` fixture: the database must still be empty when the workers start.
    """
    results = run_workers([["create", store_url, "10"] for _ in range(PROCESSES)], subprocess_env)

    assert [result["revision"] for result in results] == [SCHEMA_HEAD] * PROCESSES
    ids = [incident_id for result in results for incident_id in result["ids"]]
    expected = [f"INC-2026-{n:04d}" for n in range(1, PROCESSES * 10 + 1)]
    assert sorted(ids) == expected
    with open_store(store_url) as store, store.transaction() as repo:
        assert sorted(i.id for i in repo.list_incidents()) == expected
        assert repo.next_incident_number(2026) == PROCESSES * 10 + 1
