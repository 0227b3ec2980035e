"""Bring an incident's stored action items in line with its postmortem file.

Re-reading a file must update, never duplicate. Each row of the file is matched to a
stored item of the incident by, in turn: the ``AI-NNN`` id written in the row (when
that item came from this file or says much the same); the same action text; the same
position in the same file (so fixing a typo in an action keeps its item). Only then is
a new item created, with a new store-wide id: ids written in files are often local to
the file (every team's table starts at AI-001), so they are matched but never adopted.
A status the file does not state is left as stored, because tracker sync may have
closed the item since.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from hotwash.actions.drafts import ActionDraft
from hotwash.actions.model import ActionItem, format_action_id
from hotwash.actions.service import with_status
from hotwash.incidents.repository import Repository

_FIELDS = ("action", "type", "owner", "due", "priority", "done_when", "ticket")
SAME_WORDS = 0.5  # share of words two texts of one action item have in common, at least


@dataclass
class Reconciled:
    created: list[ActionItem] = field(default_factory=list)
    updated: list[ActionItem] = field(default_factory=list)
    unchanged: list[ActionItem] = field(default_factory=list)
    gone: list[ActionItem] = field(default_factory=list)  # from this file, no longer in it


def reconcile(
    repo: Repository, incident_id: str, drafts: list[ActionDraft], path: str, now: datetime
) -> Reconciled:
    outcome = Reconciled()
    pool = repo.action_items(incident_id)
    for draft in drafts:
        stored = _match(draft, pool, path)
        if stored is None:
            outcome.created.append(_create(repo, incident_id, draft, path, now))
            continue
        pool.remove(stored)
        _update(repo, stored, draft, path, now, outcome)
    outcome.gone = [item for item in pool if _source_path(item.source) == path]
    return outcome


def source_of(path: str, ordinal: int) -> str:
    return f"{path}#{ordinal}"


def _match(draft: ActionDraft, pool: list[ActionItem], path: str) -> ActionItem | None:
    tests: list[Callable[[ActionItem], bool]] = [
        lambda item: item.id == draft.id and _same_item(item, draft, path),
        lambda item: _words(item.action) == _words(draft.action),
        lambda item: item.source == source_of(path, draft.ordinal),
    ]
    return next((item for test in tests for item in pool if test(item)), None)


def _same_item(item: ActionItem, draft: ActionDraft, path: str) -> bool:
    """An id is the item's own when the item came from this file or says much the same:
    a hand-written table's AI-001 may be a different item from the store's AI-001."""
    if _source_path(item.source) == path:
        return True
    ours, theirs = set(_words(item.action).split()), set(_words(draft.action).split())
    return bool(ours | theirs) and len(ours & theirs) / len(ours | theirs) >= SAME_WORDS


def _create(
    repo: Repository, incident_id: str, draft: ActionDraft, path: str, now: datetime
) -> ActionItem:
    item = ActionItem(
        id=format_action_id(repo.next_action_number()),
        incident_id=incident_id,
        action=draft.action,
        created_at=now,
        source=source_of(path, draft.ordinal),
    )
    item = _apply(item, draft, now)
    repo.add_action_item(item)
    return item


def _update(
    repo: Repository,
    stored: ActionItem,
    draft: ActionDraft,
    path: str,
    now: datetime,
    outcome: Reconciled,
) -> None:
    updated = _apply(replace(stored, source=source_of(path, draft.ordinal)), draft, now)
    if updated == stored:
        outcome.unchanged.append(stored)
        return
    repo.save_action_item(updated)
    outcome.updated.append(updated)


def _apply(item: ActionItem, draft: ActionDraft, now: datetime) -> ActionItem:
    values = {name: getattr(draft, name) for name in _FIELDS}
    values["type"] = draft.type or item.type
    changed = replace(item, **values)
    return with_status(changed, draft.status, now) if draft.status is not None else changed


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _source_path(source: str | None) -> str | None:
    return source.rpartition("#")[0] if source and "#" in source else None
