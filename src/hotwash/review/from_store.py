"""The store's incidents as past incidents, for ``hotwash review`` without a folder.

What a postmortem said (summary, trigger, alert names, log lines) comes from its
postmortem record; the timeline adds the alert names and log lines responders wrote
down while the incident ran. Restricted incidents stay out unless the viewer may see
them.
"""

from __future__ import annotations

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.model import ActionItem
from hotwash.incidents.events import EventKind
from hotwash.incidents.model import Incident
from hotwash.incidents.repository import Store
from hotwash.recurrence.signals import signals_in
from hotwash.review.history import PastAction, PastIncident, delays_from_milestones

_SAID_BY_PEOPLE = (EventKind.NOTE, EventKind.UPDATE, EventKind.EVIDENCE, EventKind.MILESTONE)


def incidents_from_store(store: Store, viewer: str | None) -> list[PastIncident]:
    with store.transaction() as repo:
        records = {record.incident_id: record for record in repo.postmortems()}
        items = repo.action_items()
        found = []
        for incident in repo.list_incidents():
            if not incident.can_see(viewer):
                continue
            texts = [e.text for e in repo.events(incident.id) if e.kind in _SAID_BY_PEOPLE]
            factors = tuple(factor.text for factor in repo.factors(incident.id))
            mine = [item for item in items if item.incident_id == incident.id]
            found.append(_past(incident, records.get(incident.id), texts, factors, mine))
    return found


def _past(
    incident: Incident,
    record: PostmortemRecord | None,
    texts: list[str],
    factors: tuple[str, ...],
    items: list[ActionItem],
) -> PastIncident:
    summary = (record.summary if record else None) or incident.impact or ""
    trigger = (record.trigger if record else None) or ""
    recorded = set(record.signals) if record else set()
    return PastIncident(
        key=incident.id,
        title=incident.title,
        started_at=incident.started_at,
        severity=incident.severity,
        services=tuple(incident.services),
        milestones=dict(incident.milestones),
        delays=delays_from_milestones(incident.milestones),
        summary=summary,
        trigger=trigger,
        factors=factors,
        details=" ".join(texts),
        signals=frozenset(recorded | signals_in([summary, trigger, *texts, *factors])),
        actions=tuple(_action(item) for item in items),
        incident_id=incident.id,
        path=record.path if record else None,
    )


def _action(item: ActionItem) -> PastAction:
    return PastAction(
        action=item.action,
        status=item.status,
        id=item.id,
        owner=item.owner,
        due=item.due,
        priority=item.priority,
        type=item.type,
        created_at=item.created_at,
        closed_at=item.closed_at,
        ticket=item.ticket,
    )
