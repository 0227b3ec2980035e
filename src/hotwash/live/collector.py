"""Run a collection's units side by side; one failing never stops the others.

Units already done in the folder's state are skipped, so an interrupted collection
resumes where it stopped. Each finished unit is recorded at once, with its request
and byte counts, and reported to the progress display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import httpx

from hotwash.config.settings import Sources
from hotwash.live.budget import Meter, RequestBudget
from hotwash.live.errors import FetchError
from hotwash.live.files import remove_partials
from hotwash.live.state import CollectionState, Status, UnitRecord
from hotwash.live.unit import Unit, UnitContext

# Enough to overlap slow answers; few enough to be gentle with the team's systems.
WORKERS = 4


@dataclass(frozen=True)
class Outcome:
    key: str
    source: str
    record: UnitRecord
    resumed: bool  # done by an earlier run, not fetched again


OnDone = Callable[[Outcome], None]


@dataclass
class Collector:
    state: CollectionState
    sources: Sources
    environ: Mapping[str, str]
    transport: httpx.BaseTransport | None = None

    def __post_init__(self) -> None:
        self.budget = RequestBudget(self.sources.max_requests)

    @property
    def folder(self) -> Path:
        return self.state.folder

    def run(self, units: list[Unit], on_done: OnDone | None = None) -> list[Outcome]:
        """Fetch every unit not yet done; outcomes in the order of ``units``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_partials(self.folder)
        self.state.save()
        outcomes: dict[str, Outcome] = {}
        for unit in units:
            if self.state.finished(unit.key):
                outcomes[unit.key] = self._report(
                    Outcome(unit.key, unit.source, self.state.units[unit.key], True), on_done
                )
        pending = [unit for unit in units if unit.key not in outcomes]
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = {pool.submit(self._fetch, unit): unit for unit in pending}
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[outcome.key] = self._report(outcome, on_done)
        return [outcomes[unit.key] for unit in units]

    def _fetch(self, unit: Unit) -> Outcome:
        meter = Meter(self.budget, unit.source)
        context = UnitContext(
            self.folder, self.state.window, self.sources, meter, self.environ, self.transport
        )
        try:
            fetched = unit.fetch(context)
        except FetchError as error:
            record = UnitRecord(Status.FAILED, message=str(error))
        except OSError as error:
            record = UnitRecord(Status.FAILED, message=f"cannot save: {error.strerror or error}")
        except Exception as error:  # a surprise in one answer must not stop the other units
            record = UnitRecord(
                Status.FAILED, message=f"{unit.source}: unexpected answer ({error!r})"
            )
        else:
            status = Status.EMPTY if fetched.empty else Status.DONE
            record = UnitRecord(status, fetched.files, fetched.note)
        record.requests, record.bytes = meter.requests, meter.bytes
        self.state.record(unit.key, record)
        return Outcome(unit.key, unit.source, record, False)

    @staticmethod
    def _report(outcome: Outcome, on_done: OnDone | None) -> Outcome:
        if on_done is not None:
            on_done(outcome)
        return outcome
