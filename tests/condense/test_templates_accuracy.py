"""Grouping accuracy on realistic samples of several systems' log styles.

The header format is not told to the miner: it must find it in the lines. A line
is right only if the lines sharing its mined template are exactly the lines
sharing its true one.
"""

from __future__ import annotations

import polars as pl
import pytest

from condense.samples import STYLES, Style, generate, grouping_accuracy
from hotwash.condense import TemplateMiner

HEADER_WORDS = ("Jun", "INFO", "WARN", "[main]", "Step_LSC|", "[notice]", "RAS", "gateway")


@pytest.mark.parametrize("style", STYLES, ids=lambda style: style.name)
def test_each_style_is_grouped_like_its_true_templates(style: Style) -> None:
    lines, truth = generate(style, 400, seed=11)
    miner = TemplateMiner()
    mined = miner.canonical(miner.add(lines))
    assert grouping_accuracy(truth, mined) >= 0.97
    assert mined.n_unique() == truth.n_unique()


@pytest.mark.parametrize("style", STYLES, ids=lambda style: style.name)
def test_templates_do_not_keep_the_header(style: Style) -> None:
    lines, _ = generate(style, 300, seed=5)
    miner = TemplateMiner()
    mined = miner.canonical(miner.add(lines))
    texts = {miner.template(cluster) for cluster in mined.unique().to_list()}
    for word in HEADER_WORDS:
        assert not any(text.startswith(word) for text in texts), (word, texts)


@pytest.mark.parametrize("style", STYLES, ids=lambda style: style.name)
def test_streaming_in_small_chunks_groups_like_one_chunk(style: Style) -> None:
    lines, truth = generate(style, 600, seed=3)
    miner = TemplateMiner()
    parts = [miner.add(lines.slice(offset, 60)) for offset in range(0, lines.len(), 60)]
    mined = miner.canonical(pl.concat(parts))
    assert grouping_accuracy(truth, mined) >= 0.97


def test_near_duplicate_templates_stay_apart() -> None:
    lines, _ = generate(STYLES[1], 500, seed=2)
    miner = TemplateMiner()
    mined = miner.canonical(miner.add(lines))
    texts = {miner.template(cluster) for cluster in mined.unique().to_list()}
    assert any("stored as bytes" in text for text in texts)
    assert any("stored as values" in text for text in texts)
    assert sum("Transitioned from" in text for text in texts) == 3
