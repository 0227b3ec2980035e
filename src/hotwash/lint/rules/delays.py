"""Delays and impact: the detection and mitigation delays stated, agreeing with the
timeline, and impact given in numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from hotwash.errors import ValidationError
from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.rule import Hit, rule
from hotwash.postmortem import Family
from hotwash.times import format_duration, parse_duration

# "502s" is a status code, not 8m 22s.
_DURATION = (
    r"(?P<dur>(?:(?<![\w.])(?![1-5]\d\ds\b)\d+(?:\.\d+)?\s*-?\s*"
    r"(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b[ ,]*(?:and\s+)?){1,3})"
)
# Lower case, no leading \b: the labels are searched in lower-cased text (fast), and a
# match that starts inside a word is dropped afterwards.
_LABELS = {
    "detection": r"time\s+to\s+(?:detect(?:ion)?|discover\w*|notice|alert)|detection\s+(?:delay|"
    r"time|gap|lag)|m?ttd\b|(?:detected|noticed|discovered|alerted)\s+(?:after|within|in)\b|"
    r"alert(?:ing)?\s+delay",
    "mitigation": r"time\s+to\s+(?:mitigat\w*|recover\w*|restor\w*|repair|fix)|"
    r"(?:mitigation|recovery|restoration)\s+(?:delay|time)|m?tt[mf]\b|"
    r"(?:mitigated|recovered|restored)\s+(?:after|within|in)\b",
    "resolution": r"time\s+to\s+resol\w*|resolution\s+(?:delay|time)|m?ttr\b|"
    r"resolved\s+(?:after|within|in)\b",
    "duration": r"(?:outage|impact|disruption|downtime|degradation|incident)\s+(?:lasted|of|"
    r"for)\b|duration\b|lasted\b",
}
# How far after its label a statement's figure may be ("Time to detect (impact -> alert): 4m"),
# never past a sentence end or the next label: "Time to detect: TBD. Time to mitigate: 2h"
# states one delay.
_REACH = {"detection": 80, "mitigation": 80, "resolution": 80, "duration": 25}
_LABEL = re.compile("|".join(_LABELS.values()))
_KIND = {kind: re.compile(label) for kind, label in _LABELS.items()}
_FIGURE = re.compile(_DURATION)
_STOP = re.compile(r"time\s+to\b|delay\b|\n\s*\n|\.(?:\s|$)")
_BEFORE_NOUN = re.compile(
    r"(?P<dur>\d+(?:\.\d+)?\s*-?\s*(?:minutes?|mins?|hours?|hrs?|h|m))\s*-?\s*(?:long\s+)?"
    r"(?:outage|disruption|degradation|downtime|of\s+impact)"
)


@dataclass(frozen=True, slots=True)
class Statement:
    kind: str  # detection | mitigation | resolution | duration
    delay: timedelta
    line: int
    column: int


def statements(context: LintContext) -> list[Statement]:
    return context.memo("delay-statements", _find_statements)


def _find_statements(context: LintContext) -> list[Statement]:
    text = context.folded_text
    found = []
    for label in _LABEL.finditer(text):
        kind = _kind(text, label)
        if kind is None:
            continue
        window = text[label.end() : label.end() + _REACH[kind]]
        stop = _STOP.search(window)
        figure = _FIGURE.search(window[: stop.start()] if stop else window)
        if figure is not None:
            found += _statement(context, kind, figure.group("dur"), label.start())
    for match in _BEFORE_NOUN.finditer(text):
        if not (match.start() and text[match.start() - 1].isalnum()):
            found += _statement(context, "duration", match.group("dur"), match.start())
    return found


def _kind(text: str, label: re.Match[str]) -> str | None:
    """Which delay a label names; ``None`` when it starts inside a word ("submttd")."""
    if label.start() and text[label.start() - 1].isalnum():
        return None
    return next(kind for kind, pattern in _KIND.items() if pattern.match(label.group()))


def _statement(context: LintContext, kind: str, figure: str, offset: int) -> list[Statement]:
    try:
        delay = parse_duration(figure.replace("-", " ").strip(" ,"))
    except ValidationError:
        return []
    line, column = context.position(offset)
    return [Statement(kind, delay, line, column)]


def _stated(context: LintContext, kinds: set[str]) -> bool:
    if any(s.kind in kinds for s in statements(context)):
        return True
    # A label waiting for its figure ("Detection delay: [TODO: ...]") is the placeholder's job.
    for match in _LABEL.finditer(context.folded_text):
        kind = _kind(context.folded_text, match)
        lines = {context.position(match.start())[0], context.position(match.end())[0]}
        if kind in kinds and lines & context.pending_lines:
            return True
    return False


def _in_section_with_duration(context: LintContext, family: Family) -> bool:
    return any(_FIGURE.search(p.masked.lower()) for p in context.prose_in(family))


@rule(
    "delays/not-stated",
    Severity.WARNING,
    "The detection or mitigation delay is not stated",
    why="The timeline exists to make two delays visible: how long impact went unnoticed, and "
    "how long it took to stop it. Both are measurable and both get action items.",
    hint='state them, e.g. "Time to detect: 4 min. Time to mitigate: 41 min."',
    bad="## Summary\n\nCheckout failed after a deploy and was rolled back.\n",
    good="## Summary\n\nCheckout failed after a deploy. Time to detect: 4 min; time to "
    "mitigate: 41 min.\n",
)
def not_stated(context: LintContext) -> Iterator[Hit]:
    detection = _stated(context, {"detection"}) or _in_section_with_duration(
        context, Family.DETECTION
    )
    mitigation = _stated(
        context, {"mitigation", "resolution", "duration"}
    ) or _in_section_with_duration(context, Family.RESPONSE)
    missing = [
        name for name, ok in (("detection", detection), ("mitigation", mitigation)) if not ok
    ]
    if missing:
        yield Hit.document(f"the {' and '.join(missing)} delay is not stated")


_COMPARED = {
    "detection": (("impact_start", "detected"),),
    "mitigation": (("impact_start", "mitigated"), ("detected", "mitigated")),
    "resolution": (
        ("impact_start", "resolved"),
        ("detected", "resolved"),
        ("impact_start", "mitigated"),
    ),
    "duration": (("impact_start", "mitigated"), ("impact_start", "resolved")),
}


@rule(
    "delays/mismatch",
    Severity.ERROR,
    "A stated delay disagrees with the timeline",
    why="A summary saying 'detected in 7 minutes' when the timeline shows 12 is the number "
    "everyone quotes; it must match the evidence.",
    hint="recompute the delay from the marked timeline rows, or fix the row",
    bad="## Summary\n\nTime to detect: 7 min.\n\n## Timeline (UTC)\n\n"
    "- 10:00 **[impact start]** errors begin\n- 10:12 **[detected]** alert fires\n",
    good="## Summary\n\nTime to detect: 12 min.\n\n## Timeline (UTC)\n\n"
    "- 10:00 **[impact start]** errors begin\n- 10:12 **[detected]** alert fires\n",
)
def mismatch(context: LintContext) -> Iterator[Hit]:
    tolerance = timedelta(minutes=context.limits.delay_tolerance_minutes)
    for statement in statements(context):
        actual = [context.chronology.delay(*pair) for pair in _COMPARED[statement.kind]]
        known = [delay for delay in actual if delay is not None]
        # Without the pair a statement usually means (impact to mitigation, say), the
        # other pairs are only readings it might have meant: not enough to call it wrong.
        if actual[0] is None:
            continue
        if all(abs(d - statement.delay) > max(tolerance, d * 0.2) for d in known):
            said, shown = format_duration(statement.delay), format_duration(known[0])
            message = f"{statement.kind} stated as {said}; the timeline shows {shown}"
            yield Hit(statement.line, statement.column, message)


_VAGUE_IMPACT = re.compile(
    r"\b(?:some|a\s+few|several|many|a\s+number\s+of|lots\s+of|a\s+lot\s+of|numerous|certain)\s+"
    r"(?:users|customers|requests|people|clients|merchants|orders|accounts|tenants|calls|"
    r"transactions|payments)\b|\ba\s+while\b|\bsome\s+(?:time|downtime)\b|\bfor\s+a\s+bit\b",
    re.IGNORECASE,
)


@rule(
    "impact/not-quantified",
    Severity.WARNING,
    "Impact is not quantified",
    why="'Some users for a while' cannot be compared, prioritised or checked against the SLO. "
    "How many, what share, how long, what it cost.",
    hint="give numbers: requests failed, users affected, minutes, money, SLO budget used",
    bad="## Impact\n\nSome users could not check out for a while.\n",
    good="## Impact\n\n14% of checkout requests (about 2,300 orders) failed for 23 minutes.\n",
)
def not_quantified(context: LintContext) -> Iterator[Hit]:
    families = (Family.IMPACT,) if context.document.section(Family.IMPACT) else (Family.SUMMARY,)
    section = context.document.section(families[0])
    prose = context.prose_in(*families)
    if section is None or not prose:
        return
    vague = [
        Hit.at(piece.span, match.start(), f"vague impact {match.group()!r}")
        for piece in prose
        for match in _VAGUE_IMPACT.finditer(piece.masked)
        if not re.search(r"\d", _sentence_around(piece.masked, match.start()))
    ]
    yield from vague
    if not vague and not any(re.search(r"\d", p.masked) for p in prose):
        yield Hit.at(section.heading, 0, "the impact has no numbers")


def _sentence_around(text: str, offset: int) -> str:
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    end = text.find(". ", offset)
    return text[start : end if end >= 0 else len(text)]
