"""``hotwash logs``: look inside raw log files before they become evidence.

``hotwash logs templates FILE`` mines the file's message templates. With
``--csv`` it prints, for every line, ``LineId,EventId,EventTemplate``: the
structured-CSV columns of the public log-parsing benchmarks, so results can be
compared with their ground truth. Without it, a summary of templates by count.
"""

from __future__ import annotations

from pathlib import Path

import click
import polars as pl

from hotwash.cli.output import emit_table, info
from hotwash.condense import TemplateMiner
from hotwash.condense.mining.lines import LineReading, read_line_chunks
from hotwash.errors import ValidationError

CSV_ROWS_PER_WRITE = 100_000


@click.group("logs")
def logs() -> None:
    """Inspect raw log files: their message templates."""


@logs.command("templates")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--csv", "as_csv", is_flag=True, help="Print LineId,EventId,EventTemplate for every line."
)
@click.option("--top", default=25, show_default=True, help="Templates listed in the summary.")
def templates(file: Path, as_csv: bool, top: int) -> None:
    """Mine the message templates of FILE (any log format; gzip and zstd are fine)."""
    _check_readable(file)
    reading = LineReading()
    miner = TemplateMiner()
    ids = [miner.add(chunk) for chunk in read_line_chunks(file, reading)]
    for note in reading.notes:
        info(f"{file}: {note}")
    events = _events(miner, pl.concat(ids) if ids else pl.Series("id", [], dtype=pl.UInt32))
    if as_csv:
        _emit_csv(events)
    else:
        _emit_summary(file, events, top)


def _check_readable(file: Path) -> None:
    if not file.exists():
        raise ValidationError(f"{file}: no such file")
    if not file.is_file():
        raise ValidationError(f"{file}: not a regular file")
    try:
        with file.open("rb"):
            pass
    except OSError as error:
        raise ValidationError(f"{file}: cannot be read ({error.strerror})") from None


def _events(miner: TemplateMiner, ids: pl.Series) -> pl.DataFrame:
    """One row per line: its 1-based LineId, EventId (E1, E2... by first appearance), template."""
    canonical = miner.canonical(ids).alias("cluster")
    order = canonical.unique(maintain_order=True)
    names = pl.DataFrame(
        {
            "cluster": order,
            "EventId": [f"E{rank}" for rank in range(1, order.len() + 1)],
            "EventTemplate": [miner.template(cluster) for cluster in order.to_list()],
        },
        schema={"cluster": pl.UInt32, "EventId": pl.String, "EventTemplate": pl.String},
    )
    lines = pl.DataFrame({"cluster": canonical}).with_row_index("LineId", offset=1)
    joined = lines.join(names, on="cluster", how="left", maintain_order="left")
    return joined.select("LineId", "EventId", "EventTemplate")


def _emit_csv(events: pl.DataFrame) -> None:
    click.echo("LineId,EventId,EventTemplate")
    for offset in range(0, events.height, CSV_ROWS_PER_WRITE):
        part = events.slice(offset, CSV_ROWS_PER_WRITE)
        click.echo(part.write_csv(include_header=False), nl=False)


def _emit_summary(file: Path, events: pl.DataFrame, top: int) -> None:
    if events.is_empty():
        info(f"{file}: no lines.")
        return
    counts = (
        events.group_by("EventId", "EventTemplate")
        .len("count")
        .sort(["count", "EventId"], descending=[True, False])
    )
    info(f"{file}: {events.height} lines, {counts.height} templates.")
    rows = [
        [str(count), f"{count / events.height:.1%}", event, template]
        for event, template, count in counts.head(top).iter_rows()
    ]
    emit_table("Templates by count", ["Lines", "Share", "Event", "Template"], rows)
    if counts.height > top:
        info(f"... {counts.height - top} more (use --top or --csv).")


COMMANDS = [logs]
