"""Commits straight from a repository: ``git log``, read-only, within the read window."""

from __future__ import annotations

import os
import subprocess
from datetime import tzinfo
from pathlib import Path

import polars as pl

from hotwash.evidence.source import ReadContext
from hotwash.evidence.sources.git_log_text import CommitTable, with_times

# A unit separator between fields: no subject or name contains one.
FIELD = "\x1f"
LOG_FORMAT = "%H%x1f%P%x1f%aI%x1f%an%x1f%s"
MAX_COMMITS = 20_000
TIMEOUT_SECONDS = 120
# Never take a lock or ask for credentials: evidence is only read.
_QUIET_GIT = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


def is_repository(path: Path) -> bool:
    return path.is_dir() and (path / ".git").exists()


def git_log_command(repo: Path, context: ReadContext) -> list[str]:
    command = ["git", "--no-optional-locks", "-C", str(repo), "log"]
    command += [f"--format={LOG_FORMAT}", f"--max-count={MAX_COMMITS}"]
    if context.since is not None:
        command.append(f"--since={context.since.isoformat()}")
    if context.until is not None:
        command.append(f"--until={context.until.isoformat()}")
    return command


def run_git_log(repo: Path, context: ReadContext) -> tuple[str | None, str | None]:
    """``git log`` output, or ``(None, reason)`` when git is missing or refuses."""
    try:
        completed = subprocess.run(
            git_log_command(repo, context),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env=os.environ | _QUIET_GIT,
        )
    except FileNotFoundError:
        return None, "git is not installed"
    except subprocess.TimeoutExpired:
        return None, f"git log took longer than {TIMEOUT_SECONDS} s"
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace").strip().splitlines()
        return None, f"git log failed: {message[0] if message else completed.returncode}"
    return completed.stdout.decode("utf-8", errors="replace"), None


def parse_repository_log(output: str, zone: tzinfo) -> CommitTable:
    """Our own ``LOG_FORMAT`` lines to commits; a commit with two parents is a merge."""
    frame = pl.DataFrame({"text": output.splitlines()}, schema={"text": pl.String})
    frame = frame.filter(pl.col("text").str.strip_chars() != "")
    frame = frame.with_columns(parts=pl.col("text").str.splitn(FIELD, 5)).unnest("parts")
    raw = frame.select(
        line=pl.lit(None, dtype=pl.UInt32),
        sha="field_0",
        author="field_3",
        date="field_2",
        subject="field_4",
        merge=pl.col("field_1").str.count_matches(r"\S+") > 1,
    )
    table = with_times(raw, zone, {})
    table.lines = frame.height
    if frame.height >= MAX_COMMITS:
        table.notes.append(f"only the newest {MAX_COMMITS} commits were read")
    return table
