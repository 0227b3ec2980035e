"""Inline ``<!-- hotwash: disable=rule-id -->`` comments.

* On its own line, the comment switches the rules off for the next block (a paragraph,
  a list, a table) or, when the next thing is a heading, for that whole section.
* After text on the same line, it switches them off for that line only.
* ``disable-file=...`` switches them off for the whole file.

Rule ids may be whole families (``blame``) or ``all``; several are separated by commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotwash.postmortem import Document

__all__ = ["Suppressions"]

_DIRECTIVE = re.compile(r"^hotwash:\s*(disable(?:-file|-next)?)\s*=\s*([\w/*,\s-]+?)\s*$")


@dataclass(frozen=True)
class Suppressions:
    # (first line, last line, names); whole-file entries use (1, huge).
    ranges: tuple[tuple[int, int, frozenset[str]], ...]

    @classmethod
    def of(cls, document: Document) -> Suppressions:
        ranges = []
        for comment in document.comments:
            match = _DIRECTIVE.match(comment.text)
            if match is None:
                continue
            names = frozenset(n.strip().removesuffix("/*") for n in match.group(2).split(","))
            ranges.append((*_scope(document, comment.line, match.group(1)), names))
        return cls(tuple(ranges))

    def covers(self, rule_id: str, line: int) -> bool:
        family = rule_id.split("/", 1)[0]
        return any(
            first <= line <= last and ({rule_id, family, "all"} & names)
            for first, last, names in self.ranges
        )


def _scope(document: Document, line: int, kind: str) -> tuple[int, int]:
    if kind == "disable-file":
        return 1, len(document.lines)
    source = document.lines[line - 1]
    if not source.lstrip().startswith("<!--"):
        return line, line  # a trailing comment: this line
    closing = next(
        (n for n in range(line, len(document.lines) + 1) if "-->" in document.lines[n - 1]), line
    )
    following = _next_text_line(document, closing)
    if following is None:
        return line, line
    for section in document.walk():
        if section.line == following:
            return section.line, section.end_line
    return _block_range(document, following)


def _next_text_line(document: Document, after: int) -> int | None:
    for number in range(after + 1, len(document.lines) + 1):
        if document.lines[number - 1].strip():
            return number
    return None


def _block_range(document: Document, line: int) -> tuple[int, int]:
    blocks = [*document.preamble, *(b for s in document.walk() for b in s.blocks)]
    for block in blocks:
        if block.line <= line <= block.end_line:
            return line, block.end_line
    return line, line
