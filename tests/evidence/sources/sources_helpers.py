"""Shared helpers for the structured-source tests: fixture paths and one-call reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from hotwash.evidence.model import EvidenceBatch, EvidenceEvent, SignalKind
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import EvidenceSource, ReadContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "evidence"
INCIDENT = FIXTURES / "incident"
AWKWARD = FIXTURES / "awkward"
LOGS = FIXTURES / "logs"


def utc(*parts: int) -> datetime:
    """``utc(2026, 3, 14, 14, 6)``: an aware UTC datetime, for exact assertions."""
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def context(
    root: Path | None = INCIDENT,
    zone: tzinfo = UTC,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ReadContext:
    return ReadContext(default_zone=zone, root=root, since=since, until=until)


def read(
    source: EvidenceSource, path: Path, read_context: ReadContext | None = None
) -> EvidenceBatch:
    """Read ``path`` exactly as hotwash does: sniffing content first, then reading."""
    return source.read(make_target(path), read_context or context(root=path.parent))


def kinds(events: list[EvidenceEvent]) -> list[SignalKind]:
    return [event.kind for event in events]


def assert_aware_utc(batch: EvidenceBatch) -> None:
    for event in batch.events:
        assert event.at.utcoffset() == timedelta(0)
        assert event.end is None or event.end.utcoffset() == timedelta(0)
