"""A Markdown postmortem as a document: title, header fields, a tree of sections.

This is the generic parser that drafting, ``hotwash import`` and ``hotwash lint``
build on. It reads any Markdown postmortem (our templates, Google-SRE-like ones,
narrative ones, a quick half page) and never fails on content: what it cannot place
is a paragraph. Every piece of text keeps its 1-based line and column.

Public API (stable)::

    parse_document(text: str, path: str = "<text>") -> Document
    read_document(path: Path) -> Document          # UTF-8, read-only; OSError propagates

    Document.path, .lines (tuple[str, ...]), .title (Heading | None)
    Document.fields: tuple[Field, ...]              # front matter + header + "Metadata"
    Document.field(*names) -> Field | None          # names normalised: "Author(s)" -> "authors"
    Document.preamble: tuple[Block, ...]            # blocks between the title and section 1
    Document.sections: tuple[Section, ...]          # top-level sections (the title excluded)
    Document.walk() -> Iterator[Section]            # every section, document order
    Document.sections_of(family) -> list[Section]   # every section of a family
    Document.section(family) -> Section | None      # the shallowest, then the first
    Document.comments: tuple[Comment, ...]          # every HTML comment, block or inline

    Section.heading (Heading: .text .level .line .column), .title (plain text), .level,
    .line, .end_line, .family (Family | None), .blocks (own blocks), .children,
    .walk(), .all_blocks() (own and descendants')

    Blocks (hotwash.postmortem.parse_blocks): Paragraph, ListBlock(items: ListItem...),
    Table(header: Span..., rows: tuple[Span, ...]...), CodeBlock(info, body: Span),
    Comment. Paragraph, ListItem, Comment, Heading, table cells and field keys/values are
    Spans: ``.text``, ``.line``, ``.column``, ``.position(offset) -> (line, column)``,
    ``.plain`` (markup removed).

    Family (hotwash.postmortem.parse_families): SUMMARY, IMPACT, TIMELINE, DETECTION,
    RESPONSE, TRIGGER, CAUSES, ANALYSIS, WENT_WELL, WENT_POORLY, LUCKY, ACTIONS,
    LESSONS, APPENDIX, METADATA; ``family_of(heading)``.

    Rows (hotwash.postmortem.parse_timeline / parse_actions):
    timeline_rows(document) -> list[TimelineRow]; action_items(document) -> list[ActionItem].
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hotwash.postmortem.parse_blocks import Block, CodeBlock, Comment, Heading, parse_blocks
from hotwash.postmortem.parse_families import Family
from hotwash.postmortem.parse_fields import Field, field_name, fields_in_blocks, front_matter
from hotwash.postmortem.parse_sections import Section, comments_in, section_tree

__all__ = ["Document", "Section", "parse_document", "read_document"]


@dataclass(kw_only=True, eq=False)
class Document:
    path: str
    lines: tuple[str, ...]
    title: Heading | None
    fields: tuple[Field, ...]
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    comments: tuple[Comment, ...]

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def sections_of(self, family: Family) -> list[Section]:
        return [section for section in self.walk() if section.family is family]

    def section(self, family: Family) -> Section | None:
        """The shallowest section of ``family`` (the first among equals)."""
        found = self.sections_of(family)
        return min(found, key=lambda section: section.level) if found else None

    def field(self, *names: str) -> Field | None:
        """The first field whose normalised name is one of ``names``."""
        wanted = {field_name(name) for name in names}
        return next((f for f in self.fields if f.name in wanted), None)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def parse_document(text: str, path: str = "<text>") -> Document:
    """Parse Markdown ``text``; ``path`` is only carried along for messages."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header_fields, body_start = front_matter(lines)
    items = parse_blocks(lines, body_start)
    title: Heading | None = None
    # Leading comments (a lint directive, a licence note) do not hide the title.
    lead = next((i for i, item in enumerate(items) if not isinstance(item, Comment)), len(items))
    first = items[lead] if lead < len(items) else None
    if isinstance(first, Heading) and first.level == 1:
        title, items = first, items[:lead] + items[lead + 1 :]
    preamble, roots = section_tree(items, len(lines))
    header_fields += fields_in_blocks(preamble, plain=True)
    for root in roots:
        for section in root.walk():
            if section.family is Family.METADATA:
                header_fields += fields_in_blocks(section.blocks, plain=True)
    return Document(
        path=path,
        lines=tuple(lines),
        title=title,
        fields=tuple(header_fields),
        preamble=tuple(preamble),
        sections=tuple(roots),
        comments=_comments_outside_code("\n".join(lines), items),
    )


def _comments_outside_code(text: str, items: list[Heading | Block]) -> tuple[Comment, ...]:
    # A comment shown inside a code sample is an example, not an instruction.
    code = [(b.line, b.end_line) for b in items if isinstance(b, CodeBlock)]
    return tuple(
        comment
        for comment in comments_in(text)
        if not any(start <= comment.line <= end for start, end in code)
    )


def read_document(path: Path) -> Document:
    """Read and parse a file (opened read-only; undecodable bytes are replaced, not fatal)."""
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        return parse_document(handle.read(), str(path))
