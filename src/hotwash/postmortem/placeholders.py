"""Visible placeholders: what a draft says where the evidence has nothing to say.

A draft never invents. Where a fact is missing, or where only a person can write the
text (the narrative, the lessons), the draft holds ``[TODO: what is needed]``.
``hotwash lint`` reports every one of them, so none survives into a final postmortem
unnoticed.
"""

from __future__ import annotations

import re

PREFIX = "[TODO: "
# A placeholder's hint never holds "]" (so the pattern cannot run across two of them).
PATTERN = re.compile(r"\[TODO: ([^\]\n]*)\]")


def todo(hint: str) -> str:
    """``[TODO: hint]``; square brackets inside the hint become parentheses."""
    cleaned = " ".join(hint.replace("[", "(").replace("]", ")").split())
    return f"{PREFIX}{cleaned}]"


def placeholders(text: str) -> list[str]:
    """The hints of every placeholder in ``text``, in order."""
    return PATTERN.findall(text)


def is_placeholder(text: str) -> bool:
    """True when ``text`` is nothing but one placeholder."""
    return PATTERN.fullmatch(text.strip()) is not None
