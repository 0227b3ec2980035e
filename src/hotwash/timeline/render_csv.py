"""The timeline as CSV, one row per entry."""

from __future__ import annotations

import csv
import io
from datetime import UTC, tzinfo

from hotwash.timeline.model import Timeline

COLUMNS = ["time", "event", "source", "actor", "kind", "service", "milestones", "evidence"]


def timeline_csv(timeline: Timeline, zone: tzinfo = UTC) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in timeline.entries:
        writer.writerow(
            [
                entry.at.astimezone(zone).isoformat(),
                entry.text,
                entry.source,
                entry.actor or "",
                entry.kind.value,
                entry.service or "",
                ";".join(m.value for m in entry.milestones),
                str(entry.ref) if entry.ref else "",
            ]
        )
    return buffer.getvalue()
