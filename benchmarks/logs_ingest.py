"""Benchmark ``hotwash timeline DIR`` against lnav indexing the same files.

The headline is the whole command, as a user runs it (start-up, detection,
reading, condensing, the timeline written as JSON), against the whole ``lnav -n``
run: both times, their ratio, and the milestones the timeline found against the
incident ``generate_logs.py`` planted. Then, per file, reading through LogsSource:
wall and CPU time per file, MB/s, lines/s, peak RSS and peak bytes per
input line, and the template-mining rate on the error and warning lines. For lnav
(headless: ``lnav -n``, its index queried once through ``all_logs``): its time, and
per file the format it recognised and how many messages it indexed, checked
against hotwash's records, since lnav does not know every format (it reads bunyan
JSON lines as plain text, for one). The ratio hotwash/lnav is printed over all the
files and over the files lnav did index.

Usage: ``uv run python benchmarks/logs_ingest.py DIR [--runs N]`` (the best of N runs
of each tool is kept, alternating, so that both see the same machine load). Each
hotwash run is a fresh process, so that its peak memory is its own.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC
from pathlib import Path

import polars as pl
from timeline_run import TimelineRun, planted_check, run_timeline

from hotwash.condense import TemplateMiner
from hotwash.evidence.logs import LogsSource
from hotwash.evidence.logs.chunks import LineReader
from hotwash.evidence.logs.reader import NOTABLE_LEVELS
from hotwash.evidence.logs.scan import ChunkScanner
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import ReadContext

MINED_SAMPLE = 500_000  # error and warning messages timed through the template miner


@dataclass
class FileRun:
    path: str
    seconds: float
    cpu: float
    lines: int
    records: int
    summary: str


@dataclass
class HotwashRun:
    files: list[FileRun]
    peak_rss: int

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.files)


@dataclass
class LnavRun:
    seconds: float
    cpu: float
    messages: dict[str, int]  # per file path
    formats: dict[str, str]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def read_file(source: LogsSource, path: Path) -> FileRun:
    started, cpu = time.perf_counter(), cpu_seconds()
    batch = source.read(make_target(path), ReadContext(default_zone=UTC))
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    (stats,) = batch.stats
    summary = (
        f"{stats.format}, {stats.lines:,} lines, {stats.records:,} records, "
        f"{stats.continuation_lines:,} continuation, skipped {stats.skipped}"
    )
    return FileRun(str(path), seconds, cpu, stats.lines, stats.records, summary)


def run_hotwash(files: list[Path]) -> HotwashRun:
    """Read ``files`` in a fresh process (``--child``), which reports as JSON."""
    command = [sys.executable, __file__, "--child", *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    return HotwashRun([FileRun(**run) for run in report["files"]], report["peak_rss"])


def child(files: list[Path]) -> None:
    source = LogsSource()
    runs = [asdict(read_file(source, path)) for path in files]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"files": runs, "peak_rss": peak}))


def run_lnav(files: list[Path]) -> LnavRun | None:
    """lnav indexing ``files`` headless, then per file its format and message count."""
    lnav = shutil.which("lnav")
    if lnav is None:
        return None
    queries = [
        ";SELECT log_path, count(*) AS messages FROM all_logs GROUP BY log_path",
        ":write-csv-to -",
        ";SELECT filepath, format FROM lnav_file",
        ":write-csv-to -",
    ]
    command = [lnav, "-n", *(arg for query in queries for arg in ("-c", query)), *map(str, files)]
    with tempfile.TemporaryDirectory() as home:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "HOME": home}, check=False
        )
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    messages, formats = _lnav_tables(done.stdout)
    return LnavRun(seconds, cpu, messages, formats)


def _lnav_tables(output: str) -> tuple[dict[str, int], dict[str, str]]:
    messages: dict[str, int] = {}
    formats: dict[str, str] = {}
    for row in csv.reader(io.StringIO(output)):
        if len(row) != 2 or row[0] in ("log_path", "filepath"):
            continue
        if row[1].isdigit():
            messages[row[0]] = int(row[1])
        else:
            formats[row[0]] = row[1]
    return messages, formats


@dataclass
class Best:
    timeline: TimelineRun
    reading: HotwashRun
    lnav: LnavRun | None


def best_of(runs: int, folder: Path, files: list[Path]) -> Best:
    """Each tool ``runs`` times, alternating; per tool the fastest run overall."""
    timeline: TimelineRun | None = None
    hotwash: HotwashRun | None = None
    lnav: LnavRun | None = None
    for _ in range(runs):
        whole = run_timeline(folder)
        if timeline is None or whole.seconds < timeline.seconds:
            timeline = whole
        ours = run_hotwash(files)
        if hotwash is None or ours.seconds < hotwash.seconds:
            hotwash = ours
        theirs = run_lnav(files)
        if theirs is not None and (lnav is None or theirs.seconds < lnav.seconds):
            lnav = theirs
    assert hotwash is not None
    assert timeline is not None
    return Best(timeline, hotwash, lnav)


def mining_rate(files: list[Path]) -> tuple[int, float]:
    """(lines, seconds) for mining the error and warning messages of ``files``."""
    messages = []
    source = LogsSource()
    for path in files:
        fmt = source.detect(make_target(path)).format
        if fmt is None:
            continue
        scanner = ChunkScanner(fmt, source.max_line_bytes, NOTABLE_LEVELS)
        for chunk in LineReader(path).chunks():
            records = scanner.scan(chunk).records
            messages.append(records["message"].drop_nulls())
    sample = pl.concat(messages).head(MINED_SAMPLE)
    miner = TemplateMiner()
    started = time.perf_counter()
    for offset in range(0, sample.len(), 100_000):
        miner.add(sample.slice(offset, 100_000))
    return sample.len(), time.perf_counter() - started


def report_timeline(files: list[Path], best: Best) -> None:
    size = sum(path.stat().st_size for path in files)
    lines = sum(run.lines for run in best.reading.files)
    run = best.timeline
    print(f"{len(files)} files, {size / 1e6:.0f} MB, {lines:,} lines")
    print(
        f"hotwash timeline: {run.seconds:.2f} s, {size / 1e6 / run.seconds:.0f} MB/s, "
        f"CPU {run.cpu:.1f} s, peak RSS {run.peak_rss / 1e6:.0f} MB "
        f"({run.peak_rss / max(lines, 1):.0f} B/line)"
    )
    if best.lnav is not None:
        lnav = best.lnav
        print(f"lnav -n:          {lnav.seconds:.2f} s, {size / 1e6 / lnav.seconds:.0f} MB/s")
        print(f"ratio hotwash timeline / lnav: {run.seconds / lnav.seconds:.2f}")
    print("milestones against the planted incident:")
    print("\n".join(planted_check(run)))
    print("reading alone (LogsSource, per file):")


def report(files: list[Path], hotwash: HotwashRun, lnav: LnavRun | None) -> None:
    size = sum(path.stat().st_size for path in files)
    lines = sum(run.lines for run in hotwash.files)
    seconds, cpu = hotwash.seconds, sum(run.cpu for run in hotwash.files)
    for run in hotwash.files:
        name, mb = Path(run.path).name, Path(run.path).stat().st_size / 1e6
        print(f"  {name}: {run.seconds:.2f} s ({mb / run.seconds:.0f} MB/s), {run.summary}")
    peak = hotwash.peak_rss
    print(
        f"hotwash: {seconds:.2f} s, {size / 1e6 / seconds:.0f} MB/s, {lines / seconds:,.0f} "
        f"lines/s, CPU {cpu:.1f} s; peak RSS {peak / 1e6:.0f} MB, {peak / max(lines, 1):.0f} B/line"
    )
    if lnav is None:
        print("lnav: not installed (apt-get install -y lnav)")
        return
    print(
        f"lnav:    {lnav.seconds:.2f} s, {size / 1e6 / lnav.seconds:.0f} MB/s, CPU {lnav.cpu:.1f} s"
    )
    indexed = check_lnav(hotwash.files, lnav)
    print(f"ratio hotwash/lnav, all files: {seconds / lnav.seconds:.2f}")
    if len(indexed) < len(files):
        ours = sum(run.seconds for run in hotwash.files if Path(run.path) in indexed)
        theirs = run_lnav(indexed)
        assert theirs is not None
        print(
            f"ratio hotwash/lnav, the {len(indexed)} files lnav indexed: "
            f"{ours:.2f} s / {theirs.seconds:.2f} s = {ours / theirs.seconds:.2f}"
        )


def check_lnav(hotwash: list[FileRun], lnav: LnavRun) -> list[Path]:
    """The files lnav fully indexed (a message per hotwash record); says which not."""
    indexed = []
    for run in hotwash:
        found, fmt = lnav.messages.get(run.path, 0), lnav.formats.get(run.path, "<NULL>")
        if found == run.records and fmt != "<NULL>":
            indexed.append(Path(run.path))
            verdict = "indexed every record"
        else:
            verdict = f"NOT fully indexed (hotwash read {run.records:,} records)"
        print(f"  lnav {Path(run.path).name}: format {fmt}, {found:,} messages: {verdict}")
    return indexed


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child([Path(arg) for arg in sys.argv[2:]])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    files = sorted(path.resolve() for path in args.folder.iterdir() if path.is_file())
    best = best_of(args.runs, args.folder, files)
    report_timeline(files, best)
    report(files, best.reading, best.lnav)
    mined, seconds = mining_rate(files)
    print(f"template mining, error and warning lines: {mined / seconds:,.0f} lines/s")


if __name__ == "__main__":
    main()
