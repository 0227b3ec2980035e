"""Two (or eight) writers at once: every note must be stored, none interleaved or lost."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.events import EventKind
from hotwash.incidents.repository import Store
from hotwash.incidents.service import Declaration, IncidentService
from hotwash.incidents.severity import Severity

WRITERS = 8
NOTES_EACH = 50

# Each writer opens its own store, waits for the starting gun, then writes its notes
# through the same service the CLI uses.
WRITER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.service import IncidentService
from hotwash.store import open_store

url, incident_id, writer, count, gun = sys.argv[1:6]
store = open_store(url)
service = IncidentService(store, SeverityPolicy(), lambda: datetime.now(UTC), f"w{writer}")
while not Path(gun).exists():
    time.sleep(0.005)
for n in range(int(count)):
    service.add_note(incident_id, f"writer {writer} note {n}")
store.close()
"""


def test_eight_processes_write_fifty_notes_each(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    service = IncidentService(store, SeverityPolicy(), lambda: datetime.now(UTC), "setup")
    incident = service.declare(Declaration("Concurrent notes", Severity.SEV3))
    gun = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                store_url,
                incident.id,
                str(n),
                str(NOTES_EACH),
                str(gun),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    time.sleep(1.5)  # let every writer import and open its store before they all start
    gun.touch()
    outcomes = [(w.communicate(timeout=240)[1], w.returncode) for w in writers]
    assert [err for err, code in outcomes if code != 0] == []
    _, events = service.timeline(incident.id)
    notes = [e.text for e in events if e.kind is EventKind.NOTE]
    expected = {f"writer {w} note {n}" for w in range(WRITERS) for n in range(NOTES_EACH)}
    assert len(notes) == WRITERS * NOTES_EACH
    assert set(notes) == expected
    seqs = [e.seq for e in events]
    assert sorted(seqs) == list(range(1, len(events) + 1))  # type: ignore[type-var]
