"""Action items: present, concrete, aimed at systems, and covering what the review found."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.rule import Hit, rule
from hotwash.lint.rules.factors import factors
from hotwash.lint.rules.verbs import looks_like_a_verb
from hotwash.postmortem import ActionItem, Family, mask_markup


@rule(
    "actions/missing",
    Severity.ERROR,
    "No action items at all",
    why="A review without action items changes nothing; the same conditions wait for the "
    "next incident.",
    hint="add an action items section with at least one concrete item",
    bad="## Summary\n\nCheckout failed for 20 minutes.\n\n## Action items\n\nNone yet.\n",
    good="## Summary\n\nCheckout failed for 20 minutes.\n\n## Action items\n\n"
    "- Add an alert on pool saturation (owner: @lee, due: 2026-04-01)\n",
)
def missing(context: LintContext) -> Iterator[Hit]:
    if context.actions:
        return
    section = context.document.section(Family.ACTIONS)
    if section is None:
        if not _reported_as_missing_section(context):
            yield Hit.document("the postmortem has no action items")
    else:
        yield Hit.at(section.heading, 0, "the action items section lists no items")


def _reported_as_missing_section(context: LintContext) -> bool:
    required = any(Family.ACTIONS in families for families in context.config.sections)
    return required and context.config.is_enabled("structure/missing-section")


_ITEM_PREFIX = re.compile(r"^\W*(?:(?:[A-Z]{1,6}-?\d+|\d+|#\d+)\s*[:.)\-–—]\s*)?")


def _first_word(item: ActionItem) -> tuple[str, int]:
    text = mask_markup(item.action.text)
    start = _ITEM_PREFIX.match(text)
    offset = start.end() if start else 0
    words = text[offset:].split()
    return (words[0] if words else ""), offset + len(text[offset:]) - len(text[offset:].lstrip())


@rule(
    "actions/not-a-verb",
    Severity.WARNING,
    "An action item does not start with a verb",
    why="An item that starts with a verb ('Add', 'Remove', 'Alert on') says what will be done; "
    "'Monitoring improvements' does not.",
    hint="start with an imperative verb: Add, Remove, Change, Document...",
    bad="## Action items\n\n- Monitoring for the connection pool (owner: @lee, due: 2026-04-01)\n",
    good="## Action items\n\n- Add an alert on connection pool use above 80% (owner: @lee, "
    "due: 2026-04-01)\n",
)
def not_a_verb(context: LintContext) -> Iterator[Hit]:
    for item in context.actions:
        word, offset = _first_word(item)
        if word and not looks_like_a_verb(word):
            yield Hit.at(item.action, offset, f"action item starts with {word!r}, not a verb")


_VAGUE = re.compile(
    r"\b(?:improve|improved|improving|better|more|investigate|look\s+into|consider|explore|"
    r"enhance|revisit|streamline|strengthen|try\s+to|be\s+more|ensure|make\s+sure|"
    r"raise\s+awareness)\b",
    re.IGNORECASE,
)
_CONCRETE = re.compile(
    r"\d|`|[\w-]+[._/][\w-]+|\b(?:and\s+(?:write|document|publish|file|propose|decide|report|"
    r"produce|present|add|ship)|by\s+adding|runbook|alert\s+on|test\s+that|dashboard\s+for)\b",
    re.IGNORECASE,
)
_TICKETS = re.compile(r"\b[A-Z][A-Z0-9]{1,9}-\d+\b|#\d+")


@rule(
    "actions/vague",
    Severity.WARNING,
    "A vague action item",
    why="'Improve monitoring' and 'investigate X' cannot be finished: nobody can say when they "
    "are done. Name the deliverable.",
    hint="name the deliverable: which alert, which test, which document, with what threshold",
    bad="## Action items\n\n- Improve monitoring (owner: @lee, due: 2026-04-01)\n",
    good="## Action items\n\n- Add an alert when pool use stays above 80% for 5 minutes "
    "(owner: @lee, due: 2026-04-01)\n",
)
def vague(context: LintContext) -> Iterator[Hit]:
    for item in context.actions:
        text = _TICKETS.sub(" ", mask_markup(item.action.text))
        match = _VAGUE.search(text)
        concrete = _CONCRETE.search(text) or item.done_when is not None
        # "Be more careful" is reported once, as aimed at a person.
        if match and not concrete and not _AT_PERSON.search(text):
            yield Hit.at(item.action, match.start(), f"vague action item ({match.group()!r})")


_AT_PERSON = re.compile(
    r"\b(?:be|being)\s+(?:more\s+)?(?:careful|cautious|vigilant|attentive|diligent)|"
    r"\bpay\s+(?:more\s+|closer\s+)?attention\b|\bremember\s+to\b|\b(?:remind|retrain|re-train|"
    r"reprimand|discipline|coach|counsel|warn|scold)\s+(?:\w+\s+){0,2}?(?:to\b|about\b|on\b|"
    r"that\b|@\w+|(?-i:[A-Z][a-z]+)\b|engineers?|developers?|the\s+team|on-?call)|"
    r"\bshould\s+(?:be\s+more|double-check|take\s+more\s+care|think\s+twice|know\s+better)|"
    r"\bdon[’']t\s+(?:forget|rush)|\bthink\s+twice\b|\btalk\s+to\s+(?:@\w+|(?-i:[A-Z][a-z]+))",
    re.IGNORECASE,
)


@rule(
    "actions/targets-person",
    Severity.ERROR,
    "An action item targets a person instead of a system",
    why="'Be more careful' changes nothing the next person inherits. Items must change the "
    "system: a test, a guard, a default, a check.",
    hint="change the system so the careful path is the easy one",
    bad="## Action items\n\n- Borja should be more careful when editing release.sh "
    "(owner: Borja, due: 2026-04-01)\n",
    good="## Action items\n\n- Add a unit test that fails if release.sh keeps fewer than 5 "
    "images (owner: Borja, due: 2026-04-01)\n",
)
def targets_person(context: LintContext) -> Iterator[Hit]:
    for item in context.actions:
        match = _AT_PERSON.search(mask_markup(item.action.text))
        if match:
            yield Hit.at(item.action, match.start(), f"targets a person: {match.group()!r}")


@rule(
    "actions/equal-priorities",
    Severity.INFO,
    "All action items have the same priority",
    why="When everything is P1 nothing is; the team cannot tell what to do first.",
    hint="rank the items: what would prevent the next incident soonest?",
    bad="## Action items\n\n| Action | Priority |\n|---|---|\n| Add A | P1 |\n| Add B | P1 |\n"
    "| Add C | P1 |\n",
    good="## Action items\n\n| Action | Priority |\n|---|---|\n| Add A | P1 |\n| Add B | P2 |\n"
    "| Add C | P3 |\n",
)
def equal_priorities(context: LintContext) -> Iterator[Hit]:
    given = [i.priority for i in context.actions if i.priority is not None]
    everyone = len(given) >= 3 and len(given) == len(context.actions)
    if everyone and len({p.plain.lower() for p in given}) == 1:
        yield Hit.at(given[0], 0, f"all {len(given)} items have priority {given[0].plain}")


_STOP_WORDS = """
    the a an and or of to in on for with by at from was were is are be been not no that this
    which when than then into our their its it as has have had did does only all any more after
    before during because
