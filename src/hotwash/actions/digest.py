"""The weekly review of open post-incident work, as Markdown (the seed's "weekly review of
open post-mortem items"): overdue items first, then the rest, each by priority and age;
follow-up reviews that are due; and what was finished in the past week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.listing import ActionFilter, AgedAction, select
from hotwash.actions.model import ActionItem
from hotwash.incidents.model import Incident
from hotwash.review.markdown import table

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class DigestInput:
    items: Sequence[ActionItem]
    incidents: dict[str, Incident]
    records: Sequence[PostmortemRecord]
    now: datetime


def digest_markdown(data: DigestInput) -> str:
    aged = select(data.items, ActionFilter(), data.now)
    overdue = [a for a in aged if a.days_overdue > 0]
    others = [a for a in aged if a.days_overdue == 0]
    finished = _finished(data)
    reviews = _reviews_due(data)
    start = (data.now - timedelta(days=data.now.weekday())).date()
    lines = [
        f"# Post-incident follow-up: week of {start.isoformat()}",
        "",
        f"Open items: {len(aged)} ({len(overdue)} overdue). Done in the last 7 days: "
        f"{len(finished)}. Follow-up reviews due: {len(reviews)}.",
    ]
    lines += _section("Overdue", _item_rows(overdue, data.incidents))
    lines += _section("Open", _item_rows(others, data.incidents))
    lines += _section("Follow-up reviews due", _review_rows(reviews, data.incidents))
    lines += _section("Done in the last 7 days", _done_rows(finished, data.incidents))
    return "\n".join(lines) + "\n"


def _section(title: str, rows: tuple[list[str], list[list[object]]]) -> list[str]:
    headers, body = rows
    return ["", f"## {title}", "", *(table(headers, body) if body else ["Nothing."])]


def _item_rows(
    aged: list[AgedAction], incidents: dict[str, Incident]
) -> tuple[list[str], list[list[object]]]:
    headers = ["Item", "Priority", "Action", "Owner", "Incident", "Due", "Days overdue", "Age"]
    rows: list[list[object]] = [
        [
            a.item.id,
            a.item.priority.value if a.item.priority else "-",
            a.item.action,
            a.item.owner,
            _incident(a.item.incident_id, incidents),
            a.item.due.isoformat() if a.item.due else None,
            a.days_overdue or "-",
            f"{a.age_days} d" if a.age_days is not None else None,
        ]
        for a in aged
    ]
    return headers, rows


def _finished(data: DigestInput) -> list[ActionItem]:
    since = data.now - WEEK
    done = [i for i in data.items if i.is_closed and i.closed_at and i.closed_at >= since]
    return sorted(done, key=lambda item: item.closed_at or data.now)


def _done_rows(
    items: list[ActionItem], incidents: dict[str, Incident]
) -> tuple[list[str], list[list[object]]]:
    headers = ["Item", "Action", "Owner", "Incident", "Closed", "Status"]
    rows: list[list[object]] = [
        [
            item.id,
            item.action,
            item.owner,
            _incident(item.incident_id, incidents),
            f"{item.closed_at:%Y-%m-%d}" if item.closed_at else None,
            item.status.value,
        ]
        for item in items
    ]
    return headers, rows


def _reviews_due(data: DigestInput) -> list[PostmortemRecord]:
    horizon = data.now + WEEK  # due this coming week, or already late
    return sorted(
        (
            r
            for r in data.records
            if r.incident_id in data.incidents
            and r.follow_up_pending
            and r.follow_up_at is not None
            and r.follow_up_at <= horizon
        ),
        key=lambda r: r.follow_up_at or data.now,
    )


def _review_rows(
    records: list[PostmortemRecord], incidents: dict[str, Incident]
) -> tuple[list[str], list[list[object]]]:
    headers = ["Incident", "Review due", "Postmortem"]
    rows: list[list[object]] = [
        [
            _incident(r.incident_id, incidents),
            f"{r.follow_up_at:%Y-%m-%d}" if r.follow_up_at else None,
            r.path,
        ]
        for r in records
    ]
    return headers, rows


def _incident(incident_id: str, incidents: dict[str, Incident]) -> str:
    incident = incidents.get(incident_id)
    return f"{incident_id} {incident.title}" if incident else incident_id
