"""Recurrences for programs (JSON) and for people (Markdown), with the open action items.

An earlier incident's items that are still open are the point of the report: they are
what "we knew this was a problem" refers to.
"""

from __future__ import annotations

from typing import Any

from hotwash.recurrence.detect import Recurrence
from hotwash.review.history import PastAction


def recurrence_json(found: Recurrence) -> dict[str, Any]:
    return {
        "incident": found.incident.key,
        "earlier": found.earlier.key,
        "score": found.score,
        "reasons": list(found.reasons),
        "evidence": {name: round(value, 3) for name, value in found.parts.items()},
        "earlier_open_actions": [_action_json(action) for action in found.open_actions],
        "we_knew": bool(found.open_actions),
    }


def recurrences_markdown(found: list[Recurrence]) -> list[str]:
    if not found:
        return ["No incident resembles an earlier one closely enough to be flagged."]
    lines: list[str] = []
    for item in found:
        lines += [
            f"### {item.incident.key} looks like {item.earlier.key} (score {item.score:.2f})",
            "",
            f"- Now: {item.incident.title}",
            f"- Earlier: {item.earlier.title}",
            *(f"- Why: {reason}" for reason in item.reasons),
            *_knew(item),
            "",
        ]
    return lines


def _knew(item: Recurrence) -> list[str]:
    if not item.open_actions:
        return ["- The earlier incident has no action item still open."]
    listed = [f"  - {describe_action(action)}" for action in item.open_actions]
    return [
        f"- **We knew this was a problem:** {len(listed)} action item(s) from "
        f"{item.earlier.key} are still open:",
        *listed,
    ]


def describe_action(action: PastAction) -> str:
    label = f"{action.id}: " if action.id else ""
    extras = [f"owner {action.owner}" if action.owner else None]
    extras += [f"due {action.due.isoformat()}" if action.due else None, action.status.value]
    return f"{label}{action.action} ({', '.join(e for e in extras if e)})"


def _action_json(action: PastAction) -> dict[str, Any]:
    return {
        "id": action.id,
        "action": action.action,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "status": action.status.value,
        "ticket": action.ticket,
    }