"""
_STOP = frozenset(_STOP_WORDS.split())


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z0-9_-]{3,}", text.lower())
    return {w[:5] for w in words if w not in _STOP}


@rule(
    "actions/no-item-per-factor",
    Severity.WARNING,
    "A contributing factor has no action item",
    why="The four-section template asks for one concrete item per contributing factor, so "
    "every factor is either fixed or consciously accepted.",
    hint="add an item for this factor, or say in the factor why none is needed",
    bad="## Contributing factors\n\n- The eval set lacked long prompts.\n"
    "- Alerting covered only 5xx errors.\n\n## Action items\n\n"
    "- Add 50 long prompts to the eval set (owner: Ana, due: 2026-04-01)\n",
    good="## Contributing factors\n\n- The eval set lacked long prompts.\n"
    "- Alerting covered only 5xx errors.\n\n## Action items\n\n"
    "- Add 50 long prompts to the eval set (owner: Ana, due: 2026-04-01)\n"
    "- Add an alert on empty response fields, beyond 5xx errors (owner: Ana, due: 2026-04-01)\n",
)
def no_item_per_factor(context: LintContext) -> Iterator[Hit]:
    section = context.document.section(Family.ACTIONS)
    if not context.actions or section is None or context.is_pending(section):
        return  # items still to be written cannot be matched to factors yet
    covered = [
        _stems(f"{i.action.plain} {i.done_when.plain if i.done_when else ''}")
        for i in context.actions
    ]
    for factor in factors(context):
        stems = _stems(factor.plain)
        # Two shared words, not one: "proxy" alone is in half the items of a proxy incident.
        if stems and not any(len(stems & item) >= min(2, len(stems)) for item in covered):
            yield Hit.at(factor, 0, "no action item addresses this contributing factor")


_DETECT_ITEM = re.compile(
    r"\b(?:alert\w*|monitor\w*|detect\w*|page|paging|probe\w*|slo|slos|dashboard\w*|synthetic|"
    r"canar\w*|observab\w*|metric\w*|notif\w*|threshold\w*|health\s*check\w*)\b",
    re.IGNORECASE,
)


@rule(
    "actions/no-detect-item",
    Severity.WARNING,
    "Detection took long, but no action item improves detection",
    why="When impact went unnoticed for longer than the threshold (15 minutes by default), "
    "the review must improve detection, not only prevention.",
    hint="add an item of type detect: an alert, a probe, an SLO burn-rate page",
    bad="## Timeline (UTC)\n\n- 10:00 **[impact start]** errors begin\n"
    "- 10:40 **[detected]** customer ticket\n\n## Action items\n\n"
    "- Fix the retry loop (owner: @lee, due: 2026-04-01)\n",
    good="## Timeline (UTC)\n\n- 10:00 **[impact start]** errors begin\n"
    "- 10:40 **[detected]** customer ticket\n\n## Action items\n\n"
    "- Fix the retry loop (owner: @lee, due: 2026-04-01)\n"
    "- Add an alert on checkout 5xx above 1% for 5 minutes (owner: @lee, due: 2026-04-01)\n",
)
def no_detect_item(context: LintContext) -> Iterator[Hit]:
    delay = context.chronology.delay("impact_start", "detected")
    threshold = context.limits.detection_delay_minutes
    if delay is None or delay.total_seconds() <= threshold * 60 or not context.actions:
        return
    for item in context.actions:
        kind = item.type.plain.lower() if item.type else ""
        if kind.startswith("detect") or _DETECT_ITEM.search(item.action.plain):
            return
    section = context.document.section(Family.ACTIONS)
    if section is not None:
        minutes = int(delay.total_seconds() // 60)
        yield Hit.at(section.heading, 0, f"detection took {minutes} min; no item improves it")
