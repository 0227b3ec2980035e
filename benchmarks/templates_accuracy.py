"""Grouping accuracy of template mining on log-parsing benchmark samples.

Usage: ``uv run python benchmarks/templates_accuracy.py DIR [--content]``, where
DIR holds loghub-style datasets: ``X_2k.log_structured.csv`` (``LineId`` and
``EventId`` columns, usually ``Content`` too), with or without the raw
``X_2k.log`` beside it. Prints the grouping accuracy per dataset, the average
and the mining throughput: a line counts as right only when the set of lines
sharing its mined template equals the set of lines sharing its true template.

- With the raw log, the miner gets the raw lines and must find and cut the
  header itself (timestamp, level, component...), as ``hotwash logs templates``
  does on a file.
- Without it (or with ``--content``), the miner gets the CSV's ``Content``
  column, the bare message the ground truth was written for, with header
  stripping off.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from hotwash.condense import TemplateMiner

SUFFIX = "_2k.log_structured.csv"


@dataclass(frozen=True)
class Result:
    name: str
    accuracy: float
    lines: int
    seconds: float
    source: str


def grouping_accuracy(truth: pl.Series, mined: pl.Series) -> float:
    """Share of lines whose mined group is exactly their true group."""
    frame = pl.DataFrame({"truth": truth.cast(pl.String), "mined": mined.cast(pl.String)})
    pairs = frame.group_by("truth", "mined").len("both")
    sizes_truth = frame.group_by("truth").len("truth_size")
    sizes_mined = frame.group_by("mined").len("mined_size")
    joined = pairs.join(sizes_truth, on="truth").join(sizes_mined, on="mined")
    exact = joined.filter(
        (pl.col("both") == pl.col("truth_size")) & (pl.col("both") == pl.col("mined_size"))
    )
    return float(exact["both"].sum()) / max(frame.height, 1)


def read_lines(path: Path) -> pl.Series:
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return pl.Series("line", lines).str.strip_suffix("\r")


def read_truth(structured: Path) -> pl.DataFrame:
    """The structured CSV in line order (every column as text)."""
    frame = pl.read_csv(structured, infer_schema=False)
    return frame.sort(pl.col("LineId").cast(pl.Int64))


def evaluate(structured: Path, *, content: bool = False) -> Result:
    """Accuracy, line count and seconds taken for one dataset."""
    name = structured.name.removesuffix(SUFFIX)
    truth = read_truth(structured)
    log = structured.with_name(f"{name}_2k.log")
    use_content = "Content" in truth.columns and (content or not log.exists())
    if use_content:
        lines = truth["Content"].fill_null("")
        miner = TemplateMiner(strip_headers=False)
        source = "Content"
    else:
        lines = read_lines(log)
        miner = TemplateMiner()
        source = "raw log"
    started = time.perf_counter()
    mined = miner.canonical(miner.add(lines))
    elapsed = time.perf_counter() - started
    events = truth["EventId"]
    accuracy = grouping_accuracy(events.head(lines.len()), mined.head(events.len()))
    return Result(name, accuracy, lines.len(), elapsed, source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--content", action="store_true", help="mine the CSV's Content column even if a log exists"
    )
    args = parser.parse_args(argv)
    results: list[Result] = []
    for structured in sorted(args.folder.glob(f"*{SUFFIX}")):
        name = structured.name.removesuffix(SUFFIX)
        if not structured.with_name(f"{name}_2k.log").exists() and "Content" not in (
            pl.read_csv(structured, n_rows=0).columns
        ):
            continue
        result = evaluate(structured, content=args.content)
        results.append(result)
        rate = result.lines / max(result.seconds, 1e-9)
        print(
            f"{result.name:<12} {result.accuracy:6.3f}  ({result.lines} lines from "
            f"{result.source}, {result.seconds * 1000:.0f} ms, {rate:,.0f} lines/s)"
        )
    if not results:
        print(f"no loghub datasets (X{SUFFIX}) in {args.folder}", file=sys.stderr)
        return 1
    average = sum(result.accuracy for result in results) / len(results)
    lines = sum(result.lines for result in results)
    seconds = sum(result.seconds for result in results)
    print(
        f"{'average':<12} {average:6.3f}  ({len(results)} datasets, {lines} lines, "
        f"{lines / max(seconds, 1e-9):,.0f} lines/s overall)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
