"""Shared values for the follow-through tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hotwash.incidents.model import Incident
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "postmortems-history"
NOW = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)


def make_incident(number: int = 1, **changes: object) -> Incident:
    values: dict[str, object] = {
        "id": f"INC-2026-{number:04d}",
        "title": "Checkout 502s",
        "severity": Severity.SEV2,
        "status": Status.RESOLVED,
        "created_at": NOW,
        "services": ["checkout"],
    }
    values.update(changes)
    return Incident(**values)  # type: ignore[arg-type]
