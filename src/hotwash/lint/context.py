"""Everything rules look at for one document, each part computed once, when first asked for."""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Callable, Iterator
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from hotwash.lint.chronology import Chronology, build_chronology
from hotwash.lint.config import LintConfig
from hotwash.lint.people import People
from hotwash.lint.placeholders import Placeholder, code_lines, find_placeholders
from hotwash.lint.profiles import Thresholds
from hotwash.lint.prose import Prose, collect_prose
from hotwash.postmortem import (
    ActionItem,
    Document,
    Family,
    Section,
    TimelineRow,
    action_items,
    timeline_rows,
)
from hotwash.postmortem.parse_time_text import parse_day

__all__ = ["LintContext"]

# Lines that carry no content of their own: table rules, fences, blank-ish markup.
_SCAFFOLD = re.compile(r"^\s*(?:\|?[\s:|-]*\|?|```.*|~~~.*|<!--.*-->)\s*$")

T = TypeVar("T")
# Lower-cases ASCII only, so every offset in the folded text is the same in the original.
_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Between pieces of prose: no pattern's \s or [^...] class crosses a NUL by accident.
_GAP = "\n\x00\n"


class LintContext:
    def __init__(self, document: Document, config: LintConfig) -> None:
        self.document = document
        self.config = config
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[LintContext], T]) -> T:
        """``compute(self)``, once per document: for work several rules share."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        result: T = self._memo[key]
        return result

    @property
    def limits(self) -> Thresholds:
        return self.config.limits

    @cached_property
    def rows(self) -> list[TimelineRow]:
        return timeline_rows(self.document)

    @cached_property
    def actions(self) -> list[ActionItem]:
        return action_items(self.document)

    @cached_property
    def prose(self) -> list[Prose]:
        return collect_prose(self.document, self.rows)

    @cached_property
    def prose_text(self) -> str:
        """All prose (masked) joined by blank lines: one regex pass finds matches in all of it."""
        return _GAP.join(p.masked for p in self.prose)

    @cached_property
    def prose_folded(self) -> str:
        """:attr:`prose_text` in lower case (ASCII only: offsets are unchanged)."""
        return self.prose_text.translate(_FOLD)

    @cached_property
    def folded_text(self) -> str:
        """:attr:`text_without_code` in lower case (ASCII only: offsets are unchanged)."""
        return self.text_without_code.translate(_FOLD)

    @cached_property
    def _prose_starts(self) -> list[int]:
        starts, offset = [], 0
        for prose in self.prose:
            starts.append(offset)
            offset += len(prose.masked) + len(_GAP)
        return starts

    def locate(self, offset: int) -> tuple[Prose, int]:
        """The prose that ``prose_text[offset]`` belongs to, and the offset inside it."""
        index = bisect.bisect_right(self._prose_starts, offset) - 1
        return self.prose[index], offset - self._prose_starts[index]

    def search(
        self, pattern: re.Pattern[str], *, folded: bool = False
    ) -> Iterator[tuple[Prose, re.Match[str], int]]:
        """Every match of ``pattern`` in the prose: the piece, the match, the offset in the piece.

        ``folded`` searches the lower-cased prose: a pattern written in lower case without
        IGNORECASE (and without a leading assertion) runs several times faster, because
        the regex engine can skip ahead to the characters its alternatives start with.
        """
        for match in pattern.finditer(self.prose_folded if folded else self.prose_text):
            prose, local = self.locate(match.start())
            yield prose, match, local

    def prose_under(self, section: Section) -> list[Prose]:
        """Prose inside ``section`` and its subsections."""
        inside = {id(s) for s in section.walk()}
        return [p for p in self.prose if p.section is not None and id(p.section) in inside]

    def prose_in(self, *families: Family) -> list[Prose]:
        """Prose inside sections of ``families`` (or their subsections)."""
        inside = {
            id(s) for f in families for top in self.document.sections_of(f) for s in top.walk()
        }
        return [p for p in self.prose if p.section is not None and id(p.section) in inside]

    @cached_property
    def people(self) -> People:
        named = [row.actor.plain for row in self.rows if row.actor is not None]
        named += [item.owner.plain for item in self.actions if item.owner is not None]
        owner = self.document.field("owner", "owners", "author", "authors")
        named += re.split(r"[,;&]| and ", owner.value.plain) if owner else []
        return People.build(self.document.text, self.config.roster, named)

    @cached_property
    def chronology(self) -> Chronology:
        return build_chronology(self.rows, self._document_day())

    def _document_day(self) -> date | None:
        field = self.document.field("date", "incident date", "date of incident")
        return parse_day(field.value.plain) if field else None

    @cached_property
    def placeholders(self) -> list[Placeholder]:
        return find_placeholders(self.document)

    @cached_property
    def pending_lines(self) -> frozenset[int]:
        """Lines holding a placeholder: what is on them is not written yet."""
        return frozenset(p.line for p in self.placeholders)

    def has_placeholder(self, section: Section) -> bool:
        """True when any line of ``section`` (subsections included) holds a placeholder."""
        return any(section.line < line <= section.end_line for line in self.pending_lines)

    def is_pending(self, section: Section) -> bool:
        """True when ``section`` (subsections included) is still mostly to be written: at
        least a third of its text lines hold a placeholder. One ``TODO`` left in a long,
        finished section does not stop the section from being judged."""
        pending = sum(1 for line in self.pending_lines if section.line < line <= section.end_line)
        if not pending:
            return False
        lines = self.document.lines[section.line : section.end_line]
        written = sum(1 for line in lines if line.strip() and not _SCAFFOLD.match(line))
        return pending * 3 >= max(written, 1)

    @cached_property
    def code_lines(self) -> frozenset[int]:
        return frozenset(code_lines(self.document))

    @cached_property
    def text_without_code(self) -> str:
        """The document with code-block lines emptied (line numbers unchanged)."""
        return "\n".join(
            "" if number in self.code_lines else line
            for number, line in enumerate(self.document.lines, start=1)
        )

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset into :attr:`text_without_code`."""
        row = bisect.bisect_right(self._line_starts, offset) - 1
        return row + 1, offset - self._line_starts[row] + 1

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text_without_code))]
