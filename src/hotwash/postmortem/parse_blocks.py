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
from hotwash.postmortem.parse_lists import (
    FENCE,
    ListBlock,
    ListItem,
    ListReader,
    indent,
    starts_block,
)

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

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
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


class _Reader(ListReader):
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[Heading | Block] = []

    def emit(self, block: ListBlock) -> None:
        self.out.append(block)

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
        if indent(line) >= 4 and (index == 0 or not self.lines[index - 1].strip()):
            return self._indented_code(index)
        return self._paragraph(index)

    def _fence(self, index: int, line: str) -> int | None:
        match = FENCE.match(line)
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
        column = indent(line) + 5 + (len(inner) - len(inner.lstrip()))
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

    def _indented_code(self, index: int) -> int:
        end = index
        while end < len(self.lines) and (
            indent(self.lines[end]) >= 4 or not self.lines[end].strip()
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
            if end > index and starts_block(line):
                break
            texts.append(line.strip())
            columns.append(indent(line) + 1)
            end += 1
        self.out.append(Paragraph(text="\n".join(texts), line=index + 1, columns=tuple(columns)))
        return end

    def _setext(self, index: int, end: int, texts: list[str], columns: list[int]) -> int:
        level = 1 if self.lines[end].strip().startswith("=") else 2
        heading = Heading(text=" ".join(texts), line=index + 1, columns=(columns[0],), level=level)
        self.out.append(heading)
        return end + 1
