"""``hotwash logs templates``: the benchmark CSV for every line, or a summary by count."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import polars as pl
import pytest

from clirun import Run
from condense.samples import STYLES, generate, grouping_accuracy
from hotwash.cli import cli
from hotwash.cli.logs_cmds import logs


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the group the way the CLI's entry point does for its command modules."""
    monkeypatch.setitem(cli.commands, "logs", logs)


def write_sample(path: Path, lines: int = 300) -> list[int]:
    raw, truth = generate(STYLES[0], lines, seed=4)
    path.write_text("\n".join(raw.to_list()) + "\n")
    return truth.to_list()


def rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_csv_has_one_row_per_line_in_benchmark_columns(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "auth.log"
    truth = write_sample(log)
    result = run("logs", "templates", str(log), "--csv")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "LineId,EventId,EventTemplate"
    table = rows(result.out)
    assert [int(row["LineId"]) for row in table] == list(range(1, len(truth) + 1))
    assert table[0]["EventId"] == "E1"
    assert all(row["EventId"].startswith("E") for row in table)
    mined = pl.Series([row["EventId"] for row in table])
    assert grouping_accuracy(pl.Series(truth), mined) >= 0.97


def test_templates_with_commas_and_quotes_are_quoted(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f'step {i} said "hi", then left\n' for i in range(5)))
    result = run("logs", "templates", str(log), "--csv")
    assert '"step <*> said ""hi"", then left"' in result.out
    table = rows(result.out)
    assert {row["EventTemplate"] for row in table} == {'step <*> said "hi", then left'}


def test_compressed_and_undecodable_files_are_read(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "app.log.gz"
    log.write_bytes(gzip.compress(b"bad \xff byte 1\nbad \xff byte 2\nother line\n"))
    table = rows(run("logs", "templates", str(log), "--csv").out)
    assert [row["EventId"] for row in table] == ["E1", "E1", "E2"]


def test_summary_lists_templates_by_count(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "auth.log"
    truth = write_sample(log)
    result = run("logs", "templates", str(log), "--top", "3")
    assert result.code == 0
    assert f"{len(truth)} lines" in result.err
    body = result.out.splitlines()
    assert body[0].split("\t") == ["Lines", "Share", "Event", "Template"]
    counts = [int(line.split("\t")[0]) for line in body[1:]]
    assert len(counts) == 3
    assert counts == sorted(counts, reverse=True)
    assert "more (use --top or --csv)" in result.err


def test_an_empty_file_gives_just_the_csv_header(run: Run, tmp_path: Path) -> None:
    log = tmp_path / "empty.log"
    log.write_text("")
    assert run("logs", "templates", str(log), "--csv").out == "LineId,EventId,EventTemplate\n"
    assert "no lines" in run("logs", "templates", str(log)).err


@pytest.mark.parametrize(
    ("name", "needle"), [("missing.log", "no such file"), (".", "not a regular file")]
)
def test_unreadable_paths_are_one_line_errors(
    run: Run, tmp_path: Path, name: str, needle: str
) -> None:
    result = run("logs", "templates", str(tmp_path / name))
    assert result.code == 2
    assert result.err.startswith("hotwash: error: ")
    assert needle in result.err
    assert len(result.err.strip().splitlines()) == 1
