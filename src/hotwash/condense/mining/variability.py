"""When does a word that differs between otherwise equal templates mark a variable?

Masking catches every value that holds a digit; what is left are variables made
of letters only (user and host names, class names, states) and the constant
words that tell two templates apart (``stored as bytes`` / ``stored as values``,
``Accepted password`` / ``Failed password``). The rules below separate them by
how the differing words behave across the file, never by which system wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

VAR = "<*>"
MIN_CONTEXT = 2  # constant words the rest of the template must keep to be recognisable
MIN_VALUES = 3  # two alternatives are as often two templates as one variable
GROUP_SPREAD = 0.5  # identifier tuples must mostly be one-offs to count as values

# Identifier-like: inner punctuation (a.b, a_b, a/b, a$b, a@b, a:b, a-b) or quoted.
SOFT = re.compile(r"\w[./_$@\\:-]+\w|^['\"`].*['\"`][,.;:]?$")
ENUM = re.compile(r"^[\"'(\[]?[A-Z][A-Z_]{2,}[\]),.;:]?$")


def is_soft(token: str) -> bool:
    """Whether a token looks like an identifier (class, host, file name...) not a word."""
    return token != VAR and SOFT.search(token) is not None


def constants(tokens: tuple[str, ...], skip: Collection[int] = ()) -> int:
    """How many tokens are constant words, leaving out the positions in ``skip``."""
    return sum(1 for pos, token in enumerate(tokens) if token != VAR and pos not in skip)


def is_variable_slot(values: Collection[str], lines: int, position: int, context: int) -> bool:
    """Whether one position whose words differ (all else equal) holds a variable.

    ``values`` are the distinct words seen there, ``lines`` how many lines carry
    them, ``context`` the constant words around it.
    """
    if context < MIN_CONTEXT or len(values) < 2:
        return False
    if VAR in values:
        return True  # a masked value already showed this slot is variable
    if position == 0 and not all(is_soft(value) for value in values):
        return False  # a sentence's first word is its verb or subject, not a value
    if all(ENUM.match(value) for value in values):
        return False  # upper-case states name different events (NEW -> RUNNING, LOOKING...)
    return len(values) >= MIN_VALUES


def is_variable_group(tuples: Collection[tuple[str, ...]], lines: int, context: int) -> bool:
    """Whether identifier-like words that differ together (all else equal) are variables.

    ``tuples`` are the distinct combinations seen; one made only of masked values
    shows the positions are variables, otherwise they must be mostly one-offs.
    """
    if context < MIN_CONTEXT or len(tuples) < 2:
        return False
    if any(all(value == VAR for value in combination) for combination in tuples):
        return True
    return len(tuples) >= MIN_VALUES and len(tuples) >= GROUP_SPREAD * lines
