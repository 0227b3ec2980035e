"""Block structure of a Markdown file: headings, paragraphs, lists, tables, code, comments.

A small, forgiving reader of the Markdown people write postmortems in (CommonMark
and GitHub tables), not a full CommonMark implementation: it never fails, and what
it cannot place becomes a paragraph. Each line is classified once by one regular
expression; blocks are then gathered from runs of lines of the same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotwash.postmortem.parse_inline import Span, split_cells

__all__ = [
    "Block",
    "CodeBlock",
    "Comment",
    "Heading",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Table",
    "parse_blocks",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Heading(Span):
    """A heading; ``text`` is the heading without its ``#`` marks."""

    level: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph(Span):
    """Consecutive prose lines, each stripped of its indentation."""


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A pipe table; ``header`` is empty when the table has no delimiter row."""

    header: tuple[Span, ...]
    rows: tuple[tuple[Span, ...], ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeBlock:
    """Fenced or indented code; ``body`` starts on line ``line + 1`` when fenced."""

    info: str
    body: Span
    line: int
    end_line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Comment(Span):
    """An HTML comment; ``text`` is what is between ``<!--`` and ``-->``, stripped."""


Block = Paragraph | ListBlock | Table | CodeBlock | Comment

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`]*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+(\[[ xX]\])?[ \t]*|$)")
_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_TRAILING_COMMENT = re.compile(r"\s*<!--.*?-->\s*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")


def parse_blocks(lines: list[str], first: int = 0) -> list[Heading | Block]:
    """Headings and blocks of ``lines[first:]`` in order; line numbers are 1-based."""
    reader = _Reader(lines)
    index = first
    while index < len(lines):
        index = reader.step(index)
    return reader.out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _starts_block(line: str) -> bool:
    return bool(
        _FENCE.match(line)
        or _ATX.match(line)
        or _ITEM.match(line)
        or line.lstrip().startswith(("|", "<!--"))
        or _BREAK.match(line)
    )


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[Heading | Block] = []

    def step(self, index: int) -> int:
        """Read the block starting at ``index``; return the index after it."""
        line = self.lines[index]
        if not line.strip():
            return index + 1
        for reader in (self._fence, self._comment, self._heading, self._table, self._list):
            after = reader(index, line)
            if after is not None:
                return after
        if _BREAK.match(line):
            return index + 1
        if _indent(line) >= 4 and (index == 0 or not self.lines[index - 1].strip()):
            return self._indented_code(index)
        return self._paragraph(index)

    def _fence(self, index: int, line: str) -> int | None:
        match = _FENCE.match(line)
        if not match:
            return None
        mark = match.group(1)
        end = index + 1
        while end < len(self.lines) and not self.lines[end].strip().startswith(mark):
            end += 1
        body = self.lines[index + 1 : end]
        close = min(end, len(self.lines) - 1)
        span = Span(text="\n".join(body), line=index + 2, columns=(1,) * max(1, len(body)))
        self.out.append(
            CodeBlock(info=match.group(2).strip(), body=span, line=index + 1, end_line=close + 1)
        )
        return end + 1

    def _comment(self, index: int, line: str) -> int | None:
        stripped = line.lstrip()
        if not stripped.startswith("<!--"):
            return None
        end = index
        while end < len(self.lines) - 1 and "-->" not in self.lines[end]:
            end += 1
        raw = "\n".join(self.lines[index : end + 1])
        if "-->" in raw and not raw.rstrip().endswith("-->"):
            return None  # a comment followed by prose on the same line: a paragraph
        inner = raw.strip()[4:].removesuffix("-->")
        column = _indent(line) + 5 + (len(inner) - len(inner.lstrip()))
        self.out.append(Comment(text=inner.strip(), line=index + 1, columns=(column,)))
        return end + 1

    def _heading(self, index: int, line: str) -> int | None:
        match = _ATX.match(line)
        if not match:
            return None
        # A trailing comment (an annotation) is not part of the heading's text.
        text = _TRAILING_COMMENT.sub("", match.group(2) or "").strip()
        column = line.find(text) + 1 if text else len(line) + 1
        self.out.append(
            Heading(text=text, level=len(match.group(1)), line=index + 1, columns=(column,))
        )
        return index + 1

    def _table(self, index: int, line: str) -> int | None:
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        has_delimiter = "|" in following and bool(_DELIMITER.match(following))
        if not line.lstrip().startswith("|") and not (has_delimiter and "|" in line):
            return None
        header = tuple(split_cells(line, index + 1)) if has_delimiter else ()
        end = index + 2 if has_delimiter else index
        rows = []
        while end < len(self.lines) and self._is_row(self.lines[end], has_delimiter):
            if not _DELIMITER.match(self.lines[end]):
                rows.append(tuple(split_cells(self.lines[end], end + 1)))
            end += 1
        self.out.append(Table(header=header, rows=tuple(rows), line=index + 1, end_line=end))
        return end

    @staticmethod
    def _is_row(line: str, has_delimiter: bool) -> bool:
        # Without a delimiter row only lines that start with a pipe belong to the table.
        return line.lstrip().startswith("|") or (has_delimiter and "|" in line)

    def _list(self, index: int, line: str) -> int | None:
        if not _ITEM.match(line):
            return None
        items: list[ListItem] = []
        base = _indent(line)
        end = index
        while end < len(self.lines):
            match = _ITEM.match(self.lines[end])
            if match and _indent(self.lines[end]) >= base:
                item, end = self._item(end, match, base)
                items.append(item)
            elif not self.lines[end].strip() and self._list_continues(end + 1, base):
                end += 1
            else:
                break
        self.out.append(ListBlock(items=tuple(items), line=index + 1, end_line=end))
        return end

    def _list_continues(self, index: int, base: int) -> bool:
        while index < len(self.lines) and not self.lines[index].strip():
            index += 1
        if index >= len(self.lines):
            return False
        line = self.lines[index]
        return _indent(line) > base or bool(_ITEM.match(line) and _indent(line) == base)

    def _item(self, index: int, match: re.Match[str], base: int) -> tuple[ListItem, int]:
        line = self.lines[index]
        start = match.end()
        texts, columns = [line[start:].rstrip()], [start + 1]
        content_indent = _indent(line) + 2
        end = index + 1
        while end < len(self.lines):
            following = self.lines[end]
            blank_gap = not following.strip()
            if blank_gap or _ITEM.match(following) or _starts_block(following):
                break
            texts.append(following.strip())
            columns.append(_indent(following) + 1)
            end += 1
        while end < len(self.lines) and self._continues_item(end, content_indent):
            end = self._item_paragraph(end, texts, columns)
        box = match.group(3)
        depth = (_indent(line) - base) // 2
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
        return _indent(line) >= content_indent and not _ITEM.match(line) and not _FENCE.match(line)

    def _item_paragraph(self, index: int, texts: list[str], columns: list[int]) -> int:
        while not self.lines[index].strip():
            index += 1
        while index < len(self.lines) and self.lines[index].strip():
            if _ITEM.match(self.lines[index]) or _FENCE.match(self.lines[index]):
                break
            texts.append(self.lines[index].strip())
            columns.append(_indent(self.lines[index]) + 1)
            index += 1
        return index

    def _indented_code(self, index: int) -> int:
        end = index
        while end < len(self.lines) and (
            _indent(self.lines[end]) >= 4 or not self.lines[end].strip()
        ):
            end += 1
        while end > index and not self.lines[end - 1].strip():
            end -= 1
        body = [text[4:] for text in self.lines[index:end]]
        span = Span(text="\n".join(body), line=index + 1, columns=(5,) * len(body))
        self.out.append(CodeBlock(info="", body=span, line=index + 1, end_line=end))
        return end

    def _paragraph(self, index: int) -> int:
        texts: list[str] = []
        columns: list[int] = []
        end = index
        while end < len(self.lines) and self.lines[end].strip():
            line = self.lines[end]
            if end > index and _SETEXT.match(line):
                return self._setext(index, end, texts, columns)
            if end > index and _starts_block(line):
                break
            texts.append(line.strip())
            columns.append(_indent(line) + 1)
            end += 1
        self.out.append(Paragraph(text="\n".join(texts), line=index + 1, columns=tuple(columns)))
        return end

    def _setext(self, index: int, end: int, texts: list[str], columns: list[int]) -> int:
        level = 1 if self.lines[end].strip().startswith("=") else 2
        heading = Heading(text=" ".join(texts), line=index + 1, columns=(columns[0],), level=level)
        self.out.append(heading)
        return end + 1
