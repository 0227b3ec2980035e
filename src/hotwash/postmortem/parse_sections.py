"""The section tree: each heading owns the blocks after it, up to a heading of its level.

Headings nest by level whatever the jumps (an ``###`` straight under ``#`` is a child),
and a section's ``end_line`` is the line before the next heading at its level or above.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from hotwash.postmortem.parse_blocks import Block, Comment, Heading
from hotwash.postmortem.parse_families import Family, family_of
from hotwash.postmortem.parse_inline import plain_text

__all__ = ["Section", "comments_in", "section_tree"]


@dataclass(kw_only=True, eq=False)
class Section:
    """A heading and everything under it up to the next heading of the same or higher level."""

    heading: Heading
    end_line: int
    family: Family | None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.heading.line

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def title(self) -> str:
        return plain_text(self.heading.text)

    def walk(self) -> Iterator[Section]:
        """This section, then its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self) -> Iterator[Block]:
        """Own blocks, then every descendant's, in document order."""
        for section in self.walk():
            yield from section.blocks


def section_tree(
    items: list[Heading | Block], total_lines: int
) -> tuple[list[Block], list[Section]]:
    """Blocks before the first heading, and the top-level sections with their subtrees."""
    preamble: list[Block] = []
    roots: list[Section] = []
    open_sections: list[Section] = []
    for item in items:
        if isinstance(item, Heading):
            _close(open_sections, item.level, item.line - 1)
            section = Section(heading=item, end_line=total_lines, family=family_of(item.text))
            (open_sections[-1].children if open_sections else roots).append(section)
            open_sections.append(section)
        else:
            (open_sections[-1].blocks if open_sections else preamble).append(item)
    _close(open_sections, 0, total_lines)
    return preamble, roots


def _close(open_sections: list[Section], level: int, end_line: int) -> None:
    while open_sections and open_sections[-1].level >= level:
        open_sections.pop().end_line = end_line


_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def comments_in(text: str) -> Iterator[Comment]:
    """Every HTML comment in ``text`` (whole-line or inline), outside fenced code."""
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        inner = match.group(1)
        offset = match.start(1) + len(inner) - len(inner.lstrip())
        column = offset - text.rfind("\n", 0, offset)
        yield Comment(text=inner.strip(), line=line, columns=(column,))
