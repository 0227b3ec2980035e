"""Entry points for loading postmortem files into a store, one transaction per file.

``hotwash import DIR --store`` calls :func:`load_folder`; ``hotwash actions import-from``
calls :func:`load_actions`. A file is named in the store by its path relative to the
workspace when it lies inside it (so the name survives moving the workspace), else by
its absolute path.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from hotwash.errors import IncidentNotFoundError, ValidationError
from hotwash.incidents.model import check_incident_id
from hotwash.incidents.repository import Store
from hotwash.review.backfill import Loaded, attach_file, backfill_file
from hotwash.review.from_files import read_folder, read_postmortem


def store_path(path: Path, root: Path | None) -> str:
    resolved = path.resolve()
    if root is not None and resolved.is_relative_to(root.resolve()):
        return resolved.relative_to(root.resolve()).as_posix()
    return resolved.as_posix()


def load_folder(
    store: Store,
    target: Path,
    root: Path | None,
    now: datetime,
    review_after: timedelta,
    skipped: list[str] | None = None,
) -> list[Loaded]:
    """Every postmortem at or under ``target`` into the store; re-running changes nothing.
    Files that cannot be read are named in ``skipped``."""
    loaded = []
    for file in read_folder(target, skipped):
        with store.transaction() as repo:
            path = store_path(file.path, root)
            loaded.append(backfill_file(repo, file, path, now, review_after))
    return loaded


def load_actions(
    store: Store,
    file: Path,
    incident_id: str | None,
    *,
    viewer: str | None,
    root: Path | None,
    now: datetime,
    review_after: timedelta,
) -> Loaded:
    """The action items (and factors) of one postmortem file, into an existing incident."""
    postmortem = read_postmortem(file)
    path = store_path(file, root)
    with store.transaction() as repo:
        record = next((r for r in repo.postmortems() if r.path == path), None)
        named = incident_id or (record.incident_id if record else None)
        named = named or postmortem.found.fields.get("incident")
        if not named:
            raise ValidationError(
                f"{file} names no incident and was never loaded; say which with --incident INC"
            )
        key = check_incident_id(named)
        if record is not None and record.incident_id != key:
            raise ValidationError(
                f"{file} is the postmortem of {record.incident_id}; it cannot also be {key}'s"
            )
        incident = repo.get_incident(key)
        if incident is None or not incident.can_see(viewer):
            raise IncidentNotFoundError(f"unknown incident {key}")
        return attach_file(repo, incident, postmortem, path, now, review_after)


def loaded_line(result: Loaded) -> str:
    """``path<TAB>incident<TAB>created|updated|unchanged<TAB>what happened to its items``."""
    state = "unchanged" if result.unchanged else "created" if result.created else "updated"
    items = result.actions
    counts = f"{len(items.created)} new, {len(items.updated)} updated action items"
    return f"{result.path}\t{result.incident_id}\t{state}\t{counts}"
