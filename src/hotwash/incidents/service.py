"""Incident lifecycle use cases: declare, run, resolve. No CLI, web or SQL in here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from hotwash.config.policy import SeverityPolicy
from hotwash.errors import IncidentNotFoundError, ValidationError
from hotwash.evidence.attached import AttachedEvidence, Inspection, attached_record
from hotwash.incidents.due import DueItem, due_items
from hotwash.incidents.events import EventKind, TimelineEvent, status_change_text
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import (
    Incident,
    Role,
    Roles,
    Visibility,
    check_incident_id,
    format_incident_id,
)
from hotwash.incidents.repository import Repository, Store
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status, check_transition
from hotwash.incidents.transfer import Document, export_incident, import_incident
from hotwash.times.zones import to_utc

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Declaration:
    title: str
    severity: Severity
    services: tuple[str, ...] = ()
    commander: str | None = None
    restricted: bool = False
    impact: str | None = None
    at: datetime | None = None
    impact_started_at: datetime | None = None
    detected_at: datetime | None = None


@dataclass
class IncidentService:
    """Runs every change in one store transaction, on behalf of ``viewer``."""

    store: Store
    policy: SeverityPolicy
    clock: Clock
    viewer: str | None = None

    def declare(self, declaration: Declaration) -> Incident:
        if not declaration.title.strip():
            raise ValidationError("an incident needs a title")
        at = self._when(declaration.at)
        with self.store.transaction() as repo:
            incident = self._new_incident(repo, declaration, at)
            repo.add_incident(incident)
            self._record(
                repo,
                incident,
                at,
                f"Incident declared ({incident.severity.value})",
                EventKind.STATUS_CHANGE,
            )
            for milestone, moment in sorted(incident.milestones.items(), key=lambda m: m[1]):
                self._record_milestone(repo, incident, milestone, moment)
        return incident

    def change_status(
        self, incident_id: str, new: Status, *, note: str | None = None, at: datetime | None = None
    ) -> Incident:
        moment = self._when(at)
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            check_transition(incident.status, new)
            self._apply_status(repo, incident, new, moment, note)
        return incident

    def resolve(
        self, incident_id: str, *, note: str | None = None, at: datetime | None = None
    ) -> Incident:
        return self.change_status(incident_id, Status.RESOLVED, note=note, at=at)

    def reopen(
        self, incident_id: str, *, note: str | None = None, at: datetime | None = None
    ) -> Incident:
        moment = self._when(at)
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            if incident.status.is_active:
                raise ValidationError(f"{incident.id} is still open ({incident.status.value})")
            cleared = {
                m: incident.milestones.pop(m)
                for m in (Milestone.MITIGATED, Milestone.RESOLVED)
                if m in incident.milestones
            }
            was = ", ".join(f"{m.label} was {t:%Y-%m-%d %H:%M} UTC" for m, t in cleared.items())
            text = f"Reopened from {incident.status.value}" + (f" ({was})" if was else "")
            incident.status = Status.INVESTIGATING
            repo.save_incident(incident)
            self._record(repo, incident, moment, _with_note(text, note), EventKind.STATUS_CHANGE)
        return incident

    def post_update(
        self, incident_id: str, text: str, *, at: datetime | None = None, actor: str | None = None
    ) -> tuple[Incident, TimelineEvent]:
        return self._append(incident_id, text, EventKind.UPDATE, at, actor)

    def add_note(
        self, incident_id: str, text: str, *, at: datetime | None = None, actor: str | None = None
    ) -> tuple[Incident, TimelineEvent]:
        return self._append(incident_id, text, EventKind.NOTE, at, actor)

    def assign_role(self, incident_id: str, role: Role, person: str) -> Incident:
        if not person.strip():
            raise ValidationError("a role needs a person's name")
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            incident.roles.assign(role, person.strip())
            repo.save_incident(incident)
            self._record(
                repo, incident, self.clock(), f"{role.value.capitalize()}: {person}", EventKind.NOTE
            )
        return incident

    def set_severity(self, incident_id: str, severity: Severity) -> Incident:
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            if incident.severity is severity:
                raise ValidationError(f"{incident.id} is already {severity.value}")
            text = f"Severity changed from {incident.severity.value} to {severity.value}"
            incident.severity = severity
            repo.save_incident(incident)
            self._record(repo, incident, self.clock(), text, EventKind.STATUS_CHANGE)
        return incident

    def set_milestone(self, incident_id: str, milestone: Milestone, at: datetime) -> Incident:
        """Record a milestone by hand; an earlier value is kept in the timeline text."""
        moment = to_utc(at)
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            previous = incident.milestones.get(milestone)
            incident.milestones[milestone] = moment
            repo.save_incident(incident)
            note = f"set by {self.viewer or 'a user'}"
            if previous is not None:
                note = (
                    f"overridden by {self.viewer or 'a user'}; was {previous:%Y-%m-%d %H:%M:%S} UTC"
                )
            self._record_milestone(repo, incident, milestone, moment, note)
        return incident

    def get(self, incident_id: str) -> Incident:
        with self.store.transaction() as repo:
            return self._load(repo, incident_id)

    def timeline(self, incident_id: str) -> tuple[Incident, list[TimelineEvent]]:
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id)
            return incident, repo.events(incident.id)

    def attached_evidence(self, incident_id: str) -> tuple[Incident, list[AttachedEvidence]]:
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id)
            return incident, repo.evidence(incident.id)

    def record_and_evidence(
        self, incident_id: str
    ) -> tuple[Incident, list[TimelineEvent], list[AttachedEvidence]]:
        """An incident, its recorded events and its attached evidence, read together."""
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id)
            return incident, repo.events(incident.id), repo.evidence(incident.id)

    def attach_evidence(
        self,
        incident_id: str,
        found: Sequence[tuple[Inspection, str | None]],
        *,
        source_zone: str | None = None,
    ) -> list[tuple[AttachedEvidence, bool]]:
        """Attach inspected evidence (with its copy's path, if copied), all in one transaction.

        Content already on the incident is not attached again: its existing record comes
        back with ``False``.
        """
        moment = to_utc(self.clock())
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            known = {item.sha256: item for item in repo.evidence(incident.id)}
            results = []
            for inspection, copy_path in found:
                existing = known.get(inspection.digest.sha256)
                if existing is not None:
                    results.append((existing, False))
                    continue
                record = attached_record(
                    incident.id,
                    inspection,
                    at=moment,
                    by=self.viewer,
                    source_zone=source_zone,
                    copy_path=copy_path,
                )
                known[record.sha256] = stored = repo.add_evidence(record)
                results.append((stored, True))
        return results

    def list_incidents(
        self, *, open_only: bool = False, severities: Iterable[Severity] = ()
    ) -> list[Incident]:
        wanted = set(severities)
        with self.store.transaction() as repo:
            incidents = repo.list_incidents()
        return [
            incident
            for incident in incidents
            if incident.can_see(self.viewer)
            and (not open_only or incident.is_open)
            and (not wanted or incident.severity in wanted)
        ]

    def export(self, incident_id: str) -> Document:
        with self.store.transaction() as repo:
            return export_incident(repo, self._load(repo, incident_id))

    def import_document(self, document: Document) -> Incident:
        with self.store.transaction() as repo:
            return import_incident(repo, document)

    def due(self) -> list[DueItem]:
        """Updates owed under the severity cadence, postmortems owed after resolution, and
        follow-up reviews owed by finalised postmortems."""
        with self.store.transaction() as repo:
            incidents = [i for i in repo.list_incidents() if i.can_see(self.viewer)]
            announced = repo.latest_event_times(
                [i.id for i in incidents], [EventKind.UPDATE, EventKind.STATUS_CHANGE]
            )
            records = {record.incident_id: record for record in repo.postmortems()}
        return due_items(incidents, announced, self.policy, to_utc(self.clock()), records)

    # -- helpers -------------------------------------------------------------------------

    def _when(self, at: datetime | None) -> datetime:
        return to_utc(at) if at is not None else to_utc(self.clock())

    def _load(self, repo: Repository, incident_id: str, *, for_update: bool = False) -> Incident:
        key = check_incident_id(incident_id)
        incident = repo.get_incident(key, for_update=for_update)
        # A restricted incident looks exactly like a missing one to outsiders.
        if incident is None or not incident.can_see(self.viewer):
            raise IncidentNotFoundError(f"unknown incident {key}")
        return incident

    def _new_incident(self, repo: Repository, declaration: Declaration, at: datetime) -> Incident:
        number = repo.next_incident_number(at.year)
        milestones = {Milestone.DECLARED: at}
        for milestone, moment in (
            (Milestone.IMPACT_START, declaration.impact_started_at),
            (Milestone.DETECTED, declaration.detected_at),
        ):
            if moment is not None:
                milestones[milestone] = to_utc(moment)
        restricted = declaration.restricted
        return Incident(
            id=format_incident_id(at.year, number),
            title=declaration.title.strip(),
            severity=declaration.severity,
            status=Status.INVESTIGATING,
            created_at=at,
            services=list(dict.fromkeys(declaration.services)),
            roles=Roles(commander=declaration.commander),
            visibility=Visibility.RESTRICTED if restricted else Visibility.OPEN,
            members=[self.viewer] if restricted and self.viewer else [],
            impact=declaration.impact,
            milestones=milestones,
        )

    def _apply_status(
        self, repo: Repository, incident: Incident, new: Status, moment: datetime, note: str | None
    ) -> None:
        text = status_change_text(incident.status.value, new.value, note)
        incident.status = new
        reached = {Status.MONITORING: Milestone.MITIGATED, Status.RESOLVED: Milestone.RESOLVED}
        milestone = reached.get(new)
        if new is Status.RESOLVED and Milestone.MITIGATED not in incident.milestones:
            incident.milestones[Milestone.MITIGATED] = moment
            self._record_milestone(
                repo, incident, Milestone.MITIGATED, moment, "implied by resolution"
            )
        if milestone is not None and milestone not in incident.milestones:
            incident.milestones[milestone] = moment
            self._record_milestone(repo, incident, milestone, moment)
        repo.save_incident(incident)
        self._record(repo, incident, moment, text, EventKind.STATUS_CHANGE)

    def _append(
        self, incident_id: str, text: str, kind: EventKind, at: datetime | None, actor: str | None
    ) -> tuple[Incident, TimelineEvent]:
        if not text.strip():
            raise ValidationError(f"an empty {kind.value} says nothing")
        moment = self._when(at)
        with self.store.transaction() as repo:
            incident = self._load(repo, incident_id, for_update=True)
            event = self._record(repo, incident, moment, text.strip(), kind, actor)
        return incident, event

    def _record(
        self,
        repo: Repository,
        incident: Incident,
        at: datetime,
        text: str,
        kind: EventKind,
        actor: str | None = None,
    ) -> TimelineEvent:
        event = TimelineEvent(at=at, text=text, kind=kind, actor=actor or self.viewer)
        return repo.append_event(incident.id, event)

    def _record_milestone(
        self,
        repo: Repository,
        incident: Incident,
        milestone: Milestone,
        at: datetime,
        note: str | None = None,
    ) -> None:
        text = f"Milestone: {milestone.label}" + (f" ({note})" if note else "")
        event = TimelineEvent(
            at=at, text=text, kind=EventKind.MILESTONE, milestone=milestone, actor=self.viewer
        )
        repo.append_event(incident.id, event)


def _with_note(text: str, note: str | None) -> str:
    return f"{text}: {note.strip()}" if note and note.strip() else text
