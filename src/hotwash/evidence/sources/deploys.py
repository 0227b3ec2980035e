"""Deploy records: a CSV table (``time,service,version,author,...``) or a JSON list of objects.

Recognised by the column names (see :mod:`deploy_columns`), never the file name.
Each record becomes a DEPLOY event; naive times are read in the context's zone and
the stats say so.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from hotwash.evidence.model import (
    EvidenceBatch,
    EvidenceEvent,
    EvidenceRef,
    IngestStats,
    SignalKind,
)
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.deploy_columns import DeployColumns, deploy_columns
from hotwash.evidence.sources.deploy_json import json_records, looks_like_deploy_json
from hotwash.evidence.sources.jsondoc import read_text
from hotwash.evidence.sources.reading import finish_events, new_stats, note_assumed_zone, zone_for
from hotwash.evidence.sources.time_columns import parse_time_column
from hotwash.evidence.sources.timestamps import as_utc

SEPARATORS = (",", ";", "\t", "|")
_SUCCESS = re.compile(r"(?i)ok|succe\w*|done|complete\w*|finished|deployed")
_TEXT_ROLES = ("service", "version", "actor", "description", "commit", "environment", "status")


class DeploysSource:
    """Deploys from a table or JSON list kept by a pipeline or by hand."""

    name = "deploys"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.0
        head = target.head.decode("utf-8", errors="replace").lstrip("\ufeff")
        if head.lstrip().startswith(("[", "{")):
            return 0.7 if looks_like_deploy_json(head) else 0.0
        return 0.85 if csv_header(head) is not None else 0.0

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        content, problem = read_text(target.path)
        is_json = content is not None and content.lstrip().startswith(("[", "{"))
        stats = new_stats(target.path, context, "deploys json" if is_json else "deploys csv")
        if content is None:
            stats.skip(problem or "unreadable file")
            return EvidenceBatch(stats=[stats])
        table = json_records(content, stats) if is_json else _csv_table(content, stats)
        events = _events(table, target.path, context, stats) if table is not None else []
        return EvidenceBatch(events=finish_events(events, context, stats), stats=[stats])


def csv_header(head: str) -> tuple[str, DeployColumns] | None:
    """The separator and column roles of a deploy CSV's header line, if it is one."""
    first = next((line for line in head.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=first.count)
    if not first.count(separator):
        return None
    columns = deploy_columns(first.split(separator))
    return (separator, columns) if columns is not None else None


def _csv_table(content: str, stats: IngestStats) -> tuple[pl.DataFrame, DeployColumns] | None:
    header = csv_header(content[:4096])
    if header is None:
        stats.skip("no deploy table header")
        return None
    separator = header[0]
    try:
        frame = pl.read_csv(
            io.StringIO(content),
            separator=separator,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError as error:
        stats.skip("unreadable CSV")
        stats.notes.append(f"unreadable CSV: {error}".splitlines()[0])
        return None
    stats.lines = content.count("\n") + (not content.endswith("\n"))
    columns = deploy_columns(frame.columns)
    if columns is None:  # the header sniffed differently from how polars split it
        stats.skip("no deploy table header")
        return None
    return frame.with_row_index("line", offset=2), columns


def _events(
    table: tuple[pl.DataFrame, DeployColumns], path: Path, context: ReadContext, stats: IngestStats
) -> list[EvidenceEvent]:
    frame, columns = table
    zone = zone_for(path, context)
    parsed = parse_time_column(frame[columns.by_role["time"]], zone)
    for reason, count in parsed.problems.filter(parsed.times.is_null()).value_counts().rows():
        stats.skip(f"deploy time: {reason}", count)
    if parsed.assumed.any():
        note_assumed_zone(stats, zone)
    cells = frame.select(
        "line",
        at=parsed.times,
        **{
            role: pl.col(columns.by_role[role]).str.strip_chars()
            for role in _TEXT_ROLES
            if role in columns.by_role
        },
    ).filter(pl.col("at").is_not_null())
    display = context.display_path(path)
    events = (_deploy_event(row, display) for row in cells.iter_rows(named=True))
    return [event for event in events if event is not None]


def _deploy_event(row: dict[str, object], path: str) -> EvidenceEvent | None:
    at = as_utc(row["at"])
    if at is None:
        return None

    def cell(role: str) -> str | None:
        value = row.get(role)
        return value if isinstance(value, str) and value else None

    service, version = cell("service"), cell("version")
    line = row.get("line")
    labels = {role: cell(role) for role in ("version", "commit", "environment", "status")}
    return EvidenceEvent(
        at=at,
        kind=SignalKind.DEPLOY,
        text=_deploy_text(cell),
        source="deploys",
        ref=EvidenceRef(
            path, line=line if isinstance(line, int) else None, detail=version or cell("commit")
        ),
        actor=cell("actor"),
        service=service,
        labels={key: value for key, value in labels.items() if value},
    )


def _deploy_text(cell: Callable[[str], str | None]) -> str:
    """``Deploy checkout 2.14.0: Tune HTTP client pool``, with a status unless it succeeded."""
    what = " ".join(part for part in (cell("service"), cell("version")) if part)
    text = f"Deploy {what or cell('commit') or '(unnamed)'}"
    if cell("description"):
        text += f": {cell('description')}"
    status = cell("status")
    if status and not _SUCCESS.fullmatch(status):
        text += f" [{status}]"
    return text
