"""Action items for people (table rows) and programs (JSON), with age and lateness."""

from __future__ import annotations

from typing import Any

from hotwash.actions.listing import AgedAction

HEADERS = ("ID", "Pri", "Status", "Action", "Owner", "Incident", "Due", "Age", "Overdue", "Ticket")


def action_row(aged: AgedAction) -> list[str]:
    item = aged.item
    return [
        item.id,
        item.priority.value if item.priority else "-",
        item.status.value,
        item.action,
        item.owner or "-",
        item.incident_id,
        item.due.isoformat() if item.due else "-",
        f"{aged.age_days} d" if aged.age_days is not None else "-",
        f"{aged.days_overdue} d" if aged.days_overdue else "-",
        item.ticket or "-",
    ]


def action_json(aged: AgedAction) -> dict[str, Any]:
    item = aged.item
    return {
        "id": item.id,
        "incident": item.incident_id,
        "action": item.action,
        "type": item.type.value,
        "owner": item.owner,
        "due": item.due.isoformat() if item.due else None,
        "priority": item.priority.value if item.priority else None,
        "done_when": item.done_when,
        "status": item.status.value,
        "ticket": item.ticket,
        "factor": item.factor,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "closed_at": item.closed_at.isoformat() if item.closed_at else None,
        "source": item.source,
        "age_days": aged.age_days,
        "days_overdue": aged.days_overdue,
    }
