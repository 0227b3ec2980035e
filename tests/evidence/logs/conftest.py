"""Helpers for the log source tests: fixture paths, reading, minute numbers."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hotwash.evidence.logs import LogsSource
from hotwash.evidence.model import EvidenceBatch, IngestStats
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import ReadContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "logs"


def fixture(name: str) -> Path:
    return FIXTURES / name


def read(path: Path, source: LogsSource | None = None, **context: object) -> EvidenceBatch:
    options: dict[str, object] = {"default_zone": UTC, **context}
    return (source or LogsSource()).read(make_target(path), ReadContext(**options))  # type: ignore[arg-type]


def only_stats(batch: EvidenceBatch) -> IngestStats:
    assert len(batch.stats) == 1
    return batch.stats[0]


def minute(text: str) -> int:
    """The epoch minute of an ISO time (UTC)."""
    return int(datetime.fromisoformat(text).astimezone(UTC).timestamp() // 60)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def balanced(stats: IngestStats) -> bool:
    return stats.records + stats.continuation_lines + sum(stats.skipped.values()) == stats.lines


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def source() -> LogsSource:
    return LogsSource()
