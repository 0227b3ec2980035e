"""Blame: people named as causes, "human error", counterfactuals, judgement, blaming groups."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.people import SubjectKind
from hotwash.lint.prose import Prose
from hotwash.lint.rule import Hit, rule
from hotwash.lint.rules.subjects import FailureKind, failures, starts_inside_word

_NAME = r"(?<![\w@-])(?:@[A-Za-z0-9][\w.-]*|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
_NAME_BEFORE = re.compile(rf"(?P<who>{_NAME})$")
_NAME_AFTER = re.compile(rf"(?P<who>{_NAME})")
# Anchors found in the lower-cased prose; the name is then read, with its capitals, beside it.
_POSSESSIVE = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:mistake|fault|oversight|negligence|carelessness|typo|blunder|"
    r"slip-?up|error(?!\s+(?:rate|budget|log|count|message|code|handling|page|response)))\b"
)
_AT_FAULT = re.compile(
    r"\s+(?:is|was)\s+(?:to\s+blame|at\s+fault|responsible\s+for\s+(?:the\s+|this\s+)?"
    r"(?:outage|incident|failure|breakage|downtime))\b"
)
_LIES_WITH = re.compile(r"(?:blame|fault)\s+(?:lies|lay|is|was|goes|went)\s+(?:with|on)\s+")


def _blamed(context: LintContext) -> Iterator[tuple[Prose, str, int]]:
    """(piece, name, offset of the name) for "Dana's mistake", "Dana is to blame", ..."""
    for anchor in (_POSSESSIVE, _AT_FAULT):
        for prose, _, local in context.search(anchor, folded=True):
            name = _NAME_BEFORE.search(prose.masked[max(0, local - 40) : local])
            if name is not None:
                yield prose, name.group("who"), local - len(name.group())
    for prose, match, local in context.search(_LIES_WITH, folded=True):
        after = local + len(match.group())
        name = _NAME_AFTER.match(prose.masked, after)
        if name is not None:
            yield prose, name.group("who"), after


@rule(
    "blame/named-person-as-cause",
    Severity.ERROR,
    "A person is named as the cause or subject of a failure",
    why="Naming who failed teaches people to hide what they know; the review learns less each "
    "time. Names are fine for who did what in the timeline, never as the cause.",
    hint="describe the condition that made the action reasonable at the time, not the person",
    bad="## Contributing factors\n\n- Dana forgot to rotate the certificate.\n"
    "- The expiry alert only went to an archived channel.\n",
    good="## Contributing factors\n\n- Certificate rotation was a manual step with no reminder.\n"
    "- The expiry alert only went to an archived channel.\n",
)
def named_person_as_cause(context: LintContext) -> Iterator[Hit]:
    for failure in failures(context):
        person = failure.subject_kind is SubjectKind.PERSON
        name = failure.subject_kind is SubjectKind.NAME and failure.kind is FailureKind.HUMAN
        if person or name:
            yield Hit.at(
                failure.prose.span,
                failure.offset,
                f"{failure.subject!r} is named as the subject of a failure",
            )
    for prose, who, offset in _blamed(context):
        if context.people.kind(who) in {SubjectKind.PERSON, SubjectKind.NAME}:
            yield Hit.at(prose.span, offset, f"{who!r} is named as the cause")


_HUMAN_ERROR = re.compile(
    r"(?:human|operator|pilot|engineer|developer|admin|personnel|manual)\s+"
    r"(?:error|mistake|fault)s?\b(?!\s+(?:rate|budget|log|count|message|page))"
)
_NEGATED = re.compile(
    r"\b(?:not|no|never|rather\s+than|instead\s+of|beyond|than|avoid|without|n[’']t)\W+(?:\w+\W+){0,3}$"
    r"|['\"“‘]\s*$",
    re.IGNORECASE,
)


@rule(
    "blame/human-error",
    Severity.ERROR,
    '"Human error" is given as a cause',
    why='"Human error" ends the analysis where it should start: what made the error likely, '
    "and what let it do harm?",
    hint="ask what made the action reasonable at the time and what let it cause harm",
    bad="## Root cause\n\nThe outage was caused by human error during the migration.\n",
    good="## Contributing factors\n\n- The migration script ran against production by default.\n"
    "- Nothing asked for confirmation before dropping a table.\n",
)
def human_error(context: LintContext) -> Iterator[Hit]:
    for prose, match, local in context.search(_HUMAN_ERROR, folded=True):
        if starts_inside_word(prose.masked, local):
            continue
        if not _NEGATED.search(prose.masked[max(0, local - 40) : local]):
            yield Hit.at(prose.span, local, f'"{_original(prose, local, match)}" given as a cause')


_COUNTERFACTUAL = re.compile(
    r"(?P<modal>should|could|would|ought\s+to)(?:n[’']t|\s+not)?(?:\s+have|[’']ve|\s+of)\s+"
    r"(?P<adverbs>(?:(?:been|easily|probably|already|just|simply|clearly|obviously|also|never|"
    r"not|really|at\s+least)\s+)*)(?P<word>[a-z-]+)(?:\s+(?P<next>[a-z]+))?"
    r"|if\s+only\b"
)
_IRREGULAR_WORDS = """
    known seen done caught taken gone been made run written got gotten found held kept led left
    lost meant met paid read said sent set shut spent stood told thought understood won built
    brought bought chosen drawn driven given hidden shown spoken thrown put cut hit let begun
    split spread quit cast cost hurt burst shed sped fed bred dealt felt fought sold
