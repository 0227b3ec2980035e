"""Property tests for the importer: rows survive a render/import cycle; nothing is lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.postmortem.catalog import Catalog
from hotwash.postmortem.importer import import_text
from hotwash.postmortem.model import ActionRow, DraftContext, TimelineRow

# Printable text as people write it in a cell: words, punctuation, pipes, backslashes.
_WORDS = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "P", "S"), blacklist_characters="\n\r`*_[]<>"
    ),
    min_size=1,
    max_size=12,
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_CLOCK = st.tuples(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)).map(
    lambda t: f"{t[0]:02d}:{t[1]:02d}:{t[2]:02d}"
)
_MARKS = st.lists(st.sampled_from(["impact start", "detected", "mitigated"]), max_size=2)
_ROW = st.builds(
    TimelineRow,
    time=_CLOCK,
    event=_TEXT,
    source=_TEXT.filter(lambda s: s != "-"),
    actor=_TEXT,
    milestones=_MARKS.map(tuple),
)
_ACTION = st.builds(
    ActionRow,
    id=st.from_regex(r"AI-[0-9]{3}", fullmatch=True),
    action=_TEXT,
    type=st.sampled_from(["prevent", "detect", "mitigate"]),
    owner=_TEXT,
    due=st.dates().map(lambda d: d.isoformat()),
    priority=st.sampled_from(["P1", "P2", "P3", "P4"]),
    done_when=_TEXT,
    ticket=_TEXT,
)


def _context(rows: list[TimelineRow], actions: list[ActionRow]) -> DraftContext:
    context = DraftContext("T", "INC-2026-0001", "2026-03-14", "o", "Draft", "SEV2", "1m")
    context.timeline_date = "2026-03-14"
    context.timeline = rows
    context.actions = actions
    return context


@settings(max_examples=25, deadline=None)
@given(
    st.lists(_ROW, min_size=1, max_size=8).map(lambda rows: sorted(rows, key=lambda r: r.time)),
    st.lists(_ACTION, min_size=1, max_size=4),
)
def test_rows_and_actions_survive_render_and_import(
    rows: list[TimelineRow], actions: list[ActionRow]
) -> None:
    text = Catalog().render("standard", _context(rows, actions))
    found = import_text(text)
    assert [(r.time, r.event, r.source, r.actor or "-", r.milestones) for r in found.timeline] == [
        (r.time, r.event, r.source, r.actor, r.milestones) for r in rows
    ]
    assert [(a.id, a.action, a.owner, a.due, a.ticket) for a in found.action_items] == [
        (a.id, a.action, a.owner, a.due, a.ticket) for a in actions
    ]
    assert all(r.utc is not None and r.utc.startswith("2026-03-14T") for r in found.timeline)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(_CLOCK.map(lambda c: f"{c} - {c} happened"), _TEXT), max_size=10))
def test_every_timeline_item_is_a_row_or_reported(items: list[str]) -> None:
    text = "# P\n\n## Timeline\n\n" + "".join(f"- {item}\n" for item in items)
    found = import_text(text)
    assert len(found.timeline) + len(found.unparsed) == len(items)
    lines = text.splitlines()
    for problem in found.unparsed:
        assert lines[problem.line - 1] == f"- {problem.text}"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_imports_without_raising(text: str) -> None:
    found = import_text("# T\n\n## Timeline\n\n" + text)
    assert all(1 <= problem.line <= text.count("\n") + 10 for problem in found.unparsed)
