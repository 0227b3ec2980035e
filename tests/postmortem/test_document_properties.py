"""Properties of the parser on arbitrary Markdown-ish text: it never fails, and every
position it reports points at the text it says is there."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.postmortem import (
    ListBlock,
    Paragraph,
    Span,
    Table,
    action_items,
    parse_document,
    timeline_rows,
)

FRAGMENTS = [
    "# Title",
    "## Timeline",
    "## Action items",
    "### Contributing factors",
    "Summary\n=======",
    "---",
    "| Time | Event |",
    "|---|---|",
    "| 14:05 | alert |",
    "| HH:mm | ?? |",
    "- 14:05 UTC — paged",
    "  continued",
    "1. Add alert (owner: @bob, due 2026-03-20, P1)",
    "- [ ] Fix it",
    "```",
    "    indented code",
    "<!-- hotwash: disable=blame/human-error -->",
    "<!--",
    "-->",
    "**Owner:** Dana | **Status**: Final",
    "Owner: Lee",
    "",
    "plain words and `kill -9` with [a link](http://x.y/z)",
]
LINES = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)),
    max_size=40,
)


def _check(span: Span, lines: list[str]) -> None:
    """Each line of ``span.text`` starts exactly where the span says it does."""
    offset = 0
    for part in span.text.split("\n"):
        line, column = span.position(offset)
        if part:
            assert lines[line - 1][column - 1 :].startswith(part), (part, line, column)
        offset += len(part) + 1


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_parser_never_fails_and_positions_hold(parts: list[str]) -> None:
    text = "\n".join(parts)
    doc = parse_document(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for section in doc.walk():
        assert section.line <= section.end_line <= len(lines)
        assert all(child.level > section.level for child in section.children)
        if lines[section.line - 1].lstrip().startswith("#"):
            _check(section.heading, lines)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _check(block, lines)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    _check(item, lines)
            elif isinstance(block, Table):
                for cell in (*block.header, *(c for row in block.rows for c in row)):
                    _check(cell, lines)
    timeline_rows(doc)
    action_items(doc)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_sections_partition_the_headed_lines(parts: list[str]) -> None:
    doc = parse_document("\n".join(parts))
    tops = list(doc.sections)
    for before, after in itertools.pairwise(tops):
        assert before.end_line < after.line
    for section in doc.walk():
        for child in section.children:
            assert section.line < child.line <= child.end_line <= section.end_line
