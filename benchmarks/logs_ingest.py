"""Benchmark reading log files through LogsSource against lnav indexing them: ``DIR``.

Prints, for hotwash: MB/s, lines/s, peak RSS and bytes of peak memory per input line;
for lnav (headless, ``lnav -n -c ';SELECT count(*) FROM all_logs'``): its time and
message count; and the ratio of the two times (hotwash / lnav).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from datetime import UTC
from pathlib import Path

from hotwash.evidence.logs import LogsSource
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import ReadContext


def run_hotwash(files: list[Path]) -> tuple[float, int, int]:
    """(seconds, lines, records) for reading every file."""
    source = LogsSource()
    started = time.perf_counter()
    lines = records = 0
    for path in files:
        (stats,) = source.read(make_target(path), ReadContext(default_zone=UTC)).stats
        lines, records = lines + stats.lines, records + stats.records
        print(
            f"  {path.name}: {stats.format}, {stats.lines} lines, {stats.records} records, "
            f"{stats.continuation_lines} continuation, skipped {stats.skipped}"
        )
    return time.perf_counter() - started, lines, records


def run_lnav(files: list[Path]) -> tuple[float, str]:
    """(seconds, lnav's count of log messages) for lnav indexing every file headless."""
    lnav = shutil.which("lnav")
    if lnav is None:
        return float("nan"), "lnav not installed (apt-get install -y lnav)"
    with tempfile.TemporaryDirectory() as home:
        command = [lnav, "-n", "-c", ";SELECT count(*) AS messages FROM all_logs", *map(str, files)]
        started = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "HOME": home}, check=False
        )
        elapsed = time.perf_counter() - started
    return elapsed, " ".join(done.stdout.split()) or done.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    folder = parser.parse_args().folder
    files = sorted(path for path in folder.iterdir() if path.is_file())
    size = sum(path.stat().st_size for path in files)
    print(f"{len(files)} files, {size / 1e6:.0f} MB")
    seconds, lines, records = run_hotwash(files)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"hotwash: {seconds:.2f} s, {size / 1e6 / seconds:.0f} MB/s, "
        f"{lines / seconds:,.0f} lines/s, {lines:,} lines, {records:,} records, "
        f"peak RSS {peak / 1e6:.0f} MB, {peak / max(lines, 1):.0f} B/line"
    )
    lnav_seconds, lnav_count = run_lnav(files)
    print(f"lnav:    {lnav_seconds:.2f} s, {size / 1e6 / lnav_seconds:.0f} MB/s ({lnav_count})")
    print(f"ratio hotwash/lnav: {seconds / lnav_seconds:.2f}")


if __name__ == "__main__":
    main()
