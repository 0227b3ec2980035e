"""The incident window that is fetched, and the Prometheus step that suits it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hotwash.errors import ValidationError
from hotwash.times.zones import to_utc

# Timelines are minute-grained, so a step above a minute loses what they need; below
# 15 s it only multiplies the points. Prometheus refuses more than 11 000 per series.
NICE_STEPS = (15, 30, 60, 120, 300, 600, 900, 1800, 3600)
MAX_POINTS = 11_000


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime

    def __post_init__(self) -> None:
        if self.since.tzinfo is None or self.until.tzinfo is None:
            raise ValueError("window times must be timezone-aware")
        if self.until <= self.since:
            raise ValidationError(
                f"empty window: {self.since:%F %T} is not before {self.until:%F %T}"
            )

    @classmethod
    def of(cls, since: datetime, until: datetime, margin: timedelta = timedelta(0)) -> Window:
        return cls(to_utc(since) - margin, to_utc(until) + margin)

    @property
    def span(self) -> timedelta:
        return self.until - self.since

    def step_seconds(self) -> int:
        """The smallest nice step that keeps a series under Prometheus' point limit."""
        needed = self.span.total_seconds() / MAX_POINTS
        return next((step for step in NICE_STEPS if step >= needed), NICE_STEPS[-1])

    def describe(self) -> str:
        return f"{self.since:%Y-%m-%d %H:%M:%S} to {self.until:%Y-%m-%d %H:%M:%S} UTC"

    def key(self) -> str:
        """A name for this window that sorts in time order and is safe in a file name."""
        return f"{self.since:%Y%m%dT%H%M%SZ}-{self.until:%Y%m%dT%H%M%SZ}"

    def contains(self, moment: datetime) -> bool:
        return self.since <= moment <= self.until

    def shifted(self, since: datetime | None = None, until: datetime | None = None) -> Window:
        return Window(since or self.since, until or self.until)
