"""A fresh workspace for CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import Run


@pytest.fixture
def workspace(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root), "--timezone", "Europe/Berlin").code == 0
    monkeypatch.chdir(root)
    return root
