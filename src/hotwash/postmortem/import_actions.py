"""Action items from tables (columns found by header) and from bullet lists.

Tables are read here, so an ``ID`` column stays an id and a ``Ticket`` column a
ticket. Lists use the generic parser's inline attributes (``owner: @bob, due
2026-03-20, P1``). A table row with no action text is reported, never dropped.
"""

from __future__ import annotations

from hotwash.postmortem.document import Document, Section
from hotwash.postmortem.import_model import ImportedAction, Unparsed
from hotwash.postmortem.import_text import cells
from hotwash.postmortem.parse_actions import ActionItem, action_items
from hotwash.postmortem.parse_blocks import ListBlock, Table
from hotwash.postmortem.parse_inline import Span
from hotwash.postmortem.parse_table_columns import column_index

# Checked in this order; each column is claimed once.
_COLUMNS = (
    ("id", r"^id$|^#$|^no$|^ref$"),
    ("done_when", r"done when|success|criteri|acceptance|definition|verif|outcome"),
    ("owner", r"owner|assignee|assigned|^who$|responsible|dri|^team$"),
    ("due", r"due|deadline|by when|^by$|target|eta|^date$|^when$|complete by"),
    ("priority", r"priority|prio|^p$|importance|urgency"),
    ("type", r"^type$|kind|category"),
    ("ticket", r"ticket|issue|jira|bug|tracking|link|^pr$"),
    ("action", r"action|item|task|title|what|description|improvement|remediation|follow|fix"),
)


def read_actions(
    section: Section, document: Document
) -> tuple[list[ImportedAction], list[Unparsed]]:
    found: list[ImportedAction] = []
    unparsed: list[Unparsed] = []
    listed = action_items(document)
    for part in section.walk():
        for block in part.blocks:
            if isinstance(block, Table):
                rows, bad = _table(block, section.title)
                found += rows
                unparsed += bad
            elif isinstance(block, ListBlock):
                found += [
                    _from_list(item) for item in listed if block.line <= item.line <= block.end_line
                ]
    return found, unparsed


def _table(table: Table, name: str) -> tuple[list[ImportedAction], list[Unparsed]]:
    columns = _columns(cells(table.header))
    found, unparsed = [], []
    for row in table.rows:
        values = cells(row)
        get = {k: values[i] if i < len(values) and values[i] else None for k, i in columns.items()}
        action = get.pop("action")
        line = row[0].line if row else table.line
        if action:
            found.append(ImportedAction(line=line, action=action, **get))
        elif any(values):
            unparsed.append(Unparsed(line, name, " | ".join(values), "no action text"))
    return found, unparsed


def _columns(header: list[str]) -> dict[str, int]:
    """Which column holds what; the action is the first unclaimed column if none says so."""
    columns: dict[str, int] = {}
    for key, pattern in _COLUMNS:
        index = column_index(header, pattern, taken=frozenset(columns.values()))
        if index is not None:
            columns[key] = index
    if "action" not in columns:
        free = [i for i in range(len(header)) if i not in columns.values()]
        columns["action"] = free[0] if free else 0
    return columns


def _text(span: Span | None) -> str | None:
    return span.text if span is not None else None


def _from_list(item: ActionItem) -> ImportedAction:
    return ImportedAction(
        line=item.line,
        action=item.action.text,
        owner=_text(item.owner),
        due=_text(item.due),
        priority=_text(item.priority),
        type=_text(item.type),
        done_when=_text(item.done_when),
        ticket=_text(item.ticket),
    )
