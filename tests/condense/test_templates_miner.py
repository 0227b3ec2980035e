"""TemplateMiner: one id per message, stable across chunks, merges resolved by canonical ids."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.condense import TemplateMiner
from hotwash.condense.mining.unionfind import UnionFind

USERS = ["root", "admin", "guest", "oracle", "deploy"]


def test_one_uint32_id_per_message_in_order() -> None:
    miner = TemplateMiner(strip_headers=False)
    ids = miner.add(pl.Series(["disk 1 full", "cpu hot", "disk 2 full", None]))
    assert ids.dtype == pl.UInt32
    assert ids.len() == 4
    assert ids[0] == ids[2] != ids[1]
    assert miner.template(ids[0]) == "disk <*> full"
    assert miner.templates[ids[1]] == "cpu hot"


def test_ids_stay_valid_and_stable_across_chunks() -> None:
    miner = TemplateMiner(strip_headers=False)
    first = miner.add(pl.Series(["job 1 started", "job 2 done"]))
    second = miner.add(pl.Series(["job 3 done", "job 4 started", "fresh message"]))
    assert second[0] == first[1]
    assert second[1] == first[0]
    assert miner.template(first[0]) == "job <*> started"
    assert len(miner.templates) == 3


def test_a_later_merge_keeps_earlier_ids_valid() -> None:
    miner = TemplateMiner(strip_headers=False)
    early = miner.add(pl.Series(["session opened for user root by console"]))
    later = miner.add(
        pl.Series([f"session opened for user {name} by console" for name in USERS[1:]])
    )
    canonical = miner.canonical(early.append(later))
    assert canonical.n_unique() == 1
    assert miner.template(early[0]) == "session opened for user <*> by console"
    assert early[0] < len(miner.templates)


def test_two_alternatives_are_kept_as_two_templates() -> None:
    miner = TemplateMiner(strip_headers=False)
    lines = [
        f"{verb} password for root from 10.0.0.{i} port 22"
        for i in range(5)
        for verb in ("Accepted", "Failed")
    ]
    ids = miner.canonical(miner.add(pl.Series(lines)))
    assert ids.n_unique() == 2


def test_header_is_learned_once_from_the_first_chunk() -> None:
    miner = TemplateMiner()
    lines = [f"2024-01-01 10:00:0{i} INFO app.Main: step {i} ok" for i in range(10)]
    miner.add(pl.Series(lines))
    assert miner.header.kind == "terminator"
    ids = miner.add(pl.Series(["2024-01-02 11:00:00 WARN app.Main: step 99 ok"]))
    assert miner.template(ids[0]) == "step <*> ok"


def test_bare_messages_can_skip_header_learning() -> None:
    miner = TemplateMiner(strip_headers=False)
    miner.add(pl.Series(["2024-01-01 10:00:00 INFO app.Main: hello"] * 10))
    assert miner.header.pattern is None


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(USERS), min_size=1, max_size=40), st.integers(1, 7))
def test_chunking_never_changes_which_lines_share_a_canonical_id(
    names: list[str], chunk: int
) -> None:
    lines = pl.Series([f"session opened for user {name} by console" for name in names])
    whole, chunked = TemplateMiner(strip_headers=False), TemplateMiner(strip_headers=False)
    all_at_once = whole.canonical(whole.add(lines))
    parts = [chunked.add(lines.slice(i, chunk)) for i in range(0, lines.len(), chunk)]
    in_chunks = chunked.canonical(pl.concat(parts))
    pairs = pl.DataFrame({"a": all_at_once, "b": in_chunks}).unique()
    assert pairs["a"].n_unique() == pairs["b"].n_unique() == pairs.height


@given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=40))
def test_union_find_roots_are_the_smallest_member(pairs: list[tuple[int, int]]) -> None:
    sets = UnionFind()
    for _ in range(20):
        sets.add()
    groups = [{i} for i in range(20)]
    for a, b in pairs:
        sets.union(a, b)
        merged = groups[a] | groups[b]
        for member in merged:
            groups[member] = merged
    roots = sets.roots()
    for item in range(20):
        assert roots[item] == sets.find(item) == min(groups[item])
