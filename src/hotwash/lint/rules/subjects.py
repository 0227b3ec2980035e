"""Who failed at what: a subject followed by a failure verb, classified once per document.

"Dana forgot to rotate the key", "the on-call engineer did not check the dashboard",
"on-call failed to react", "@lee broke checkout". The subject is classified by
:class:`~hotwash.lint.people.People`; the failure by its verb. "The switch failed to
learn routes" has a thing as subject and is nobody's failure; "did not have/know"
describes missing information, not a lapse.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hotwash.lint.context import LintContext
from hotwash.lint.people import GROUP, ROLE, SubjectKind, is_function_word
from hotwash.lint.prose import Prose

__all__ = ["Failure", "FailureKind", "failures", "starts_inside_word"]


class FailureKind(enum.Enum):
    HUMAN = "human"  # only people do this: forgot, overlooked, did not notice
    LAPSE = "lapse"  # failed to / did not + a verb anyone might fail at
    NEUTRAL = "neutral"  # broke, caused, deleted: people and systems alike


@dataclass(frozen=True, slots=True)
class Failure:
    prose: Prose
    offset: int
    subject: str
    subject_kind: SubjectKind
    kind: FailureKind
    words: str  # the failure as written: "failed to react", "missed"


_ADVERBS = (
    r"(?:(?:also|then|again|just|simply|completely|apparently|unfortunately|clearly|obviously|"
    r"still|initially|later|subsequently|had|has|have|was|were)\s+)*"
)
_HUMAN = (
    r"forgot|forgotten|overlooked|misread|mistyped|fat-?fingered|messed\s+up|screwed\s+up|"
    r"botched|blundered|made\s+(?:a|an)\s+(?:\w+\s+)?(?:mistake|error|typo|blunder)|"
    r"dropped\s+the\s+ball|(?:was|were)\s+(?:careless|negligent|sloppy|asleep|distracted|lazy|"
    r"inattentive|complacent)|ignored\s+(?:the\s+)?(?:alerts?|pages?|warnings?|runbook|process|"
    r"procedure|checklist)|(?:wasn[’']t|was\s+not)\s+paying\s+attention"
)
_NEUTRAL = (
    r"broke|caused|took\s+down|brought\s+down|misconfigured|wiped|corrupted|ignored|missed|"
    r"blew\s+up|pushed\s+(?:a|the)\s+(?:bad|broken|faulty|buggy|wrong)"
)
# Failures are found first (they are rare), then their subject in the words just before.
_FAILURE = re.compile(
    r"(?:(?P<lapse>failed\s+to|fails\s+to|neglected\s+to|forgot\s+to|omitted\s+to|"
    r"did\s+not|didn[’']t|never)\s+(?P<verb>[a-z-]+)"
    rf"|(?P<human>{_HUMAN})|(?P<neutral>{_NEUTRAL})"
    r"|(?P<oops>accidentally|mistakenly|inadvertently|carelessly|wrongly)\s+[a-z]+)\b"
)
_SUBJECT = re.compile(
    rf"(?<![\w@-])(?P<subject>@[A-Za-z0-9][\w.-]*|{GROUP}|{ROLE}|(?-i:[A-Z][a-z]+"
    rf"(?:[ -][A-Z][a-z]+)?))\s+{_ADVERBS}$",
    re.IGNORECASE,
)
_REACH = 60
# Verbs whose failure is a person's: "did not notice" (a cache does not notice things).
_HUMAN_VERBS_WORDS = """
    notice realize realise understand remember bother think consider double-check tell ask
    inform follow read review test check look pay wait confirm mention coordinate escalate
    communicate care listen
"""
HUMAN_VERBS = frozenset(_HUMAN_VERBS_WORDS.split())
# "did not have/know/get" describes missing information or tools, not a lapse.
_ABSENCE_WORDS = """
    have know receive get own exist need see hear
"""
_ABSENCE = frozenset(_ABSENCE_WORDS.split())
_FORGOT = frozenset({"forgot to", "neglected to", "omitted to"})
_DETERMINERS_WORDS = """
    the a an our their its this that these those his her my your
"""
_DETERMINERS = frozenset(_DETERMINERS_WORDS.split())


def failures(context: LintContext) -> list[Failure]:
    """Every subject-failure pair in the document's prose (shared by the blame rules)."""
    return context.memo("failures", _scan)


def _scan(context: LintContext) -> list[Failure]:
    found = []
    for prose, match, local in context.search(_FAILURE, folded=True):
        if starts_inside_word(prose.masked, local):
            continue
        before = prose.masked[max(0, local - _REACH) : local]
        subject = _SUBJECT.search(before)
        if subject is not None:
            words, start = subject.group("subject"), local - len(before) + subject.start("subject")
            first, _, rest = words.partition(" ")
            if rest and is_function_word(first):  # "Then Dana" is Dana
                words, start = rest, start + len(first) + 1
            failure = _classify(context, prose, words, start, match)
            if failure is not None:
                found.append(failure)
    return found


def _classify(
    context: LintContext, prose: Prose, subject: str, offset: int, match: re.Match[str]
) -> Failure | None:
    verb = (match.group("verb") or "").lower()
    kind = context.people.kind(subject)
    if verb in _ABSENCE or _inside_proper_noun(context, prose.masked, offset, kind):
        return None
    lapse = (match.group("lapse") or "").lower()
    if match.group("human") or match.group("oops") or verb in HUMAN_VERBS or lapse in _FORGOT:
        failure = FailureKind.HUMAN
    elif match.group("lapse"):
        failure = FailureKind.LAPSE
    else:
        failure = FailureKind.NEUTRAL
    return Failure(prose, offset, subject, kind, failure, match.group())


def starts_inside_word(text: str, offset: int) -> bool:
    """True when ``text[offset]`` continues a word (a match that needed a leading ``\\b``)."""
    return offset > 0 and (text[offset - 1].isalnum() or text[offset - 1] in "_-@")


def _inside_proper_noun(context: LintContext, text: str, offset: int, kind: SubjectKind) -> bool:
    # "the Gateway failed to" names a thing; so does "Google Cloud failed to". "Then Dana
    # forgot" does not: "then" is a word the document also writes in lower case.
    if kind not in {SubjectKind.NAME, SubjectKind.PERSON} or text[offset] == "@":
        return False
    before = text[max(0, offset - 30) : offset].split()
    if not before:
        return False
    previous = before[-1]
    if previous.lower() in _DETERMINERS:
        return True
    return previous[:1].isupper() and previous.isalpha() and not _common(context, previous)


def _common(context: LintContext, word: str) -> bool:
    return is_function_word(word) or word.lower() in context.people.lowercase_words
