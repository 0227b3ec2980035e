"""Action items from the action-items section: tables or bullet lists.

In a table, columns are found by header (action, owner, due, priority, type, done
when, ticket, status). In a list, each top-level item is one action; its attributes
are written inline (``Add alert on pool saturation (owner: @bob, due 2026-03-20, P1,
OPS-12)``) or as nested ``- Owner: Bob`` items. The action text is what comes before
the first attribute or separator. Bare tokens (``@bob``, ``P1``, ``2026-03-20``,
``OPS-12``) count only after the action text, so "Add P1 alert" keeps its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotwash.postmortem.document import Document
from hotwash.postmortem.parse_blocks import ListBlock, ListItem, Table
from hotwash.postmortem.parse_families import Family
from hotwash.postmortem.parse_inline import Span, mask_emphasis
from hotwash.postmortem.parse_table_columns import column_index

__all__ = ["ATTRIBUTES", "ActionItem", "action_items"]

ATTRIBUTES = ("owner", "due", "priority", "type", "done_when", "ticket", "status")


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionItem:
    """One action item; an attribute is ``None`` when the item does not give it."""

    action: Span
    owner: Span | None = None
    due: Span | None = None
    priority: Span | None = None
    type: Span | None = None
    done_when: Span | None = None
    ticket: Span | None = None
    status: Span | None = None
    checked: bool | None = None

    @property
    def line(self) -> int:
        return self.action.line


_COLUMNS = (
    ("status", r"^status$|^state$|^done\??$|^complete(?:d)?\??$"),
    ("done_when", r"done when|success|criteri|acceptance|definition|verif|outcome|measure"),
    ("owner", r"owner|assignee|assigned|^who$|responsible|dri|^team$"),
    ("due", r"due|deadline|by when|^by$|target|eta|^date$|^when$|complete by"),
    ("priority", r"priority|prio|^p$|importance|urgency"),
    ("type", r"^type$|kind|category|^class"),
    ("ticket", r"ticket|issue|jira|bug|tracking|link|^id$|^ref|^pr$"),
    ("action", r"action|item|task|title|what|description|improvement|remediation|follow|fix"),
)
_DATEISH = (
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\.? \d{1,2}(?:,? \d{4})?|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*(?: \d{4})?|(?:next|this|end of(?: the)?) (?:week|month|quarter|sprint|year)"
    r"|eo[wmqy]|q[1-4](?: \d{4})?|asap|tbd|soon|later|\d{4}-\d{2}"
)
_UPPER = "(?-i:[A-Z])"
_KEYED = {
    "owner": r"\b(?:owners?|assignee|assigned to|owned by|dri)\s*[:=]?\s*"
    rf"(?P<v>@?[\w.-]+(?: {_UPPER}[\w-]+)?)",
    "due": r"\b(?:due(?: date)?|deadline|eta|target(?: date)?|by|before)\s*[:=]?\s*"
    rf"(?P<v>{_DATEISH})\b",
    "priority": r"\b(?:priority|prio)\s*[:=]?\s*(?P<v>[\w-]+)"
    r"|\b(?P<w>high|medium|low|critical) priority\b",
    "type": r"\b(?:type|kind|category)\s*[:=]\s*(?P<v>[\w-]+)",
    "done_when": r"\b(?:done when|success(?: criteri(?:on|a))?|acceptance(?: criteri(?:on|a))?|"
    r"definition of done|verified (?:when|by))\s*[:=—–-]?\s*(?P<v>[^;|\n]+)",
    "ticket": r"\b(?:ticket|issue|jira|tracking)\s*[:=#]?\s*(?P<v>[A-Za-z]*-?#?\d+|https?://\S+)",
    "status": r"\bstatus\s*[:=]\s*(?P<v>[\w -]+)",
}
# Bracketed tags count anywhere in the item: "[detect] Add a pool alert".
_TAGS = {
    "priority": r"\[(?P<v>P[0-4]|high|medium|low)\]",
    "type": r"\[(?P<v>prevent\w*|detect\w*|mitigat\w*|process|repair|respon\w*)\]",
}
_LEADING_TAGS = re.compile(r"^\s*(?:\[[^\]\n]*\]\s*)+")
_BARE = {
    "owner": r"(?P<v>@[A-Za-z0-9][\w.-]*)",
    "due": r"(?P<v>\d{4}-\d{2}-\d{2})",
    "priority": r"(?<![\w-])(?P<v>P[0-4])\b",
    "ticket": r"(?P<v>\b[A-Z][A-Z0-9]{1,9}-\d+\b|(?<![\w&])#\d+\b"
    r"|https?://\S+/(?:issues|browse|pull|tickets?)/\S+)",
}
_KEYED_RE = {name: re.compile(p, re.IGNORECASE) for name, p in _KEYED.items()}
_BARE_RE = {name: re.compile(p) for name, p in _BARE.items()}
_TAGS_RE = {name: re.compile(p, re.IGNORECASE) for name, p in _TAGS.items()}
_END_OF_ACTION = re.compile(
    r"\n|\s+[—–]\s*|\s+--?\s+|\s*\|\s*|;\s+|\s+\((?=[^)]*[@:\d])|[.:]\s+(?=[A-Z][a-z]+:)"
)


def action_items(document: Document) -> list[ActionItem]:
    """Action items of every action-items section, in document order."""
    items: list[ActionItem] = []
    for section in document.sections_of(Family.ACTIONS):
        for block in section.blocks:
            if isinstance(block, Table):
                items += _table_items(block)
            elif isinstance(block, ListBlock):
                items += _list_items(block)
    return items


def _table_items(table: Table) -> list[ActionItem]:
    header = [cell.plain for cell in table.header]
    columns: dict[str, int] = {}
    for name, pattern in _COLUMNS:
        found = column_index(header, pattern, taken=frozenset(columns.values()))
        if found is not None:
            columns[name] = found
    if "action" not in columns:
        free = [i for i in range(len(header) or 1) if i not in columns.values()]
        columns["action"] = free[0] if free else 0
    return [_table_item(row, columns) for row in table.rows if _has_text(row)]


def _has_text(row: tuple[Span, ...]) -> bool:
    return any(cell.text for cell in row)


def _table_item(row: tuple[Span, ...], columns: dict[str, int]) -> ActionItem:
    cells = {name: row[index] for name, index in columns.items() if index < len(row)}
    present = {name: cell for name, cell in cells.items() if cell.plain and name != "action"}
    return _make(cells.get("action") or row[0], present, checked=None)


def _make(action: Span, attributes: dict[str, Span], *, checked: bool | None) -> ActionItem:
    get = attributes.get
    return ActionItem(
        action=action,
        owner=get("owner"),
        due=get("due"),
        priority=get("priority"),
        type=get("type"),
        done_when=get("done_when"),
        ticket=get("ticket"),
        status=get("status"),
        checked=checked,
    )


def _list_items(block: ListBlock) -> list[ActionItem]:
    groups: list[list[ListItem]] = []
    for item in block.items:
        if item.depth == 0 or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
    return [_list_item(group[0], group[1:]) for group in groups if group[0].text.strip()]


def _list_item(item: ListItem, nested: list[ListItem]) -> ActionItem:
    masked = mask_emphasis(item.text)
    cut = _action_end(masked)
    attributes: dict[str, Span] = {}
    sources = [(item, masked, cut), *((n, mask_emphasis(n.text), 0) for n in nested)]
    for span, text, tail_from in sources:
        for name, value in _attributes(span, text, tail_from).items():
            attributes.setdefault(name, value)
    tags = _LEADING_TAGS.match(masked)
    start = tags.end() if tags and tags.end() < cut else 0
    action_text = item.text[start:cut].rstrip(" ,;:(—–-")
    line, column = item.position(start)
    action = Span(text=action_text or item.text, line=line, columns=(column, *item.columns[1:]))
    return _make(action, attributes, checked=item.checked)


def _action_end(masked: str) -> int:
    ends = [m.start() for p in _KEYED_RE.values() if (m := p.search(masked)) and m.start() > 0]
    separator = _END_OF_ACTION.search(masked)
    if separator and separator.start() > 0:
        ends.append(separator.start())
    return min(ends, default=len(masked))


def _attributes(span: Span, masked: str, tail_from: int) -> dict[str, Span]:
    found: dict[str, Span] = {}
    for name in ATTRIBUTES:
        match = _KEYED_RE[name].search(masked) if name in _KEYED_RE else None
        if match is None and name in _TAGS_RE:
            match = _TAGS_RE[name].search(masked)
        if match is None and name in _BARE_RE:
            match = _BARE_RE[name].search(masked, tail_from)
        if match is not None:
            group = "v" if match.groupdict().get("v") is not None else "w"
            line, column = span.position(match.start(group))
            text = span.text[match.start(group) : match.end(group)].strip()
            found[name] = Span(text=text, line=line, columns=(column,))
    return found
