"""Action-item fields: owner, due date, priority, success criterion, ticket.

Which of them are required comes from the profile, or ``required-action-fields``.
A due date must be a calendar date ("2026-04-01", "1 Apr 2026", "Apr 1"); "next
quarter", "soon" and "Q3" are not dates anyone can miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.rule import Hit, rule
from hotwash.postmortem import ActionItem, Span

__all__ = ["parse_due"]

_EMPTY = re.compile(r"^\W*(?:-|–|—|n/?a|none|nobody|unassigned|\?+)?\W*$", re.IGNORECASE)
_LAYOUTS = ("%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%m/%d/%Y",
            "%d.%m.%Y", "%b %d", "%B %d", "%d %b", "%d %B")  # fmt: skip


def parse_due(text: str) -> date | None:
    """The calendar date ``text`` names, or ``None`` ("next quarter", "TBD")."""
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b|,", r"\1", text.strip().strip("*_`")).strip()
    cleaned = " ".join(cleaned.split())
    for layout in _LAYOUTS:
        try:
            parsed = datetime.strptime(cleaned, layout).date()
        except ValueError:
            continue
        return parsed if "%Y" in layout else parsed.replace(year=2000)
    return None


def _present(span: Span | None) -> bool:
    return span is not None and not _EMPTY.match(span.plain)


def _missing(context: LintContext, name: str, label: str) -> Iterator[Hit]:
    if name not in context.config.action_fields:
        return
    for item in context.actions:
        if not _present(getattr(item, name)):
            yield Hit.at(item.action, 0, f"action item has no {label}: {_short(item)}")


def _short(item: ActionItem) -> str:
    text = item.action.plain
    return text if len(text) <= 50 else text[:47] + "..."


@rule(
    "actions/no-owner",
    Severity.WARNING,
    "An action item has no owner",
    why="An item nobody owns is an item nobody does. Owners can be people or teams.",
    hint="name one owner per item",
    bad="## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
    "| Add a pool alert |  | 2026-04-01 |\n",
    good="## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
    "| Add a pool alert | Lee Chen | 2026-04-01 |\n",
)
def no_owner(context: LintContext) -> Iterator[Hit]:
    yield from _missing(context, "owner", "owner")


@rule(
    "actions/no-due-date",
    Severity.WARNING,
    "An action item has no due date, or one that is not a date",
    why="'Next quarter' slips forever. A calendar date can be tracked and missed visibly.",
    hint="give a calendar date such as 2026-04-01",
    bad="## Action items\n\n- Add a pool alert (owner: @lee, due: next quarter)\n",
    good="## Action items\n\n- Add a pool alert (owner: @lee, due: 2026-04-01)\n",
)
def no_due_date(context: LintContext) -> Iterator[Hit]:
    if "due" not in context.config.action_fields:
        return
    for item in context.actions:
        if not _present(item.due):
            yield Hit.at(item.action, 0, f"action item has no due date: {_short(item)}")
        elif item.due is not None and parse_due(item.due.plain) is None:
            yield Hit.at(item.due, 0, f"due date {item.due.plain!r} is not a calendar date")


@rule(
    "actions/no-priority",
    Severity.INFO,
    "An action item has no priority",
    why="Without priorities every item competes equally with feature work, and the urgent "
    "ones lose.",
    hint="give each item a priority (P0-P3 or high/medium/low)",
    bad="## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
    "| Add a pool alert | Lee | 2026-04-01 |\n",
    good="## Action items\n\n| Action | Owner | Due | Priority |\n|---|---|---|---|\n"
    "| Add a pool alert | Lee | 2026-04-01 | P1 |\n",
    settings={"required-action-fields": ["priority"]},
)
def no_priority(context: LintContext) -> Iterator[Hit]:
    yield from _missing(context, "priority", "priority")


@rule(
    "actions/no-success-criterion",
    Severity.INFO,
    "An action item has no success criterion",
    why="'Done when' makes an item binary: everyone can tell whether it is finished.",
    hint='add a "Done when" column or "done when: ..." to the item',
    bad="## Action items\n\n- Add a pool alert (owner: @lee, due: 2026-04-01)\n",
    good="## Action items\n\n- Add a pool alert (owner: @lee, due: 2026-04-01; done when: "
    "the alert fires in staging at 80% pool use)\n",
    settings={"required-action-fields": ["done-when"]},
)
def no_success_criterion(context: LintContext) -> Iterator[Hit]:
    yield from _missing(context, "done_when", "success criterion (done when)")


@rule(
    "actions/no-ticket",
    Severity.INFO,
    "An action item has no ticket",
    why="Items that live only in the postmortem are forgotten; a ticket puts them in the "
    "team's normal queue.",
    hint="file a ticket and link it (OPS-123, #42 or a URL)",
    bad="## Action items\n\n- Add a pool alert (owner: @lee, due: 2026-04-01)\n",
    good="## Action items\n\n- Add a pool alert (owner: @lee, due: 2026-04-01, OPS-123)\n",
    settings={"required-action-fields": ["ticket"]},
)
def no_ticket(context: LintContext) -> Iterator[Hit]:
    yield from _missing(context, "ticket", "ticket")


@rule(
    "actions/no-type",
    Severity.INFO,
    "An action item has no type",
    why="Typing items (prevent, detect, mitigate, process) shows at a glance whether the "
    "review only fixed the trigger or also improved detection and response.",
    hint="add a type: prevent, detect, mitigate or process",
    bad="## Action items\n\n- Add a pool alert (owner: @lee, due: 2026-04-01)\n",
    good="## Action items\n\n- [detect] Add a pool alert (owner: @lee, due: 2026-04-01)\n",
    settings={"required-action-fields": ["type"]},
)
def no_type(context: LintContext) -> Iterator[Hit]:
    yield from _missing(context, "type", "type")
