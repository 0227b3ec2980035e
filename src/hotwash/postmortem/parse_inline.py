"""Spans of source text that remember where they came from, and inline Markdown helpers.

Every piece of text the parser returns is a :class:`Span`: the text itself plus the
1-based line and column where each of its lines starts, so a match found anywhere in
``span.text`` maps back to a file position with :meth:`Span.position`.

:func:`mask_markup` blanks Markdown syntax (emphasis markers, inline code, link
targets, HTML comments) with spaces, keeping every offset, so a rule can search
prose without being fooled by ``kill -9`` in backticks or a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Span", "mask_code", "mask_emphasis", "mask_markup", "plain_text", "split_cells"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """Source text; ``columns[i]`` is the 1-based column where line ``i`` of ``text`` starts."""

    text: str
    line: int
    columns: tuple[int, ...] = (1,)

    @property
    def column(self) -> int:
        return self.columns[0]

    @property
    def end_line(self) -> int:
        return self.line + self.text.count("\n")

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``text[offset]`` in the source file."""
        row = self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        column = self.columns[min(row, len(self.columns) - 1)]
        return self.line + row, column + offset - start

    @property
    def plain(self) -> str:
        """The text without Markdown markup, whitespace collapsed: for comparing and display."""
        return plain_text(self.text)


# Inline code first (its content is never prose), then comments, link targets, markers.
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"<?\bhttps?://[^\s)>|]+>?")
_MARKERS = re.compile(r"\*\*|__|(?<![A-Za-z0-9])[*_](?=\S)|(?<=\S)[*_](?![A-Za-z0-9])|~~|[\[\]]")


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(match: re.Match[str]) -> str:
    found = match.group()
    return " " * len(found) if "\n" not in found else _NOT_NEWLINE.sub(" ", found)


# Each pattern, and a character without which it cannot match (a cheap test first).
_MASKED = ((_CODE, "`"), (_COMMENT, "<!--"), (_LINK_TARGET, "]("), (_URL, "http"))


@lru_cache(maxsize=8192)
def mask_markup(text: str) -> str:
    """``text`` with markup and code replaced by spaces; same length, same line breaks."""
    for pattern, needed in _MASKED:
        if needed in text:
            text = pattern.sub(_blank, text)
    if any(mark in text for mark in "*_~[]"):
        text = _MARKERS.sub(_blank, text)
    return text


def mask_code(text: str) -> str:
    """``text`` with inline code and HTML comments blanked, everything else as written."""
    if "`" not in text and "<!--" not in text:
        return text
    return _COMMENT.sub(_blank, _CODE.sub(_blank, text))


def mask_emphasis(text: str) -> str:
    """``text`` with only emphasis and code marks (and comments) blanked: links stay readable."""
    if "<!--" in text:
        text = _COMMENT.sub(_blank, text)
    return text.replace("**", "  ").replace("__", "  ").replace("`", " ")


@lru_cache(maxsize=8192)
def plain_text(text: str) -> str:
    """Readable text: inline code keeps its content, markup and extra whitespace go."""
    text = _COMMENT.sub(" ", text)
    text = _CODE.sub(lambda m: m.group().strip("`"), text)
    text = _LINK_TARGET.sub("]", text)
    text = _MARKERS.sub("", text)
    return " ".join(text.split())


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def split_cells(line: str, number: int) -> list[Span]:
    """The cells of a pipe-table row, each a :class:`Span` at its own column."""
    body_start = line.index("|") + 1 if line.lstrip().startswith("|") else 0
    cells = []
    start = body_start
    bounds = [m.start() for m in _CELL_SPLIT.finditer(line, body_start)]
    stripped_end = line.rstrip()
    for end in [*bounds, len(line)]:
        raw = line[start:end]
        if end == len(line) and not raw.strip() and stripped_end.endswith("|"):
            break
        lead = len(raw) - len(raw.lstrip())
        cells.append(Span(text=raw.strip(), line=number, columns=(start + lead + 1,)))
        start = end + 1
    return cells
