"""Commits as evidence: saved ``git log`` output, or a repository folder read with git.

Each commit becomes a COMMIT event at its author date: actor the author, text the
subject, detail the short sha; merge commits carry ``merge=true`` in their labels.
"""

from __future__ import annotations

from hotwash.evidence.model import (
    EvidenceBatch,
    EvidenceEvent,
    EvidenceRef,
    IngestStats,
    SignalKind,
)
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.git_log_text import COMMIT_LINE, ONE_LINE, CommitTable, parse_git_log
from hotwash.evidence.sources.git_repo import is_repository, parse_repository_log, run_git_log
from hotwash.evidence.sources.jsondoc import read_text
from hotwash.evidence.sources.reading import finish_events, new_stats, note_assumed_zone, zone_for
from hotwash.evidence.sources.timestamps import as_utc

SHORT_SHA = 7


class GitSource:
    """Commits from git."""

    name = "git"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.9 if is_repository(target.path) else 0.0
        head = target.head.decode("utf-8", errors="replace")
        first_lines = [line for line in head.splitlines()[:6] if line.strip()]
        if not first_lines:
            return 0.0
        if COMMIT_LINE.match(first_lines[0]) and "\nAuthor:" in head:
            return 0.95
        one_line = sum(1 for line in first_lines if ONE_LINE.match(line))
        return 0.85 if one_line * 2 > len(first_lines) else 0.0

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        zone = zone_for(target.path, context)
        if target.is_dir:
            stats = new_stats(target.path, context, "git repository")
            output, problem = run_git_log(target.path, context)
            table = parse_repository_log(output, zone) if output is not None else None
        else:
            stats = new_stats(target.path, context, "git log")
            content, problem = read_text(target.path)
            table = parse_git_log(content, zone) if content is not None else None
        if problem is not None:
            stats.skip(problem)
        if table is None:
            return EvidenceBatch(stats=[stats])
        events = _events(table, context.display_path(target.path), stats)
        if table.commits["assumed"].any():
            note_assumed_zone(stats, zone)
        return EvidenceBatch(events=finish_events(events, context, stats), stats=[stats])


def _events(table: CommitTable, path: str, stats: IngestStats) -> list[EvidenceEvent]:
    stats.lines = table.lines
    stats.notes.extend(table.notes)
    for reason, count in table.skipped.items():
        stats.skip(reason, count)
    events = (_commit_event(row, path) for row in table.commits.iter_rows(named=True))
    return [event for event in events if event is not None]


def _commit_event(row: dict[str, object], path: str) -> EvidenceEvent | None:
    at, sha = as_utc(row["at"]), str(row["sha"])
    if at is None:
        return None
    labels = {"sha": sha} | ({"merge": "true"} if row["merge"] else {})
    line = row["line"]
    return EvidenceEvent(
        at=at,
        kind=SignalKind.COMMIT,
        text=str(row["subject"] or "(no commit message)"),
        source="git",
        ref=EvidenceRef(path, line=line if isinstance(line, int) else None, detail=sha[:SHORT_SHA]),
        actor=str(row["author"]) if row["author"] else None,
        labels=labels,
    )
