"""The pre-commit hook, run the way pre-commit runs it: its entry plus the staged files
that match its ``types`` and ``files`` filters, in a sample git repository.

(The hook was also run with pre-commit itself, ``uvx pre-commit run --all-files``, in
such a repository; pre-commit is not a dependency, so this test does its part by hand.)
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from clirun import Run

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "postmortems"


def _hook() -> dict[str, str]:
    """The single hook in .pre-commit-hooks.yaml (a flat list of ``key: value`` lines)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    pairs = re.findall(r"^\s*-?\s*(\w+):\s*(.+?)\s*$", text, re.MULTILINE)
    return dict(pairs)


def _staged(repo: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached"], cwd=repo, check=True, capture_output=True, text=True
    )
    return listed.stdout.split()


def _selected(hook: dict[str, str], files: list[str]) -> list[str]:
    assert hook["types"] == "[markdown]"
    pattern = re.compile(hook["files"])
    return [f for f in files if f.endswith((".md", ".markdown")) and pattern.search(f)]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_in_a_sample_repository(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = _hook()
    assert hook["id"] == "hotwash-lint"
    assert hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    assert entry[0] == "hotwash"  # the console script the package installs
    repo = tmp_path / "repo"
    (repo / "postmortems").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "README.md").write_text("Kevin forgot everything!!!\n")
    (repo / "postmortems" / "good.md").write_text(
        (CORPUS / "good" / "quick-cache-flush.md").read_text()
    )
    (repo / "postmortems" / "bad.md").write_text(
        (CORPUS / "bad" / "blameful-deploy.md").read_text()
    )
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    files = _selected(hook, _staged(repo))
    assert sorted(files) == ["postmortems/bad.md", "postmortems/good.md"]
    monkeypatch.chdir(repo)
    failing = run(*entry[1:], *files)
    assert failing.code == 1
    assert "postmortems/bad.md" in failing.out
    assert "README.md" not in failing.out
    (repo / "postmortems" / "bad.md").unlink()
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    assert run(*entry[1:], *_selected(hook, _staged(repo))).code == 0
