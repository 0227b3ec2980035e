"""Mining the templates of log records: which records, and the miner's digit shortcut."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import fixture, read
from hotwash.condense import TemplateMiner
from hotwash.condense.mining import mask
from hotwash.evidence.logs import LogsSource

WORDS = st.sampled_from(
    [
        "pool",
        "blk_-1608999687",
        "10.250.19.102:50010",
        "3.5",
        "ms",
        "2026-03-14",
        "14:02:11",
        "user=root",
        "(1.94",
        "KB)",
        "/var/log/x1.log",
        "0x1f",
        "v2",
        "id:42",
        "a1b2",
        "٣",
        "",
    ]
)
DIGITS = str.maketrans("123456789", "000000000")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=8).map(" ".join), min_size=1, max_size=20))
def test_masking_never_depends_on_which_digit_a_digit_is(messages: list[str]) -> None:
    """What lets the miner mask messages that differ only in digits once."""
    zeroed = [message.translate(DIGITS) for message in messages]
    assert mask(pl.Series(messages)).to_list() == mask(pl.Series(zeroed)).to_list()


def test_messages_differing_in_digits_share_a_template() -> None:
    miner = TemplateMiner(strip_headers=False)
    ids = miner.add(pl.Series(["request 8812 took 31 ms", "request 40 took 7 ms", "cache miss"]))
    assert ids[0] == ids[1] != ids[2]
    assert miner.template(ids[0]) == "request <*> took <*>"


def test_every_level_is_mined_when_asked() -> None:
    default = read(fixture("java-payments.log"))
    every = read(fixture("java-payments.log"), LogsSource(mine_levels=None))
    (mined_default,) = default.logs
    (mined_all,) = every.logs
    assert {t.level for t in mined_default.templates} == {"error", "warning"}
    assert {t.level for t in mined_all.templates} >= {"error", "warning", "info"}
    assert mined_default.rates == mined_all.rates  # every record counts either way
