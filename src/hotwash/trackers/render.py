"""The ticket an action item becomes: title, body lines, labels, assignee, due date.

Labels say where a ticket came from (``postmortem``), which incident (its id) and what
kind of work it is (the item's type, and its priority when it has one), so a team can
filter its tracker the way the postmortem groups the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.model import ActionItem
from hotwash.config.settings import FollowUp
from hotwash.incidents.factors import ContributingFactor
from hotwash.incidents.model import Incident
from hotwash.trackers.model import TicketSpec

MANAGED = "Managed by hotwash: `hotwash actions sync` rewrites this description."
Assign = Callable[[str], str | None]


@dataclass(frozen=True)
class ItemContext:
    item: ActionItem
    incident: Incident
    record: PostmortemRecord | None = None
    factor: ContributingFactor | None = None


def ticket_spec(
    context: ItemContext, labels: tuple[str, ...], links: FollowUp, assign: Assign
) -> TicketSpec:
    item = context.item
    extra = [context.incident.id, item.type.value]
    extra += [item.priority.value] if item.priority else []
    return TicketSpec(
        action_id=item.id,
        title=f"{item.id}: {item.action}",
        lines=body_lines(context, links),
        labels=tuple(dict.fromkeys([*labels, *extra])),
        assignee=assign(item.owner) if item.owner else None,
        due=item.due,
        closed=item.is_closed,
    )


def body_lines(context: ItemContext, links: FollowUp) -> tuple[str, ...]:
    item, incident = context.item, context.incident
    facts = [
        f"Type: {item.type.value}",
        f"Priority: {item.priority.value if item.priority else '-'}",
        f"Owner: {item.owner or '-'}",
        f"Due: {item.due.isoformat() if item.due else '-'}",
    ]
    lines = [f"Action: {item.action}", " · ".join(facts)]
    lines += [f"Done when: {item.done_when}"] if item.done_when else []
    lines += [f"Addresses: {context.factor.text}"] if context.factor else []
    lines.append(f"Incident: {incident.id}: {incident.title}{_link(links.incident_url, incident)}")
    if context.record is not None and context.record.path:
        lines.append(f"Postmortem: {context.record.path}{_path_link(links, context.record)}")
    return (*lines, MANAGED)


def _link(template: str | None, incident: Incident) -> str:
    return f" ({template.format(incident=incident.id)})" if template else ""


def _path_link(links: FollowUp, record: PostmortemRecord) -> str:
    if not links.postmortem_url or not record.path:
        return ""
    return f" ({links.postmortem_url.format(path=record.path, incident=record.incident_id)})"
