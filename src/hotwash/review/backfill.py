"""Load postmortem files into the store: ``hotwash import DIR --store``, ``actions import-from``.

A team's existing postmortem folder becomes incidents, timelines, contributing factors,
action items and postmortem records, so the review and recurrence detection work from
day one. Loading is idempotent: a file is found again by its path, an unchanged file
(same digest) is skipped, and a changed one updates its records in place (action items
through :mod:`hotwash.actions.reconcile`, never duplicated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.reconcile import Reconciled, reconcile
from hotwash.errors import HotwashError
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, check_incident_id
from hotwash.incidents.repository import Repository
from hotwash.review.backfill_records import (
    add_missing_factors,
    add_timeline,
    link_factors,
    new_incident,
    refresh_incident,
)
from hotwash.review.from_files import PostmortemFile

_FINAL = re.compile(r"final|complete|reviewed|published|closed|done|approved", re.IGNORECASE)


@dataclass
class Loaded:
    path: str
    incident_id: str
    created: bool = False
    unchanged: bool = False
    actions: Reconciled = field(default_factory=Reconciled)
    problems: list[str] = field(default_factory=list)


def backfill_file(
    repo: Repository, file: PostmortemFile, path: str, now: datetime, review_after: timedelta
) -> Loaded:
    """Create or update the incident ``file`` describes; ``path`` is how the store names it."""
    record = next((r for r in repo.postmortems() if r.path == path), None)
    if record is not None and record.digest == file.digest:
        return Loaded(path, record.incident_id, unchanged=True)
    incident = _existing(repo, record, file)
    loaded = Loaded(path, incident.id if incident else "", created=incident is None)
    if incident is None:
        incident = new_incident(repo, file, now, loaded.problems)
        add_timeline(repo, incident.id, file)
    elif record is not None:  # only an incident this file created follows the file
        refresh_incident(repo, incident, file)
    loaded.incident_id = incident.id
    _attach(repo, incident, file, path, now, review_after, loaded)
    return loaded


def attach_file(
    repo: Repository,
    incident: Incident,
    file: PostmortemFile,
    path: str,
    now: datetime,
    review_after: timedelta,
) -> Loaded:
    """Take ``file``'s action items and factors into an incident that already exists."""
    loaded = Loaded(path, incident.id)
    _attach(repo, incident, file, path, now, review_after, loaded)
    return loaded


def _existing(
    repo: Repository, record: PostmortemRecord | None, file: PostmortemFile
) -> Incident | None:
    if record is not None:
        return repo.get_incident(record.incident_id)
    named = file.found.fields.get("incident", "")
    try:
        return repo.get_incident(check_incident_id(named)) if named else None
    except HotwashError:
        return None


def _attach(
    repo: Repository,
    incident: Incident,
    file: PostmortemFile,
    path: str,
    now: datetime,
    review_after: timedelta,
    loaded: Loaded,
) -> None:
    factors = add_missing_factors(repo, incident.id, file)
    loaded.actions = reconcile(repo, incident.id, list(file.drafts), path, now)
    link_factors(repo, loaded.actions, factors)
    loaded.problems += list(file.problems)
    record = repo.get_postmortem(incident.id) or PostmortemRecord(incident.id)
    repo.save_postmortem(_record(record, file, path, now, review_after))


def _record(
    record: PostmortemRecord, file: PostmortemFile, path: str, now: datetime, review: timedelta
) -> PostmortemRecord:
    past = file.incident
    record.path, record.digest = path, file.digest
    record.summary, record.trigger = past.summary or None, past.trigger or None
    record.signals = sorted(past.signals)
    if record.finalised_at is None and _FINAL.search(file.found.fields.get("status", "")):
        record.finalised_at = finalised = _finalised(file, now)
        due = finalised + review
        # An old postmortem's review window is long gone; scheduling it now would only
        # bury the due list under reviews nobody will hold.
        record.follow_up_at = due if due > now else None
    return record


def _finalised(file: PostmortemFile, now: datetime) -> datetime:
    """When the postmortem became final: its "Reviewed" date, else resolution, else start."""
    if file.reviewed is not None:
        return datetime.combine(file.reviewed, time(0), tzinfo=UTC)
    past = file.incident
    return past.milestones.get(Milestone.RESOLVED) or past.started_at or now
