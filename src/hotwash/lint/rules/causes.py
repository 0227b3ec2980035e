"""Causes: several contributing factors, the trigger kept apart, analysis past people."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.people import SubjectKind
from hotwash.lint.rule import Hit, rule
from hotwash.lint.rules.factors import causes_sections, factors
from hotwash.postmortem import Family, ListBlock, Paragraph, Section, Span, mask_markup


@rule(
    "causes/too-few-factors",
    Severity.WARNING,
    "Fewer contributing factors than the profile asks for",
    why="Real incidents have several contributing factors that combined badly. One cause "
    "invites one fix and the next incident. The default asks for two; four-section for three.",
    hint="list the conditions that combined: process, tooling, design, people's context",
    bad="## Root cause\n\nThe cache TTL was set to zero in the new release.\n",
    good="## Contributing factors\n\n- The cache TTL was set to zero in the new release.\n"
    "- Load tests ran with a warm cache, so the change looked harmless.\n",
)
def too_few_factors(context: LintContext) -> Iterator[Hit]:
    sections = causes_sections(context)
    found = len(factors(context))
    wanted = context.limits.min_factors
    if sections and found < wanted:
        heading = sections[0].heading
        yield Hit.at(heading, 0, f"{found} contributing factor(s); at least {wanted} expected")


@rule(
    "causes/too-many-factors",
    Severity.INFO,
    "More contributing factors than the profile's cap",
    why="The four-section template caps factors at five: past that, the list is a brainstorm, "
    "not an analysis, and every factor needs its own action item.",
    hint="merge related factors or move minor ones to the appendix",
    bad="## Contributing factors\n\n- A\n- B\n- C\n- D\n- E\n- F\n",
    good="## Contributing factors\n\n- A\n- B\n- C\n",
    settings={"thresholds": {"max-factors": 5}},
)
def too_many_factors(context: LintContext) -> Iterator[Hit]:
    sections = causes_sections(context)
    cap = context.limits.max_factors
    found = len(factors(context))
    if sections and cap is not None and found > cap:
        yield Hit.at(sections[0].heading, 0, f"{found} contributing factors; at most {cap}")


_TRIGGER_TEXT = re.compile(r"trigger(?:ed|s)?\b|proximate\s+cause\b|immediate\s+cause\b|precipitat")
# A factor that names one event (a release, a change number, a merge) is the trigger.
_EVENT = re.compile(
    r"\bv?\d+\.\d+(?:\.\d+)?\b|\b(?:change|PR|pull request|commit|release|deploy(?:ment)?)\s+"
    r"#?[0-9a-f]*\d[\w.-]*|\b(?:was|were|got)\s+(?:deployed|rolled\s+out|merged|pushed|released)\b",
    re.IGNORECASE,
)


@rule(
    "causes/trigger-not-separated",
    Severity.INFO,
    "The trigger is not separated from the causes",
    why="The trigger (the deploy, the traffic spike) is what set things off; the causes are "
    "why it could do harm. Listing it as one more factor makes it look like the thing to fix.",
    hint='move the event to a "Trigger" section or a "Trigger:" line apart from the factors',
    bad="## Contributing factors\n\n- Deploy v2.4 raised the pool size to 500.\n"
    "- The database allows 300 connections.\n",
    good="## Trigger\n\nDeploy v2.4 raised the pool size to 500.\n\n## Contributing factors\n\n"
    "- The database allows 300 connections.\n- No check compares pool sizes to the limit.\n",
)
def trigger_not_separated(context: LintContext) -> Iterator[Hit]:
    if context.document.sections_of(Family.TRIGGER):
        return
    if _TRIGGER_TEXT.search(context.prose_folded):
        return
    listed = factors(context)
    for factor in listed:
        if len(listed) > 1 and _EVENT.search(mask_markup(factor.text)):
            yield Hit.at(factor, 0, "this factor is an event (the trigger); list it apart")
            return


_PERSON_END = re.compile(
    r"\b(?:human|operator|engineer|developer)\s+(?:error|mistake)|\bmistake\b|\bforgot\b|"
    r"\b(?:did\s+not|didn[’']t)\s+follow\b|\bwas\s+(?:unfamiliar|unaware|careless|not\s+careful|"
    r"inexperienced)|\black\s+of\s+(?:attention|care|experience|diligence)|\binexperience\b|"
    r"\boversight\b|\bran\s+the\s+wrong\b|\btypo\b",
    re.IGNORECASE,
)
_ARROW = re.compile(r"→|->|=>|\bbecause\b", re.IGNORECASE)


@rule(
    "causes/stops-at-person",
    Severity.WARNING,
    "The analysis stops at a person's action",
    why="'Engineer ran the wrong command' is where analysis should start: what made the "
    "command easy to run wrongly, and what let it do harm?",
    hint="ask one more why: what condition made the action possible or harmful?",
    bad="## 5 whys\n\n1. Why did checkout fail? The pool was exhausted.\n"
    "2. Why was it exhausted? A developer made a mistake in the pool config.\n",
    good="## 5 whys\n\n1. Why did checkout fail? The pool was exhausted.\n"
    "2. Why was it exhausted? The pool config accepted a size above the database limit.\n",
)
def stops_at_person(context: LintContext) -> Iterator[Hit]:
    for span in _terminal_statements(context):
        text = _ARROW.split(span.plain)[-1].strip()
        if _PERSON_END.search(text) or _starts_with_person(context, text):
            yield Hit.at(span, 0, "the analysis ends at a person's action")


def _terminal_statements(context: LintContext) -> Iterator[Span]:
    for section in context.document.sections_of(Family.ANALYSIS):
        last = _last_statement(section)
        if last is not None:
            yield last
    for section in causes_sections(context):
        if re.search(r"\broot\s+cause\b(?!s)", section.title, re.IGNORECASE):
            first = next((b for b in section.blocks if isinstance(b, Paragraph)), None)
            if first is not None:
                yield first


def _last_statement(section: Section) -> Span | None:
    last: Span | None = None
    for block in section.all_blocks():
        if isinstance(block, ListBlock):
            tops = [item for item in block.items if item.depth == 0]
            last = tops[-1] if tops else last
        elif isinstance(block, Paragraph):
            last = block
    return last


def _starts_with_person(context: LintContext, text: str) -> bool:
    words = re.sub(r"^\W*(?:answer|because)\W*", "", text, flags=re.IGNORECASE).split()
    for size in (3, 2, 1):
        kind = context.people.kind(" ".join(words[:size]))
        if kind in {SubjectKind.PERSON, SubjectKind.ROLE}:
            return True
    return False


_ROOT_CAUSE = re.compile(r"root[ -]causes?\b")
_NO_ROOT = re.compile(r"\b(?:no|not\s+a|not\s+one|single|one)\s+$", re.IGNORECASE)


@rule(
    "causes/root-cause-language",
    Severity.INFO,
    '"Root cause" frames the incident as having one cause',
    why="Learning-from-incidents reviews avoid 'root cause': complex failures have many "
    "contributing factors, and naming one root invites stopping there.",
    hint='say "contributing factors" instead',
    bad="## Root cause\n\nThe root cause was a stale DNS record.\n\n- Other factor\n",
    good="## Contributing factors\n\n- A stale DNS record.\n- No TTL monitoring.\n",
)
def root_cause_language(context: LintContext) -> Iterator[Hit]:
    for prose, match, local in context.search(_ROOT_CAUSE, folded=True):
        if not _NO_ROOT.search(prose.masked[max(0, local - 20) : local]):
            words = prose.masked[local : local + len(match.group())]
            yield Hit.at(prose.span, local, f'"{words}" implies a single cause')


_WHY = re.compile(r"^\W*(?:why\b|\d+[.)]?\s*why\b)", re.IGNORECASE)


@rule(
    "causes/linear-five-whys",
    Severity.INFO,
    "A single linear 5-whys chain",
    why="One chain of whys follows one path and drops every branch; incidents have several "
    "interacting causes (Allspaw, 'The Infinite Hows').",
    hint="list contributing factors as a set, or branch the whys",
    bad="## 5 whys\n\n1. Why did it fail? A\n2. Why A? B\n3. Why B? C\n",
    good="## Contributing factors\n\n- A\n- B, which made A likely\n- C, independent of A\n",
)
def linear_five_whys(context: LintContext) -> Iterator[Hit]:
    for section in context.document.walk():
        whys, branched = _why_steps(section)
        if len(whys) >= 3 and not branched:
            yield Hit.at(whys[0], 0, f"a linear chain of {len(whys)} whys")
            return


def _why_steps(section: Section) -> tuple[list[Span], bool]:
    """The whys directly in ``section`` (items or subheadings), and whether any branch."""
    steps: list[Span] = [c.heading for c in section.children if _WHY.match(c.title)]
    branched = False
    for block in section.blocks:
        if isinstance(block, ListBlock):
            steps += [i for i in block.items if i.depth == 0 and _WHY.match(i.plain)]
            branched |= any(i.depth > 0 and _WHY.match(i.plain) for i in block.items)
    return steps, branched
