"""Fixtures for the follow-through tests: a store, a workspace, and the CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from followup_helpers import NOW

from clirun import Run, make_runner
from hotwash.store import SqlStore, open_store, sqlite_url


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    with open_store(sqlite_url(tmp_path / "hotwash.db")) as opened:
        yield opened


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    return make_runner(capsys, monkeypatch)


@pytest.fixture
def workspace(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    monkeypatch.chdir(root)
    monkeypatch.setenv("HOTWASH_NOW", NOW.isoformat())
    return root
