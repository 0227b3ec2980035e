"""The pattern review: everything ``hotwash review`` reports, computed once.

Figures cover the incidents that started in the window (``--since``); recurrence
detection looks back past the window, because the earlier incident a new one repeats
is usually older than the window itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotwash.recurrence.detect import Recurrence, find_recurrences
from hotwash.review import metrics
from hotwash.review.action_stats import ActionStats, action_stats
from hotwash.review.classify import Classified, category_of, trigger_of
from hotwash.review.history import PastIncident
from hotwash.review.themes import Theme, recurring_themes


@dataclass(frozen=True)
class Count:
    name: str
    incidents: tuple[tuple[str, str], ...]  # (incident key, the words that placed it)


@dataclass(frozen=True)
class Review:
    source: str
    generated_at: datetime
    since: datetime | None
    incidents: tuple[PastIncident, ...]
    overall: dict[str, dict[str, float | int | None]]
    by_month: list[dict[str, Any]]
    by_severity: list[dict[str, Any]]
    by_service: list[dict[str, Any]]
    triggers: tuple[Count, ...]
    categories: tuple[Count, ...]
    themes: tuple[Theme, ...]
    actions: ActionStats
    recurrences: tuple[Recurrence, ...]


def build_review(
    history: Sequence[PastIncident], *, source: str, now: datetime, since: datetime | None
) -> Review:
    window = [i for i in history if _in_window(i, since)]
    window.sort(key=lambda i: (i.started_at is None, i.started_at or now, i.key))
    frame = metrics.delay_frame(window)
    return Review(
        source=source,
        generated_at=now,
        since=since,
        incidents=tuple(window),
        overall=metrics.overall(frame),
        by_month=metrics.by_key(frame, "month"),
        by_severity=metrics.by_key(frame, "severity"),
        by_service=metrics.by_key(frame, "service"),
        triggers=_counts(window, trigger_of),
        categories=_counts(window, category_of),
        themes=tuple(recurring_themes(window)),
        actions=action_stats(window, now),
        recurrences=tuple(find_recurrences(history, only={i.key for i in window})),
    )


def _in_window(incident: PastIncident, since: datetime | None) -> bool:
    if since is None:
        return True
    return incident.started_at is not None and incident.started_at >= since


def _counts(
    window: list[PastIncident], classify: Callable[[PastIncident], Classified]
) -> tuple[Count, ...]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for incident in window:
        placed = classify(incident)
        groups.setdefault(placed.name, []).append((incident.key, placed.because))
    ordered = sorted(groups.items(), key=lambda group: (-len(group[1]), group[0]))
    return tuple(Count(name, tuple(members)) for name, members in ordered)