"""
_IRREGULAR = frozenset(_IRREGULAR_WORDS.split())
_HUMAN_PARTICIPLES_WORDS = """
    known noticed realised realized asked told read checked double-checked reviewed tested
    thought considered remembered followed escalated paid
"""
_HUMAN_PARTICIPLES = frozenset(_HUMAN_PARTICIPLES_WORDS.split())
_NOT_HINDSIGHT_WORDS = """
    worse much far bigger larger longer more significantly
"""
_NOT_HINDSIGHT = frozenset(_NOT_HINDSIGHT_WORDS.split())
_PEOPLE_WORDS_WORDS = """
    i we you he she they someone somebody nobody anyone everyone one
"""
_PEOPLE_WORDS = frozenset(_PEOPLE_WORDS_WORDS.split())


@rule(
    "blame/counterfactual",
    Severity.WARNING,
    "A counterfactual judges what someone should have done",
    why="'Should have', 'could have' and 'if only' describe a world that did not happen and "
    "judge people with hindsight they did not have; 'failed to' and 'did not' with a person "
    "or role as subject do the same.",
    hint="say what happened and what people knew at the time",
    bad="## Analysis\n\nThe on-call engineer should have noticed the disk alert.\n",
    good="## Analysis\n\nThe disk alert was one of 40 alerts that night and looked like the "
    "usual noise.\n",
)
def counterfactual(context: LintContext) -> Iterator[Hit]:
    for prose, match, local in context.search(_COUNTERFACTUAL, folded=True):
        if starts_inside_word(prose.masked, local):
            continue
        if _is_hindsight(context, prose.masked, local, match):
            end = match.end("word") if match.group("modal") else match.end()
            words = prose.masked[local : local + end - match.start()]
            yield Hit.at(prose.span, local, f'counterfactual "{words.strip()}"')
    for failure in failures(context):
        if failure.subject_kind is SubjectKind.ROLE and failure.kind is not FailureKind.NEUTRAL:
            yield Hit.at(
                failure.prose.span, failure.offset, f"{failure.subject!r} judged in hindsight"
            )


def _is_hindsight(context: LintContext, text: str, offset: int, match: re.Match[str]) -> bool:
    if match.group("modal") is None:
        return True  # "if only"
    word = match.group("word").lower()
    if not (word.endswith(("ed", "en", "wn")) or word in _IRREGULAR):
        return False  # "should have clear rules": a norm for the future
    if "been" in (word, *match.group("adverbs").lower().split()) and (
        (match.group("next") or word).lower() in _NOT_HINDSIGHT
    ):
        return False  # "could have been worse"
    if context.limits.counterfactual_any_subject:
        return True
    return _human_subject(context, text[:offset], word)


def _human_subject(context: LintContext, before: str, participle: str) -> bool:
    clause = re.split(r"[.!?;:\n]", before)[-1].split()
    if not clause:
        return True  # "Should have tested it first."
    last = clause[-1].lower()
    if last in _PEOPLE_WORDS:
        return True
    for size in (3, 2, 1):
        kind = context.people.kind(" ".join(clause[-size:]))
        if kind in {SubjectKind.PERSON, SubjectKind.ROLE, SubjectKind.GROUP}:
            return True
        if kind is SubjectKind.NAME and size == 1:
            return participle in _HUMAN_PARTICIPLES
    return False


_JUDGEMENT = re.compile(
    r"(?:careless(?:ly|ness)?|sloppy|sloppiness|negligen(?:t|ce|tly)|lazy|laziness|"
    r"incompetent|incompetence|stupid(?:ity)?|dumb|idiot(?:ic|s)?|reckless(?:ly|ness)?|"
    r"moron(?:ic|s)?|clueless|inexcusable|ridiculous|unbelievable|embarrassing|shameful|"
    r"disgraceful|rookie\s+mistake|amateur(?:ish)?|bone-?headed|should\s+have\s+known\s+better|"
    r"(?:obviously|clearly)\s+(?:wrong|should)|i\s+can[’']?t\s+believe|can\s+you\s+believe|"
    r"wtf|facepalm)\b|!{2,}"
)


@rule(
    "blame/judgemental-language",
    Severity.WARNING,
    "Normative or animated language",
    why="Words such as 'careless' or 'sloppy', and exclamation marks, judge people instead "
    "of describing the work; readers stop reading for facts.",
    hint="describe what happened in neutral, factual words",
    bad="## Summary\n\nA sloppy config change took checkout down for 20 minutes!!!\n",
    good="## Summary\n\nA config change with a wrong pool size took checkout down for 20 "
    "minutes.\n",
)
def judgemental_language(context: LintContext) -> Iterator[Hit]:
    for prose, match, local in context.search(_JUDGEMENT, folded=True):
        if match.group().startswith("!") or not starts_inside_word(prose.masked, local):
            words = _original(prose, local, match)
            yield Hit.at(prose.span, local, f'judgemental language "{words}"')


def _original(prose: Prose, local: int, match: re.Match[str]) -> str:
    """The matched words as written (matches come from the lower-cased prose)."""
    return prose.masked[local : local + len(match.group())]


_GROUP_LAPSE = re.compile(r"\b(?:missed|ignored)\b", re.IGNORECASE)


@rule(
    "blame/group-blame",
    Severity.WARNING,
    "A team or group is blamed for a failure",
    why="Blaming a group ('on-call failed to react') is still blame; it hides the conditions "
    "the group worked under.",
    hint="describe what the group saw and what made reacting hard",
    bad="## Detection\n\nOn-call failed to react to the first page.\n",
    good="## Detection\n\nThe first page went to a phone on silent because the rota changed "
    "at 02:00.\n",
)
def group_blame(context: LintContext) -> Iterator[Hit]:
    for failure in failures(context):
        # "the team dropped the old endpoint" is work; "the team missed the page" is blame.
        neutral = failure.kind is FailureKind.NEUTRAL and not _GROUP_LAPSE.search(failure.words)
        if failure.subject_kind is SubjectKind.GROUP and not neutral:
            yield Hit.at(failure.prose.span, failure.offset, f"{failure.subject!r} is blamed")
