"""A postmortem on record: where it is, when it was finalised, when it is reviewed again.

The seed asks for a follow-up review four weeks after a postmortem is finalised:
were the action items done, and did they work? The record keeps that date, and the
words recurrence detection compares (summary, trigger, alert names, log templates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hotwash.times.zones import to_utc

DEFAULT_REVIEW_AFTER = timedelta(weeks=4)


@dataclass
class PostmortemRecord:
    incident_id: str
    path: str | None = None
    digest: str | None = None  # sha256 of the file's text when it was last read
    summary: str | None = None
    trigger: str | None = None
    finalised_at: datetime | None = None
    follow_up_at: datetime | None = None
    followed_up_at: datetime | None = None
    signals: list[str] = field(default_factory=list)  # alert names and log templates

    @property
    def is_finalised(self) -> bool:
        return self.finalised_at is not None

    @property
    def follow_up_pending(self) -> bool:
        return self.follow_up_at is not None and self.followed_up_at is None


def finalise(
    record: PostmortemRecord, at: datetime, review_after: timedelta = DEFAULT_REVIEW_AFTER
) -> PostmortemRecord:
    """Mark the postmortem final at ``at`` and schedule its follow-up review."""
    moment = to_utc(at)
    record.finalised_at = moment
    record.follow_up_at = moment + review_after
    record.followed_up_at = None
    return record
