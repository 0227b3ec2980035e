"""One of several processes hammering the same store; run by test_store_concurrency.

    python store_worker.py append URL INCIDENT_ID COUNT WORKER
    python store_worker.py create URL COUNT

The worker imports hotwash (``append`` also opens the store), prints ``ready``,
and waits for a line on stdin, so that all workers start their real work at
the same moment. ``create`` opens the store only then, so that all workers
also race to migrate a new database. It prints its result as one JSON line.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.model import Incident, format_incident_id
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status
from hotwash.store import SqlStore, open_store
from hotwash.store.schema import current_revision


def append(store: SqlStore, incident_id: str, count: str, worker: str) -> list[int]:
    """One transaction per note, in the same pattern the incident service uses."""
    seqs = []
    for n in range(int(count)):
        with store.transaction() as repo:
            assert repo.get_incident(incident_id, for_update=True) is not None
            event = TimelineEvent(
                at=datetime.now(UTC), text=f"worker {worker} note {n}", kind=EventKind.NOTE
            )
            stored = repo.append_event(incident_id, event)
        assert stored.seq is not None
        seqs.append(stored.seq)
    return seqs


def create(store: SqlStore, count: str) -> dict[str, object]:
    """Declare incidents; also report the schema revision this process found."""
    with store.engine.connect() as connection:
        revision = current_revision(connection)
    ids = []
    for _ in range(int(count)):
        with store.transaction() as repo:
            incident_id = format_incident_id(2026, repo.next_incident_number(2026))
            repo.add_incident(
                Incident(
                    incident_id, "load", Severity.SEV3, Status.INVESTIGATING, datetime.now(UTC)
                )
            )
        ids.append(incident_id)
    return {"revision": revision, "ids": ids}


def main(mode: str, url: str, *args: str) -> object:
    store = open_store(url) if mode == "append" else None
    print("ready", flush=True)
    sys.stdin.readline()
    store = store or open_store(url)
    try:
        if mode == "append":
            return append(store, *args)
        return create(store, *args)
    finally:
        store.close()


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])), flush=True)
