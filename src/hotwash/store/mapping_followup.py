"""Postmortem records and tracker links: rows to domain objects and back."""

from __future__ import annotations

from datetime import datetime

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.links import TrackerLink
from hotwash.store.tables import PostmortemRow, TrackerLinkRow
from hotwash.times.zones import to_utc


def fill_postmortem_row(row: PostmortemRow, record: PostmortemRecord) -> None:
    """Copy every field, so inserting and updating cannot drift apart."""
    row.incident_id = record.incident_id
    row.path = record.path
    row.digest = record.digest
    row.summary = record.summary
    row.trigger = record.trigger
    row.finalised_at = _utc(record.finalised_at)
    row.follow_up_at = _utc(record.follow_up_at)
    row.followed_up_at = _utc(record.followed_up_at)
    row.signals = list(record.signals)


def postmortem_from_row(row: PostmortemRow) -> PostmortemRecord:
    return PostmortemRecord(
        incident_id=row.incident_id,
        path=row.path,
        digest=row.digest,
        summary=row.summary,
        trigger=row.trigger,
        finalised_at=row.finalised_at,
        follow_up_at=row.follow_up_at,
        followed_up_at=row.followed_up_at,
        signals=list(row.signals),
    )


def fill_link_row(row: TrackerLinkRow, link: TrackerLink) -> None:
    row.action_id = link.action_id
    row.tracker = link.tracker
    row.remote_id = link.remote_id
    row.url = link.url
    row.synced_at = to_utc(link.synced_at)


def link_from_row(row: TrackerLinkRow) -> TrackerLink:
    return TrackerLink(
        action_id=row.action_id,
        tracker=row.tracker,
        remote_id=row.remote_id,
        url=row.url,
        synced_at=row.synced_at,
    )


def _utc(value: datetime | None) -> datetime | None:
    # Converted here so a naive datetime fails at the call that passed it.
    return None if value is None else to_utc(value)
