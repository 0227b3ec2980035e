"""Postmortem follow-up reviews: finalise a postmortem, schedule its review, record it held."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from hotwash.actions.followup import DEFAULT_REVIEW_AFTER, PostmortemRecord, finalise
from hotwash.errors import IncidentNotFoundError, ValidationError
from hotwash.incidents.model import Incident, check_incident_id
from hotwash.incidents.repository import Repository, Store
from hotwash.times.zones import to_utc

Clock = Callable[[], datetime]


@dataclass
class FollowUpService:
    store: Store
    clock: Clock
    viewer: str | None = None
    review_after: timedelta = DEFAULT_REVIEW_AFTER

    def finalise(
        self, incident_id: str, *, path: str | None = None, at: datetime | None = None
    ) -> PostmortemRecord:
        """Mark the incident's postmortem final; its review falls ``review_after`` later."""
        with self.store.transaction() as repo:
            incident = self._incident(repo, incident_id)
            record = repo.get_postmortem(incident.id) or PostmortemRecord(incident.id)
            record.path = path or record.path
            finalise(record, to_utc(at or self.clock()), self.review_after)
            repo.save_postmortem(record)
        return record

    def reviewed(self, incident_id: str, *, at: datetime | None = None) -> PostmortemRecord:
        """Record that the follow-up review was held."""
        with self.store.transaction() as repo:
            incident = self._incident(repo, incident_id)
            record = repo.get_postmortem(incident.id)
            if record is None or not record.is_finalised:
                raise ValidationError(
                    f"{incident.id} has no finalised postmortem; "
                    f"finalise it first: hotwash followup finalise {incident.id}"
                )
            record.followed_up_at = to_utc(at or self.clock())
            repo.save_postmortem(record)
        return record

    def records(self) -> list[tuple[Incident, PostmortemRecord]]:
        """Every visible incident's postmortem record, by follow-up date (unscheduled last)."""
        with self.store.transaction() as repo:
            incidents = {i.id: i for i in repo.list_incidents() if i.can_see(self.viewer)}
            found = [
                (incidents[r.incident_id], r)
                for r in repo.postmortems()
                if r.incident_id in incidents
            ]
        return sorted(found, key=lambda pair: _review_order(pair[1]))

    def _incident(self, repo: Repository, incident_id: str) -> Incident:
        key = check_incident_id(incident_id)
        incident = repo.get_incident(key)
        if incident is None or not incident.can_see(self.viewer):
            raise IncidentNotFoundError(f"unknown incident {key}")
        return incident


def record_json(record: PostmortemRecord) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "incident": record.incident_id,
        "path": record.path,
        "finalised_at": iso(record.finalised_at),
        "follow_up_at": iso(record.follow_up_at),
        "followed_up_at": iso(record.followed_up_at),
    }


def _review_order(record: PostmortemRecord) -> tuple[bool, str, str]:
    when = record.follow_up_at.isoformat() if record.follow_up_at else ""
    return (record.follow_up_at is None, when, record.incident_id)
