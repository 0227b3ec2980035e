"""One run of the whole ``hotwash timeline DIR`` command, as a user runs it.

Start-up, detection, reading, condensing, building and writing the timeline all
count. The command runs in its own process; ``os.wait4`` gives that process's own
CPU time and peak memory. The milestones it found come back from its JSON output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class TimelineRun:
    seconds: float
    cpu: float
    peak_rss: int
    milestones: dict[str, str | None]
    delays: dict[str, float | None]


def run_timeline(folder: Path) -> TimelineRun:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "timeline.json"
        command = [sys.executable, "-m", "hotwash", "timeline", str(folder)]
        command += ["--format", "json", "--output", str(output)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            assert process.stderr is not None
            raise SystemExit(f"hotwash timeline failed: {process.stderr.read().decode()}")
        timeline = json.loads(output.read_text())
    return TimelineRun(
        seconds=seconds,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss=usage.ru_maxrss * 1024,
        milestones=timeline["milestones"],
        delays=timeline["delays"],
    )


def planted_check(run: TimelineRun) -> list[str]:
    """Lines comparing the milestones found with the incident ``generate_logs`` planted."""
    from datetime import UTC, datetime

    from generate_logs import INCIDENT_END, INCIDENT_START

    planted = {"impact_start": INCIDENT_START, "mitigated": INCIDENT_END}
    lines = []
    for name, micros in planted.items():
        truth = datetime.fromtimestamp(micros / 1e6, UTC)
        found = run.milestones.get(name)
        gap = "not found"
        if found:
            seconds = (datetime.fromisoformat(found) - truth).total_seconds()
            gap = f"{seconds:+.0f} s off"
        lines.append(f"  {name}: planted {truth:%H:%M:%S}, found {found or '-'} ({gap})")
    return lines
