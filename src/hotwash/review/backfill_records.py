"""The records one postmortem file becomes: its incident, timeline and contributing factors.

A file rarely says everything an incident record needs. What it does not say is filled
in plainly and reported: no severity stated means SEV3 (and a note saying so), no date
means the time of the import.
"""

from __future__ import annotations

from datetime import datetime

from hotwash.actions.factor_links import closest_factors
from hotwash.actions.reconcile import Reconciled
from hotwash.errors import HotwashError
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor, FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, format_incident_id
from hotwash.incidents.repository import Repository
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status
from hotwash.review.from_files import PostmortemFile

SOURCE = "postmortem"
DEFAULT_SEVERITY = Severity.SEV3
_IMPACT_CHARS = 500


def new_incident(
    repo: Repository, file: PostmortemFile, now: datetime, problems: list[str]
) -> Incident:
    past = file.incident
    created = past.started_at or now
    if past.severity is None:
        problems.append(f"{file.path}: no severity stated; recorded as {DEFAULT_SEVERITY}")
    incident = Incident(
        id=format_incident_id(created.year, repo.next_incident_number(created.year)),
        title=past.title,
        severity=past.severity or DEFAULT_SEVERITY,
        status=Status.CLOSED,  # a written postmortem is an incident long over
        created_at=created,
        services=list(past.services),
        impact=past.summary[:_IMPACT_CHARS] or None,
        milestones=dict(past.milestones),
    )
    repo.add_incident(incident)
    return incident


def refresh_incident(repo: Repository, incident: Incident, file: PostmortemFile) -> None:
    """Carry a changed file's title, severity, services and milestones into its incident."""
    past = file.incident
    incident.title = past.title
    incident.severity = past.severity or incident.severity
    incident.services = list(past.services) or incident.services
    incident.milestones = {**incident.milestones, **past.milestones}
    incident.impact = past.summary[:_IMPACT_CHARS] or incident.impact
    repo.save_incident(incident)


def add_timeline(repo: Repository, incident_id: str, file: PostmortemFile) -> int:
    """The file's timeline rows that have a UTC time, as timeline events."""
    added = 0
    for row in file.found.timeline:
        if row.utc is None:
            continue
        milestone = _milestone(row.milestones)
        event = TimelineEvent(
            at=datetime.fromisoformat(row.utc.replace("Z", "+00:00")),
            text=row.event,
            kind=EventKind.MILESTONE if milestone else EventKind.NOTE,
            source=SOURCE,
            actor=row.actor if row.actor not in (None, "-") else None,
            milestone=milestone,
        )
        repo.append_event(incident_id, event)
        added += 1
    return added


def add_missing_factors(
    repo: Repository, incident_id: str, file: PostmortemFile
) -> list[ContributingFactor]:
    """Record the file's factors the incident lacks; return all the file's factors, stored."""
    stored = {factor.text: factor for factor in repo.factors(incident_id)}
    result = []
    for factor in file.found.contributing_factors:
        if factor.text not in stored:
            category = _category(factor.category)
            stored[factor.text] = repo.add_factor(
                incident_id, ContributingFactor(factor.text, category)
            )
        result.append(stored[factor.text])
    return result


def link_factors(repo: Repository, outcome: Reconciled, factors: list[ContributingFactor]) -> None:
    """Link new and updated items without a factor to the factor their words address."""
    items = [item for item in [*outcome.created, *outcome.updated] if item.factor is None]
    picks = closest_factors([item.action for item in items], [f.text for f in factors])
    for item, pick in zip(items, picks, strict=True):
        if pick is not None:
            item.factor = factors[pick].seq
            repo.save_action_item(item)


def _milestone(labels: tuple[str, ...]) -> Milestone | None:
    for label in labels:
        try:
            return Milestone.parse(label)
        except HotwashError:
            continue
    return None


def _category(text: str | None) -> FactorCategory:
    try:
        return FactorCategory.parse(text) if text else FactorCategory.CONTRIBUTING
    except HotwashError:
        return FactorCategory.CONTRIBUTING
