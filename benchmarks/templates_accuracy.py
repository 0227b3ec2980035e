"""Grouping accuracy of template mining on log-parsing benchmark samples.

Usage: ``uv run python benchmarks/templates_accuracy.py DIR``, where DIR holds
pairs ``X_2k.log`` + ``X_2k.log_structured.csv`` (the loghub layout: the CSV has
``LineId`` and ``EventId`` columns). Prints the grouping accuracy per dataset and
the average: a line counts as right only when the set of lines sharing its
mined template equals the set of lines sharing its true template.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

from hotwash.condense import TemplateMiner


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


def evaluate(log: Path, structured: Path) -> tuple[float, int, float]:
    """Accuracy, line count and seconds taken for one dataset."""
    lines = read_lines(log)
    truth = pl.read_csv(structured, infer_schema=False).sort(pl.col("LineId").cast(pl.Int64))[
        "EventId"
    ]
    started = time.perf_counter()
    miner = TemplateMiner()
    mined = miner.canonical(miner.add(lines))
    elapsed = time.perf_counter() - started
    return grouping_accuracy(truth.head(lines.len()), mined.head(truth.len())), lines.len(), elapsed


def main(folder: Path) -> int:
    results = []
    for log in sorted(folder.glob("*_2k.log")):
        structured = log.with_name(log.name + "_structured.csv")
        if not structured.exists():
            continue
        accuracy, lines, elapsed = evaluate(log, structured)
        name = log.name.removesuffix("_2k.log")
        results.append(accuracy)
        print(f"{name:<12} {accuracy:6.3f}  ({lines} lines, {elapsed * 1000:.0f} ms)")
    if not results:
        print(f"no X_2k.log + X_2k.log_structured.csv pairs in {folder}", file=sys.stderr)
        return 1
    print(f"{'average':<12} {sum(results) / len(results):6.3f}  ({len(results)} datasets)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
