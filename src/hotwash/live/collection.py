"""A collection on disk: find the one to resume, run it, attach what it saved to an incident.

Collections live in ``<parent>/<window>/``. An unfinished one (a unit failed or the
run was interrupted) is resumed, window and all, unless a fresh start is asked for;
otherwise the window given starts a new one (or finds its finished twin, and then
nothing is fetched again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from hotwash.config.settings import Sources
from hotwash.evidence.attached import inspect_evidence
from hotwash.evidence.registry import evidence_sources
from hotwash.incidents.service import IncidentService
from hotwash.live.collector import Collector, OnDone, Outcome
from hotwash.live.state import CollectionState, Status
from hotwash.live.unit import Unit
from hotwash.live.window import Window


def open_collection(parent: Path, window: Window, *, fresh: bool = False) -> CollectionState:
    """The newest unfinished collection under ``parent``, else the one for ``window``."""
    if not fresh and parent.is_dir():
        for folder in sorted((p for p in parent.iterdir() if p.is_dir()), reverse=True):
            state = CollectionState.load(folder)
            if state is not None and not state.complete:
                return state
    folder = parent / window.key()
    return CollectionState.load(folder) or CollectionState(folder, window)


@dataclass
class CollectionRun:
    state: CollectionState
    outcomes: list[Outcome]
    requests: int
    bytes: int

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.record.status is Status.FAILED]


def run_collection(
    state: CollectionState,
    units: list[Unit],
    sources: Sources,
    environ: Mapping[str, str],
    on_done: OnDone | None = None,
    transport: httpx.BaseTransport | None = None,
) -> CollectionRun:
    collector = Collector(state, sources, environ, transport)
    outcomes = collector.run(units, on_done)
    return CollectionRun(state, outcomes, collector.budget.requests, collector.budget.bytes)


def saved_paths(run: CollectionRun) -> list[Path]:
    """Every file or folder the collection saved or referenced, absolute."""
    paths = []
    for outcome in run.outcomes:
        if outcome.record.status is Status.DONE:
            paths += [run.state.folder / item for item in outcome.record.files]
    return paths


def attach_collected(run: CollectionRun, incidents: IncidentService, incident_id: str) -> int:
    """Attach what each finished unit saved (path, size, SHA-256); returns how many are new.

    Re-attaching the same content is a no-op, so a resumed run attaches only what is new.
    """
    pending = [o for o in run.outcomes if o.record.status is Status.DONE and not o.record.attached]
    if not pending:
        return 0
    sources = evidence_sources()
    found = [
        (inspect_evidence(run.state.folder / item, sources), None)
        for outcome in pending
        for item in outcome.record.files
    ]
    results = incidents.attach_evidence(incident_id, found)
    for outcome in pending:
        outcome.record.attached = True
        run.state.record(outcome.key, outcome.record)
    return sum(1 for _stored, added in results if added)
