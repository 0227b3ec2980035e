"""The Markdown postmortem parser: title, fields, sections, blocks and families."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotwash.postmortem import (
    CodeBlock,
    Comment,
    Document,
    Family,
    ListBlock,
    Paragraph,
    Table,
    family_of,
    parse_document,
    read_document,
)

DOC = """\
# Postmortem: checkout 502s

**Owner:** Dana Kim | **Status**: Final
Severity: SEV2

## Summary

Checkout returned HTTP 502 for 14% of requests.
The pool was exhausted.

## Timeline (UTC)

| Time | Event | Source | Actor |
|---|---|---|---|
| 14:02 | **[impact start]** errors rise | nginx | - |
| 14:06 | Alert fires | Prometheus | - |

### Notes

- one
  continued
- two
  - nested

```text
<!-- hotwash: disable=blame/human-error -->
kill -9 1234
```

## Action items
<!-- hotwash: disable=actions/no-ticket -->
1. Add a pool alert
"""


@pytest.fixture
def doc() -> Document:
    return parse_document(DOC, "pm.md")


def test_title_and_header_fields(doc: Document) -> None:
    assert doc.title.text == "Postmortem: checkout 502s"
    assert doc.title.line == 1
    owner = doc.field("Owner")
    assert owner.value.text == "Dana Kim"
    assert (owner.value.line, owner.value.column) == (3, 12)
    assert doc.field("status").value.text == "Final"
    assert doc.field("severity").value.text == "SEV2"
    assert doc.field("reviewers") is None


def test_section_tree_lines_and_families(doc: Document) -> None:
    outline = [(s.title, s.level, s.line, s.end_line, s.family) for s in doc.walk()]
    assert outline == [
        ("Summary", 2, 6, 10, Family.SUMMARY),
        ("Timeline (UTC)", 2, 11, 29, Family.TIMELINE),
        ("Notes", 3, 18, 29, None),
        ("Action items", 2, 30, 33, Family.ACTIONS),
    ]
    timeline = doc.section(Family.TIMELINE)
    assert [c.title for c in timeline.children] == ["Notes"]
    assert len(list(timeline.all_blocks())) == 3


def test_blocks_keep_positions(doc: Document) -> None:
    summary = doc.section(Family.SUMMARY)
    (paragraph,) = summary.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text.split("\n")[1] == "The pool was exhausted."
    assert paragraph.position(paragraph.text.index("pool")) == (9, 5)
    table = doc.section(Family.TIMELINE).blocks[0]
    assert isinstance(table, Table)
    assert [c.text for c in table.header] == ["Time", "Event", "Source", "Actor"]
    cell = table.rows[1][2]
    assert (cell.text, cell.line, cell.column) == ("Prometheus", 16, 25)
    assert DOC.split("\n")[cell.line - 1][cell.column - 1 :].startswith("Prometheus")


def test_lists_nesting_and_code(doc: Document) -> None:
    notes = doc.walk()
    section = next(s for s in notes if s.title == "Notes")
    lists, code = section.blocks
    assert isinstance(lists, ListBlock)
    assert isinstance(code, CodeBlock)
    assert [(i.text, i.depth) for i in lists.items] == [
        ("one\ncontinued", 0),
        ("two", 0),
        ("nested", 1),
    ]
    assert code.info == "text"
    assert "kill -9" in code.body.text
    assert code.body.line == 26


def test_comments_outside_code_only(doc: Document) -> None:
    assert [(c.text, c.line) for c in doc.comments] == [("hotwash: disable=actions/no-ticket", 31)]
    actions = doc.section(Family.ACTIONS)
    assert isinstance(actions.blocks[0], Comment)
    assert actions.blocks[1].items[0].ordered


@pytest.mark.parametrize(
    ("heading", "family"),
    [
        ("Root cause", Family.CAUSES),
        ("Causes", Family.CAUSES),
        ("3. Contributing factors (3-5 items)", Family.CAUSES),
        ("Why it happened", Family.CAUSES),
        ("Action items", Family.ACTIONS),
        ("Follow-ups", Family.ACTIONS),
        ("Remediation", Family.ACTIONS),
        ("Corrective actions", Family.ACTIONS),
        ("Executive summary", Family.SUMMARY),
        ("1. Situation (50-150 words)", Family.SUMMARY),
        ("Timeline (all times UTC)", Family.TIMELINE),
        ("Trigger", Family.TRIGGER),
        ("5 Whys", Family.ANALYSIS),
        ("What went well", Family.WENT_WELL),
        ("What Didn't Work", Family.WENT_POORLY),
        ("Where we got lucky", Family.LUCKY),
        ("Lessons learned", Family.LESSONS),
        ("Detection", Family.DETECTION),
        ("Recovery", Family.RESPONSE),
        ("Customer impact", Family.IMPACT),
        ("Appendix: graphs", Family.APPENDIX),
        ("Background", None),
    ],
)
def test_families_by_meaning(heading: str, family: Family | None) -> None:
    assert family_of(heading) is family


def test_front_matter_setext_and_key_value_tables() -> None:
    text = (
        "---\nowner: Lee\nstatus: draft\n---\nOutage\n======\n\n"
        "| Owner | Lee Chen |\n|---|---|\n| Status | In review |\n\n"
        "Impact\n------\nNone.\n"
    )
    doc = parse_document(text)
    assert doc.title is not None
    assert doc.title.text == "Outage"
    assert doc.title.line == 5
    assert [(f.name, f.value.text) for f in doc.fields] == [
        ("owner", "Lee"),
        ("status", "draft"),
        ("owner", "Lee Chen"),
        ("status", "In review"),
    ]
    assert [(s.title, s.family) for s in doc.walk()] == [("Impact", Family.IMPACT)]


def test_read_document_is_read_only_and_tolerates_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(b"# T\n\n## Impact\n\n\xff\xfe broken bytes\n")
    path.chmod(0o444)
    doc = read_document(path)
    assert doc.path == str(path)
    assert doc.section(Family.IMPACT) is not None
    assert "broken bytes" in doc.text


def test_empty_and_headingless_documents() -> None:
    assert parse_document("").sections == ()
    doc = parse_document("just words\n\n- a list\n")
    assert doc.title is None
    assert doc.sections == ()
    assert [type(b).__name__ for b in doc.preamble] == ["Paragraph", "ListBlock"]
