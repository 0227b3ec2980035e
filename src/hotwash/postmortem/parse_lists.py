"""Bullet and numbered lists: items, their nesting, and their continuation lines.

A list runs while items follow at its indentation or deeper, with blank lines
allowed between items and before an indented paragraph that continues an item (a
loose list). A line that starts another block (a fence, a heading, a table, a
comment) ends the item it would otherwise continue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotwash.postmortem.parse_inline import Span

__all__ = ["FENCE", "ITEM", "ListBlock", "ListItem", "ListReader", "indent", "starts_block"]

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`]*)$")
ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+(\[[ xX]\])?[ \t]*|$)")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_BREAK = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")


@dataclass(frozen=True, slots=True, kw_only=True)
class ListItem(Span):
    """One bullet or numbered item: its text (continuation lines included) after the marker."""

    depth: int
    ordered: bool
    checked: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBlock:
    items: tuple[ListItem, ...]
    line: int
    end_line: int


def indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def starts_block(line: str) -> bool:
    """True when ``line`` opens a block of its own (so it cannot continue a paragraph)."""
    return bool(
        FENCE.match(line)
        or _ATX.match(line)
        or ITEM.match(line)
        or line.lstrip().startswith(("|", "<!--"))
        or _BREAK.match(line)
    )


class ListReader:
    """The list-reading half of the block reader (see :mod:`parse_blocks`)."""

    lines: list[str]

    def emit(self, block: ListBlock) -> None:
        """Add a finished list to the reader's output (the reader defines where)."""
        raise NotImplementedError

    def _list(self, index: int, line: str) -> int | None:
        if not ITEM.match(line):
            return None
        items: list[ListItem] = []
        base = indent(line)
        end = index
        while end < len(self.lines):
            match = ITEM.match(self.lines[end])
            if match and indent(self.lines[end]) >= base:
                item, end = self._item(end, match, base)
                items.append(item)
            elif not self.lines[end].strip() and self._list_continues(end + 1, base):
                end += 1
            else:
                break
        self.emit(ListBlock(items=tuple(items), line=index + 1, end_line=end))
        return end

    def _list_continues(self, index: int, base: int) -> bool:
        while index < len(self.lines) and not self.lines[index].strip():
            index += 1
        if index >= len(self.lines):
            return False
        line = self.lines[index]
        return indent(line) > base or bool(ITEM.match(line) and indent(line) == base)

    def _item(self, index: int, match: re.Match[str], base: int) -> tuple[ListItem, int]:
        line = self.lines[index]
        start = match.end()
        texts, columns = [line[start:].rstrip()], [start + 1]
        content_indent = indent(line) + 2
        end = index + 1
        while end < len(self.lines):
            following = self.lines[end]
            blank_gap = not following.strip()
            if blank_gap or ITEM.match(following) or starts_block(following):
                break
            texts.append(following.strip())
            columns.append(indent(following) + 1)
            end += 1
        while end < len(self.lines) and self._continues_item(end, content_indent):
            end = self._item_paragraph(end, texts, columns)
        box = match.group(3)
        depth = (indent(line) - base) // 2
        item = ListItem(
            text="\n".join(texts),
            line=index + 1,
            columns=tuple(columns),
            depth=depth,
            ordered=match.group(2)[0].isdigit(),
            checked=None if box is None else box.lower() == "[x]",
        )
        return item, end

    def _continues_item(self, index: int, content_indent: int) -> bool:
        # A loose item: a blank line, then a paragraph indented to the item's content.
        if self.lines[index].strip():
            return False
        after = index
        while after < len(self.lines) and not self.lines[after].strip():
            after += 1
        if after >= len(self.lines):
            return False
        line = self.lines[after]
        return indent(line) >= content_indent and not ITEM.match(line) and not FENCE.match(line)

    def _item_paragraph(self, index: int, texts: list[str], columns: list[int]) -> int:
        # Blank lines stay in the text (as empty lines) so every row keeps its line number.
        while not self.lines[index].strip():
            texts.append("")
            columns.append(1)
            index += 1
        while index < len(self.lines) and self.lines[index].strip():
            if ITEM.match(self.lines[index]) or FENCE.match(self.lines[index]):
                break
            texts.append(self.lines[index].strip())
            columns.append(indent(self.lines[index]) + 1)
            index += 1
        return index
