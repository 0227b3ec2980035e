"""Resumable collection: what each unit of a collection fetched, kept beside the evidence.

A collection folder holds a ``.collect-state.json`` that records its window and, per
unit (one query, one alert list, one log source...), whether it is done and which
files it wrote. The file is rewritten after every unit, atomically, so a collection
interrupted at any point resumes by fetching only the units not yet done. It is a
hidden file: evidence readers skip it, while custody digests of the folder cover it.
"""

from __future__ import annotations

import enum
import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from hotwash.live.files import write_atomic
from hotwash.live.window import Window

STATE_FILE = ".collect-state.json"
VERSION = 1


class Status(enum.StrEnum):
    DONE = "done"  # fetched and saved
    EMPTY = "empty"  # the source answered, with no data in the window: nothing saved
    FAILED = "failed"  # fetched again on the next run


@dataclass
class UnitRecord:
    status: Status
    files: list[str] = field(default_factory=list)  # relative to the folder, or absolute
    message: str | None = None
    requests: int = 0
    bytes: int = 0
    attached: bool = False

    @property
    def finished(self) -> bool:
        return self.status in {Status.DONE, Status.EMPTY}


@dataclass
class CollectionState:
    folder: Path
    window: Window
    units: dict[str, UnitRecord] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, folder: Path) -> CollectionState | None:
        """The state saved in ``folder``, or None if there is none (or it is unreadable)."""
        try:
            raw = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
            window = Window(
                datetime.fromisoformat(raw["since"]), datetime.fromisoformat(raw["until"])
            )
            units = {key: _unit(value) for key, value in raw["units"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return cls(folder, window, units)

    @property
    def complete(self) -> bool:
        return bool(self.units) and all(unit.finished for unit in self.units.values())

    def finished(self, key: str) -> bool:
        unit = self.units.get(key)
        return unit is not None and unit.finished

    def record(self, key: str, unit: UnitRecord) -> None:
        with self._lock:
            self.units[key] = unit
            self.save()

    def save(self) -> None:
        document = {
            "version": VERSION,
            "since": self.window.since.isoformat(),
            "until": self.window.until.isoformat(),
            "units": {key: _plain(unit) for key, unit in sorted(self.units.items())},
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.folder / STATE_FILE, text.encode("utf-8"))


def _plain(unit: UnitRecord) -> dict[str, object]:
    return {**asdict(unit), "status": unit.status.value}


def _unit(value: dict[str, object]) -> UnitRecord:
    files = value.get("files", [])
    return UnitRecord(
        status=Status(str(value["status"])),
        files=[str(item) for item in files] if isinstance(files, list) else [],
        message=str(value["message"]) if value.get("message") is not None else None,
        requests=int(str(value.get("requests", 0))),
        bytes=int(str(value.get("bytes", 0))),
        attached=bool(value.get("attached", False)),
    )
