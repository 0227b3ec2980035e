"""Who is a person in a postmortem, without a dictionary of names.

A subject is a *person* when it is an ``@handle``, a name from the team roster
(``[team] members`` in ``hotwash.toml`` or the lint ``roster``), or a name the
document itself uses for a person: a timeline actor, an action-item owner, an
``Owner:`` field. A capitalised word that the document also writes in lower case
("Monitoring" / "monitoring") is a common noun, never a person; a word after "the"
is a thing ("the Gateway"). Other capitalised words count as people only where the
verb is one only people do ("forgot", "overlooked", "did not notice").

Roles ("the on-call engineer", "he", "someone") and groups ("on-call", "the SRE
team", "developers") are recognised by pattern.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GROUP", "ROLE", "People", "SubjectKind", "is_function_word", "name_keys"]


class SubjectKind(enum.Enum):
    PERSON = "person"  # a known person: handle, roster, actor, owner
    NAME = "name"  # a capitalised word that may be a person
    ROLE = "role"  # one person by role or pronoun
    GROUP = "group"
    THING = "thing"


ROLE = (
    r"(?:(?:the|an?|our|their|that|this)\s+(?:(?:on-?call|primary|secondary|junior|senior|new|"
    r"responding|deploying|reviewing|same|first)\s+)*(?:engineer|developer|dev|operator|"
    r"admin(?:istrator)?|sre|dba|reviewer|responder|intern|contractor|incident\s+commander|"
    r"commander|employee|author|committer|approver|tech\s+lead|on-?call(?:er)?|analyst|"
    r"technician|human|person)|he|she|someone|somebody|no\s*-?one|nobody|anyone)"
)
GROUP = (
    r"(?:(?:the\s+)?(?:on-?call(?:\s+(?:team|rotation|engineers|folks|people))?|ops(?:\s+team)?|"
    r"operations(?:\s+team)?|sres|devops(?:\s+team)?|engineers|developers|devs|management|"
    r"qa(?:\s+team)?|support(?:\s+team)?|reviewers|operators|responders|dbas)"
    r"|the\s+(?:[a-z-]+\s+)?team)"
)
_ROLE_RE = re.compile(rf"^{ROLE}$", re.IGNORECASE)
_GROUP_RE = re.compile(rf"^{GROUP}$", re.IGNORECASE)
_NAME_SHAPE = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?$")
_WORDS = re.compile(r"\b[a-z][a-z]+\b")
# Capitalised at the start of a sentence, never a name.
_FUNCTION_WORDS_TEXT = """
    it its this that these those there here what which who whom whose they them we us you i
    everything nothing something anything everyone all both each another one then when while
    after before because since however also but and or so if once today yesterday finally
    later initially eventually meanwhile nobody someone somebody anyone
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def is_function_word(word: str) -> bool:
    """ "Then", "It", "When": capitalised only because a sentence starts with them."""
    return word.lower() in _FUNCTION_WORDS


_HANDLE = re.compile(r"@([A-Za-z0-9][\w.-]*)")


def name_keys(name: str) -> set[str]:
    """Lower-case keys a person may be written as: full name, first name, handle."""
    cleaned = name.strip().strip("*_`").lstrip("@").lower()
    if not cleaned or cleaned in {"-", "n/a", "none"}:
        return set()
    first = re.split(r"[\s.(]", cleaned)[0]
    return {cleaned, first} if len(first) > 1 else {cleaned}


@dataclass(frozen=True)
class People:
    """Names this document and its team know as people, and the words it writes in lower case."""

    known: frozenset[str]
    lowercase_words: frozenset[str]

    @classmethod
    def build(cls, text: str, roster: Iterable[str], named: Iterable[str]) -> People:
        """``roster`` names are trusted; ``named`` ones (actors, owners) only when name-shaped
        and never written in lower case, so an actor column saying "System" adds nobody."""
        lowercase = frozenset(_WORDS.findall(_HANDLE.sub(" ", text)))
        keys = {handle.lower() for handle in _HANDLE.findall(text)}
        for name in roster:
            keys |= name_keys(name)
        for name in named:
            cleaned = name.strip().strip("*_`")
            if cleaned.startswith("@") or (
                _NAME_SHAPE.match(cleaned) and cleaned.split()[0].lower() not in lowercase
            ):
                keys |= name_keys(cleaned)
        return cls(frozenset(keys), lowercase)

    def kind(self, subject: str) -> SubjectKind:
        """What kind of subject ``subject`` (as written) is."""
        text = " ".join(subject.split())
        if text.startswith("@") or text.lower() in self.known:
            return SubjectKind.PERSON
        if _GROUP_RE.match(text):
            return SubjectKind.GROUP
        if _ROLE_RE.match(text):
            return SubjectKind.ROLE
        first = text.split(" ")[0].split("-")[0]
        if first.lower() in self.known:
            return SubjectKind.PERSON
        if first.lower() in _FUNCTION_WORDS:
            return SubjectKind.THING
        if _NAME_SHAPE.match(text) and first.lower() not in self.lowercase_words:
            return SubjectKind.NAME
        return SubjectKind.THING
