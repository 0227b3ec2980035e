"""The one typed interface every evidence source implements, built-in or third-party."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol, runtime_checkable

from hotwash.evidence.model import EvidenceBatch

HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class Target:
    """A file or folder offered to the sources; ``head`` is its first bytes, decompressed."""

    path: Path
    head: bytes = b""

    @property
    def is_dir(self) -> bool:
        return self.path.is_dir()


@dataclass
class ReadContext:
    """How to read: the zone for naive times, an optional window, and progress reporting.

    ``zones`` maps a file name glob (or a service name) to the zone its naive times use;
    ``default_zone`` applies otherwise. ``year_hint`` dates year-less timestamps (syslog)
    when the file itself gives no clue. ``progress`` is called with bytes read so far.
    """

    default_zone: tzinfo
    zones: dict[str, tzinfo] = field(default_factory=dict)
    since: datetime | None = None
    until: datetime | None = None
    year_hint: int | None = None
    progress: Callable[[int], None] | None = None
    root: Path | None = None

    def display_path(self, path: Path) -> str:
        """Paths in evidence refs are relative to the evidence folder when possible."""
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()


@runtime_checkable
class EvidenceSource(Protocol):
    """A kind of evidence. ``sniff`` decides by content, never by file name alone."""

    name: str

    def sniff(self, target: Target) -> float:
        """Confidence in [0, 1] that this source understands ``target``."""
        ...

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        """Read the evidence. Must not modify the file and must not raise on bad content:
        malformed parts are counted in the batch's :class:`IngestStats` with a reason."""
        ...
