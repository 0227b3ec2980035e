"""Action items as a postmortem's Markdown states them, ready to become store records.

The importer (:mod:`hotwash.postmortem.importer`) finds the rows of tables and lists;
the generic parser (:mod:`hotwash.postmortem.parse_actions`) adds what the importer
leaves out: a Status column, a ``[x]`` checkbox. Values are read here into domain
types; a value that cannot be read ("next quarter" as a due date) is left empty and
reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hotwash.actions.model import ACTION_ID, ActionStatus, ActionType, Priority
from hotwash.actions.values import read_day, read_priority, read_status, read_type
from hotwash.postmortem.document import Document
from hotwash.postmortem.import_model import ImportedAction, ImportedPostmortem
from hotwash.postmortem.parse_actions import ActionItem as ParsedAction
from hotwash.postmortem.parse_actions import action_items

_LEADING_ID = re.compile(r"^\s*(AI-\d{3,})\s*[:.)\]—–-]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ActionDraft:
    ordinal: int  # 1-based position among the file's action items
    line: int
    action: str
    id: str | None = None
    type: ActionType | None = None
    owner: str | None = None
    due: date | None = None
    priority: Priority | None = None
    done_when: str | None = None
    ticket: str | None = None
    status: ActionStatus | None = None


def action_drafts(
    found: ImportedPostmortem, document: Document
) -> tuple[list[ActionDraft], list[str]]:
    """The file's action items in order, and one line per value that could not be read."""
    parsed = {item.line: item for item in action_items(document)}
    drafts, problems = [], []
    for ordinal, row in enumerate(found.action_items, start=1):
        draft, trouble = _draft(ordinal, row, parsed.get(row.line))
        drafts.append(draft)
        problems += [f"{found.path}:{row.line}: {problem}" for problem in trouble]
    return drafts, problems


def _draft(
    ordinal: int, row: ImportedAction, parsed: ParsedAction | None
) -> tuple[ActionDraft, list[str]]:
    action, leading_id = _split_id(row.action)
    due, priority = read_day(row.due), read_priority(row.priority)
    draft = ActionDraft(
        ordinal=ordinal,
        line=row.line,
        action=action,
        id=leading_id or _action_id(row.id) or _action_id(row.ticket),
        type=read_type(row.type),
        owner=_clean(row.owner),
        due=due,
        priority=priority,
        done_when=_clean(row.done_when),
        ticket=None if _action_id(row.ticket) else _clean(row.ticket),
        status=_status(parsed),
    )
    return draft, _unread(row, draft)


def _split_id(text: str) -> tuple[str, str | None]:
    match = _LEADING_ID.match(text)
    if match is None:
        return text.strip(), None
    return text[match.end() :].strip() or text.strip(), match.group(1).upper()


def _action_id(text: str | None) -> str | None:
    candidate = (text or "").strip().upper()
    return candidate if ACTION_ID.match(candidate) else None


def _status(parsed: ParsedAction | None) -> ActionStatus | None:
    if parsed is None:
        return None
    if parsed.status is not None and (status := read_status(parsed.status.text)) is not None:
        return status
    if parsed.checked is None:
        return None
    return ActionStatus.DONE if parsed.checked else ActionStatus.OPEN


def _clean(text: str | None) -> str | None:
    stripped = (text or "").strip()
    return stripped if stripped and stripped not in {"-", "—", "n/a", "N/A", "TBD"} else None


def _unread(row: ImportedAction, draft: ActionDraft) -> list[str]:
    problems = []
    if _clean(row.due) and draft.due is None:
        problems.append(f"due {row.due!r} is not a date; left empty")
    if _clean(row.priority) and draft.priority is None:
        problems.append(f"priority {row.priority!r} is not P1-P4 or high/medium/low; left empty")
    if _clean(row.type) and draft.type is None:
        problems.append(f"type {row.type!r} is not one of {', '.join(t for t in ActionType)}")
    return problems
