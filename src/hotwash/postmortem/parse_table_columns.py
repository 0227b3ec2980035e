"""Which column of a table holds what, judged by its header text."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["column_index", "normal_header"]


def normal_header(text: str) -> str:
    """``"Due Date (UTC)"`` -> ``"due date"``: lower case, parentheses and punctuation gone."""
    lowered = re.sub(r"\([^)]*\)", " ", text.lower())
    return " ".join(re.sub(r"[^a-z0-9?]+", " ", lowered).split())


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})")


def column_index(
    header: list[str], pattern: str, *, taken: frozenset[int] = frozenset()
) -> int | None:
    """The first column not in ``taken`` whose normalised header matches ``pattern``."""
    compiled = _compiled(pattern)
    for index, text in enumerate(header):
        if index not in taken and compiled.search(normal_header(text)):
            return index
    return None
