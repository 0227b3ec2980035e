from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sources_helpers import AWKWARD, INCIDENT, assert_aware_utc, context, read, utc

from hotwash.evidence.model import EvidenceRef, SignalKind
from hotwash.evidence.opening import make_target
from hotwash.evidence.sources.git import GitSource
from hotwash.evidence.sources.git_repo import git_log_command
from hotwash.times import resolve_zone

SOURCE = GitSource()
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_default_git_log_layout() -> None:
    batch = read(SOURCE, INCIDENT / "changes" / "git_log.txt", context())
    assert_aware_utc(batch)
    timeline = [(event.at, event.actor, event.text, event.ref.detail) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 5, 15, 15), "Priya Natarajan", "Add retry budget metrics", "1b2c3d4"),
        (
            utc(2026, 3, 13, 16, 3, 55),
            "Marco Bianchi",
            "Tune HTTP client pool for checkout",
            "5e6f7a8",
        ),
        (
            utc(2026, 3, 14, 12, 52, 40),
            "Marco Bianchi",
            "Merge pull request #1841 from shop/tune-http-pool",
            "8c1e2f4",
        ),
        (
            utc(2026, 3, 14, 14, 21, 9),
            "Dana Okafor",
            'Revert "Tune HTTP client pool for checkout"',
            "a41d9b0",
        ),
    ]
    merge, revert = batch.events[2], batch.events[3]
    assert merge.labels == {"sha": "8c1e2f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e", "merge": "true"}
    assert "merge" not in revert.labels
    assert revert.ref == EvidenceRef("changes/git_log.txt", 1, "a41d9b0")
    assert {event.kind for event in batch.events} == {SignalKind.COMMIT}
    stats = batch.stats[0]
    assert (stats.format, stats.records, stats.lines, stats.skipped) == ("git log", 4, 31, {})


def test_iso_dates_stat_blocks_and_an_unreadable_date() -> None:
    batch = read(SOURCE, AWKWARD / "git_log_iso_stat.txt")
    (commit,) = batch.events
    assert commit.at == utc(2026, 3, 14, 16, 30)
    assert commit.text == "payments: raise queue consumer concurrency"
    assert commit.actor == "Kim Park"
    assert batch.stats[0].skipped == {"commit date: unreadable time": 1}


def test_pipe_format_with_separators_in_subjects_and_naive_dates() -> None:
    berlin = resolve_zone("Europe/Berlin")
    batch = read(SOURCE, AWKWARD / "git_log_pipe.txt", context(AWKWARD, berlin))
    timeline = [(event.at, event.text, event.ref.line) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 13, 16, 3, 55), "Tune HTTP client pool for checkout", 4),
        (utc(2026, 3, 14, 12, 52, 40), "Merge pull request #1841 from shop/tune-http-pool", 1),
        (utc(2026, 3, 14, 14, 21, 9), 'Revert "pool: max_idle | timeout"', 2),
    ]
    assert batch.events[1].labels["merge"] == "true"
    stats = batch.stats[0]
    assert stats.skipped == {
        "line is not <sha>|<date>|<author>|<subject>": 1,
        "commit date: unreadable time": 1,
    }
    assert stats.assumed_zone == "Europe/Berlin"


def test_tab_separated_lines(tmp_path: Path) -> None:
    path = tmp_path / "log.tsv"
    path.write_text("abcdef1\t2026-03-14T13:58:02Z\tMarco Bianchi\tShip it\n")
    (event,) = read(SOURCE, path).events
    assert (event.at, event.actor, event.text) == (
        utc(2026, 3, 14, 13, 58, 2),
        "Marco Bianchi",
        "Ship it",
    )


def commit(repo: Path, message: str, when: str, author: str) -> None:
    env = os.environ | {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "dev@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    run = ["git", "-C", str(repo), "-c", "commit.gpgsign=false"]
    subprocess.run([*run, "commit", "--allow-empty", "-q", "-m", message], env=env, check=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "checkout"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    commit(repo, "Add retry budget metrics", "2026-03-05T10:15:00-05:00", "Priya Natarajan")
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-b", "pool"], check=True)
    commit(repo, "Tune HTTP client pool", "2026-03-13T17:03:55+01:00", "Marco Bianchi")
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "main"], check=True)
    commit(repo, "Bump dependencies", "2026-03-14T09:00:00Z", "Priya Natarajan")
    merge_env = os.environ | {
        "GIT_AUTHOR_DATE": "2026-03-14T13:52:40+01:00",
        "GIT_COMMITTER_DATE": "2026-03-14T13:52:40+01:00",
        "GIT_AUTHOR_NAME": "Marco Bianchi",
        "GIT_AUTHOR_EMAIL": "marco@example.com",
        "GIT_COMMITTER_NAME": "Marco Bianchi",
        "GIT_COMMITTER_EMAIL": "marco@example.com",
    }
    subprocess.run(
        ["git", "-C", str(repo), "merge", "-q", "--no-ff", "-m", "Merge branch 'pool'", "pool"],
        env=merge_env,
        check=True,
    )
    return repo


@needs_git
def test_repository_folder_is_read_with_git_log(repository: Path) -> None:
    head_before = (repository / ".git" / "HEAD").read_bytes()
    target = make_target(repository)
    assert SOURCE.sniff(target) == 0.9
    batch = SOURCE.read(target, context(repository.parent))
    timeline = [(event.at, event.actor, event.text) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 5, 15, 15), "Priya Natarajan", "Add retry budget metrics"),
        (utc(2026, 3, 13, 16, 3, 55), "Marco Bianchi", "Tune HTTP client pool"),
        (utc(2026, 3, 14, 9), "Priya Natarajan", "Bump dependencies"),
        (utc(2026, 3, 14, 12, 52, 40), "Marco Bianchi", "Merge branch 'pool'"),
    ]
    assert [event.labels.get("merge") for event in batch.events] == [None, None, None, "true"]
    assert batch.events[0].ref.path == "checkout"
    assert len(batch.events[0].ref.detail or "") == 7
    assert batch.stats[0].format == "git repository"
    assert (repository / ".git" / "HEAD").read_bytes() == head_before


@needs_git
def test_repository_window_is_passed_to_git(repository: Path) -> None:
    window = context(repository.parent, since=utc(2026, 3, 14), until=utc(2026, 3, 15))
    command = git_log_command(repository, window)
    assert "--since=2026-03-14T00:00:00+00:00" in command
    assert "--until=2026-03-15T00:00:00+00:00" in command
    texts = [event.text for event in SOURCE.read(make_target(repository), window).events]
    assert texts == ["Bump dependencies", "Merge branch 'pool'"]


@needs_git
def test_broken_repository_is_reported(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    batch = SOURCE.read(make_target(repo), context(tmp_path))
    assert batch.events == []
    (reason,) = batch.stats[0].skipped
    assert reason.startswith("git log failed: ")


def test_sniff_needs_git_log_content() -> None:
    assert SOURCE.sniff(make_target(INCIDENT / "changes" / "git_log.txt")) == 0.95
    assert SOURCE.sniff(make_target(AWKWARD / "git_log_pipe.txt")) == 0.85
    assert SOURCE.sniff(make_target(INCIDENT / "changes" / "deploys.csv")) == 0.0
    assert SOURCE.sniff(make_target(INCIDENT)) == 0.0
