"""Placeholders an author still has to fill, wherever they are in the document.

Recognised: the drafts' ``[TODO: ...]`` (and a bare ``TODO``/``FIXME``), ``TBD``/``TBC``,
a standalone ``??``, ``HH:mm``/``XX:XX`` clock masks, ``<fill in ...>``/``<insert ...>``,
and template-engine leftovers ``{{ ... }}`` / ``{% ... %}``. Code (fenced, indented or
inline) and HTML comments are skipped: a ``{{ }}`` in a code sample is an example.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from hotwash.postmortem import CodeBlock, Document

__all__ = ["PATTERN", "Placeholder", "code_lines", "find_placeholders"]

PATTERN = re.compile(
    r"\[TODO\b[^\]\n]*\]|\b(?:TODO|FIXME|TBD|TBC)\b"
    r"|(?<![\w?])\?\?+(?![\w?])"
    r"|\b[Hh]{2}:[Mm]{2}(?::[Ss]{2})?\b|\b[Xx]{2}:[Xx]{2}\b"
    r"|<(?:fill[ -]?in|insert|add|enter)\b[^>\n]*>|\[(?:fill[ -]?in|insert)\b[^\]\n]*\]"
    r"|\{\{[^}\n]*\}\}|\{%[^%\n]*%\}"
)
# Text without any of these cannot hold a placeholder: most documents skip the regex.
_NEEDLES = ("TODO", "FIXME", "TBD", "TBC", "??", "HH:", "hh:", "Hh:", "XX:", "xx:", "<fill",
            "<insert", "<add", "<enter", "[fill", "[insert", "{{", "{%")  # fmt: skip
_HIDDEN = re.compile(r"(`+)(?:(?!\1).)+?\1|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Placeholder:
    line: int
    column: int
    text: str


def find_placeholders(document: Document) -> list[Placeholder]:
    """Every placeholder outside code and comments, in document order."""
    text = document.text
    if not any(needle in text for needle in _NEEDLES):
        return []
    hidden = [(m.start(), m.end()) for m in _HIDDEN.finditer(text)]
    in_code = code_lines(document)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found = []
    for match in PATTERN.finditer(text):
        row = bisect.bisect_right(starts, match.start()) - 1
        inside = any(a <= match.start() < b for a, b in hidden)
        if row + 1 not in in_code and not inside:
            found.append(Placeholder(row + 1, match.start() - starts[row] + 1, match.group()))
    return found


def code_lines(document: Document) -> set[int]:
    """Line numbers inside code blocks (fences included)."""
    lines: set[int] = set()
    blocks = [*document.preamble, *(b for s in document.walk() for b in s.blocks)]
    for block in blocks:
        if isinstance(block, CodeBlock):
            lines.update(range(block.line, block.end_line + 1))
    return lines
