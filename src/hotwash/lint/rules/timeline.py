"""Timeline: UTC, in order, dated across midnight, filled in, with milestones, starting
before impact, and holding facts only."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hotwash.lint.chronology import MILESTONE_WORDS
from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.rule import Hit, rule
from hotwash.lint.rules.zones import (
    declared_zone,
    is_utc,
    timeline_heading,
    to_utc_edit,
    utc_declaration_edit,
)
from hotwash.postmortem import Family, Section, Table

_ZONE_HINT = "write every time in UTC and say so in the heading: ## Timeline (UTC)"


@rule(
    "timeline/no-utc",
    Severity.WARNING,
    "The timeline does not declare UTC",
    why="Readers in other zones (and the next incident's responders) misread unlabelled "
    "times; logs, alerts and deploys are compared in UTC.",
    hint=_ZONE_HINT,
    bad="## Timeline\n\n- 14:02 errors begin\n- 14:06 alert fires\n",
    good="## Timeline (UTC)\n\n- 14:02 errors begin\n- 14:06 alert fires\n",
    fixable=True,
)
def no_utc(context: LintContext) -> Iterator[Hit]:
    heading = timeline_heading(context)
    if heading is None or not context.rows or declared_zone(context) is not None:
        return
    zones = [row.zone for row in context.rows if row.clock is not None]
    if any(zone is not None and not is_utc(zone) for zone in zones):
        return  # non-utc-zone reports it
    line, column = heading.position(0)
    if zones and all(zone is not None for zone in zones):
        fix = utc_declaration_edit(heading)
        message = "every time is UTC but the timeline does not say so in its heading"
        yield Hit(line, column, message, fix=(fix,))
    else:
        yield Hit(line, column, "the timeline does not say its times are UTC")


@rule(
    "timeline/non-utc-zone",
    Severity.WARNING,
    "The timeline uses a zone other than UTC",
    why="Mixed or local zones hide the real gaps between events, and daylight-saving "
    "changes make them ambiguous.",
    hint=_ZONE_HINT,
    bad="## Timeline (CEST)\n\n- 16:02 errors begin\n- 16:06 alert fires\n",
    good="## Timeline (UTC)\n\n- 14:02 errors begin\n- 14:06 alert fires\n",
    fixable=True,
)
def non_utc_zone(context: LintContext) -> Iterator[Hit]:
    declared = declared_zone(context)
    if declared is not None and not is_utc(declared[0]):
        yield Hit.at(declared[1], declared[2], f"the timeline is declared in {declared[0]}")
    for row in context.rows:
        if row.zone is not None and row.clock is not None and not is_utc(row.zone):
            edit = to_utc_edit(row) if declared is None or is_utc(declared[0]) else None
            line, column = row.time.position(0)
            message = f"time {row.time.plain!r} is in {row.zone}, not UTC"
            yield Hit(line, column, message, fix=(edit,) if edit else ())


@rule(
    "timeline/out-of-order",
    Severity.WARNING,
    "Timeline rows are out of order",
    why="A row earlier than the one before it is usually a typo or a wrong zone, and it "
    "corrupts every delay computed from the timeline.",
    hint="check the time (and its zone), then move the row to its place",
    bad="## Timeline (UTC)\n\n- 14:02 errors begin\n- 13:58 alert fires\n- 14:10 rollback\n",
    good="## Timeline (UTC)\n\n- 13:58 deploy finishes\n- 14:02 errors begin\n- 14:10 rollback\n",
)
def out_of_order(context: LintContext) -> Iterator[Hit]:
    for instant in context.chronology.instants:
        if instant.backwards:
            row = instant.row
            yield Hit.at(row.time, 0, f"{row.time.plain} comes before the row above it")


@rule(
    "timeline/midnight-without-date",
    Severity.WARNING,
    "The timeline crosses midnight without a date",
    why="After midnight, '00:10' could be either day; a date removes the guess.",
    hint="give dates (2026-03-15 00:10) from the first row after midnight, or on every row",
    bad="## Timeline (UTC)\n\n- 23:50 errors begin\n- 00:10 alert fires\n",
    good="## Timeline (UTC)\n\n- 2026-03-14 23:50 errors begin\n- 2026-03-15 00:10 alert fires\n",
)
def midnight_without_date(context: LintContext) -> Iterator[Hit]:
    for instant in context.chronology.instants:
        if instant.crossed_midnight:
            row = instant.row
            yield Hit.at(row.time, 0, f"{row.time.plain} is after midnight but has no date")


@rule(
    "timeline/placeholder-time",
    Severity.ERROR,
    "A timeline row has a placeholder instead of a time",
    why="'HH:mm', '??' or 'TBD' in the timeline means the delays cannot be computed yet.",
    hint="look the time up in the evidence (alert, deploy log, chat) and fill it in",
    bad="## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| HH:mm | First alert fired |\n",
    good="## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 14:06 | First alert fired |\n",
)
def placeholder_time(context: LintContext) -> Iterator[Hit]:
    for row in context.rows:
        if row.placeholder:
            yield Hit.at(row.time, 0, f"placeholder time {row.time.plain!r}")


_MARKED_COLUMN = re.compile(r"milestone|phase|stage", re.IGNORECASE)


@rule(
    "timeline/no-milestones",
    Severity.INFO,
    "No milestones are marked in the timeline",
    why="Marking impact start, detection, mitigation and resolution makes the delays "
    "visible at a glance, and lets hotwash check the stated ones.",
    hint="mark rows such as **[impact start]**, **[detected]**, **[mitigated]**, **[resolved]**",
    bad="## Timeline (UTC)\n\n- 14:02 errors begin\n- 14:06 alert fires\n- 14:30 rollback done\n",
    good="## Timeline (UTC)\n\n- 14:02 **[impact start]** errors begin\n"
    "- 14:06 **[detected]** alert fires\n- 14:30 **[mitigated]** rollback done\n",
)
def no_milestones(context: LintContext) -> Iterator[Hit]:
    heading = timeline_heading(context)
    clocked = [row for row in context.rows if row.clock is not None]
    if heading is None or len(clocked) < context.limits.min_timeline_rows_for_milestones:
        return
    if any(marked for _, marked in context.chronology.milestones.values()):
        return
    if any(_has_milestone_column(s) for s in context.document.sections_of(Family.TIMELINE)):
        return
    yield Hit.at(heading, 0, "no row is marked as a milestone (impact start, detected, ...)")


def _has_milestone_column(section: Section) -> bool:
    return any(
        isinstance(b, Table) and any(_MARKED_COLUMN.search(c.text) for c in b.header)
        for b in section.all_blocks()
    )


_LATE = ("impact_start", "detected")
_LATE_START = re.compile(
    rf"\b(?:{MILESTONE_WORDS['impact_start']}|{MILESTONE_WORDS['detected']})", re.IGNORECASE
)


@rule(
    "timeline/starts-at-impact",
    Severity.INFO,
    "The timeline starts at impact, not before it",
    why="What happened before impact (the deploy, the config change, the traffic shift) is "
    "usually where the contributing factors are.",
    hint="start with the change or condition that preceded impact",
    bad="## Timeline (UTC)\n\n- 14:02 errors begin on checkout\n- 14:06 alert fires\n",
    good="## Timeline (UTC)\n\n- 13:55 payments-api v2.14 deployed\n"
    "- 14:02 errors begin on checkout\n- 14:06 alert fires\n",
)
def starts_at_impact(context: LintContext) -> Iterator[Hit]:
    first = next((i for i in context.chronology.instants if i.at is not None), None)
    if first is None:
        return
    milestones = context.chronology.milestones
    if any(explicit for _, explicit in milestones.values()):
        # Marked rows say where impact starts; the wording of other rows is only a guess.
        late = any(milestones.get(name, (None, False))[0] is first for name in _LATE)
    else:
        late = bool(_LATE_START.search(first.row.event.plain))
    if late:
        yield Hit.at(first.row.time, 0, "the first row is already impact or detection")


_FIX_OR_JUDGEMENT = re.compile(
    r"\b(?:should(?!\s+(?:have|we|i)\b)|we\s+need\s+to|needs?\s+to\s+be|going\s+forward|"
    r"in\s+the\s+future|to\s+prevent\s+(?:this|recurrence)|action\s+item|lesson|unfortunately|"
    r"sadly|luckily|thankfully|obviously|clearly|mistakenly|wrongly|foolishly|we\s+will|"
    r"will\s+(?:add|fix|need))\b",
    re.IGNORECASE,
)


@rule(
    "timeline/fix-or-judgement",
    Severity.WARNING,
    "A fix or a judgement is written inside the timeline",
    why="The timeline records what happened and when, from evidence. Judgements and future "
    "fixes belong in the analysis and the action items, where they can be discussed.",
    hint="keep the row to the observable event; move the rest to analysis or action items",
    bad="## Timeline (UTC)\n\n- 14:06 alert fires; unfortunately nobody looks\n"
    "- 14:30 rollback done; we should add a canary stage\n",
    good="## Timeline (UTC)\n\n- 14:06 alert fires in #alerts-payments\n- 14:30 rollback done\n",
)
def fix_or_judgement(context: LintContext) -> Iterator[Hit]:
    for row in context.rows:
        match = _FIX_OR_JUDGEMENT.search(row.event.plain)
        if match:
            offset = row.event.text.find(match.group())
            span_offset = max(offset, 0)
            yield Hit.at(row.event, span_offset, f"{match.group()!r} in the timeline")
