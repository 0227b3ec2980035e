"""Learn a file's line header (timestamp, level, pid, component...) from its own lines.

Log-parsing ground truth covers only the message, and a header field that varies
(a host, a thread, a level) would split one message into several templates. No
format is named in advance: the structure is read off a sample of the file.

- A header exists only if the first column is header-like (a number, a time, a
  level, a bracket group...) in nearly every line.
- If nearly every line has an n-th *terminator* (``Component:``, ``[thread]``,
  ``-``, ``|``) at a steady column, the header ends there. The largest such n
  wins, so ``2015-07-29 17:41:44,747 - INFO [thread] - message`` cuts after the
  second dash.
- Otherwise the header is the run of leading columns that are header-like in
  nearly every line (``- 1117838570 2005.06.03 ... RAS KERNEL INFO message``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import polars as pl

from hotwash.condense.mining.tokens import (
    HAS_DIGIT,
    IS_CALENDAR,
    IS_LEVEL,
    IS_TERMINATOR,
    TOKEN,
    fixed_pattern,
    header_pattern,
)

SAMPLE_LINES = 5000
MIN_LINES = 5
COLUMNS = 12
STRONG = 0.85  # share of lines a header column or terminator must hold in
STEADY = 0.6  # share of lines whose terminator sits at the usual column
MAX_GAP = 2  # weak columns allowed between two strong header columns


@dataclass(frozen=True)
class HeaderRule:
    """How to cut the header off each line; ``pattern`` is None when there is none."""

    kind: str
    units: int
    pattern: str | None

    def strip(self, lines: pl.Series) -> pl.Series:
        """The lines without their header; a line the rule does not fit is kept whole."""
        if self.pattern is None:
            return lines
        return lines.str.replace(self.pattern, "")


NO_HEADER = HeaderRule("none", 0, None)


def learn_header(lines: pl.Series) -> HeaderRule:
    """The header rule that fits most of ``lines`` (a sample is enough)."""
    sample = lines.drop_nulls().head(SAMPLE_LINES * 2)
    sample = sample.filter(sample.str.strip_chars().str.len_bytes() > 0).head(SAMPLE_LINES)
    if sample.len() < MIN_LINES:
        return NO_HEADER
    tokens = _token_table(sample)
    strength = _column_strength(tokens, sample.len())
    if strength[0] < STRONG:
        return NO_HEADER
    return _terminator_rule(tokens, sample.len()) or _column_rule(strength)


def _token_table(sample: pl.Series) -> pl.DataFrame:
    """One row per leading token: line, column, and what the token looks like."""
    frame = pl.DataFrame({"text": sample}).with_row_index("line")
    token = pl.col("text").str.slice(0, 400).str.extract_all(TOKEN).list.head(COLUMNS)
    table = frame.select("line", token.alias("token")).explode("token").drop_nulls("token")
    word = pl.col("token")
    return table.with_columns(
        pos=pl.int_range(pl.len()).over("line"),
        terminator=word.str.contains(IS_TERMINATOR),
        header_like=word.str.contains(HAS_DIGIT)
        | word.str.contains(IS_LEVEL)
        | word.str.contains(IS_CALENDAR)
        | word.str.contains(IS_TERMINATOR),
    )


def _column_strength(tokens: pl.DataFrame, lines: int) -> list[float]:
    """Per column, the share of all lines whose token there looks like a header field."""
    counts = tokens.group_by("pos").agg(pl.col("header_like").sum())
    by_pos = dict(zip(counts["pos"].to_list(), counts["header_like"].to_list(), strict=True))
    return [by_pos.get(pos, 0) / lines for pos in range(COLUMNS)]


def _terminator_rule(tokens: pl.DataFrame, lines: int) -> HeaderRule | None:
    """Cut after the last terminator that nearly every line has at a steady column."""
    marks = tokens.filter(pl.col("terminator") & (pl.col("pos") > 0))
    marks = marks.with_columns(nth=pl.int_range(1, pl.len() + 1).over("line"))
    columns: list[int] = []
    for nth in range(1, COLUMNS):
        column = _steady_column(marks.filter(pl.col("nth") == nth)["pos"], lines)
        if column is None or (columns and column - columns[-1] > MAX_GAP + 1):
            break
        columns.append(column)
    if not columns:
        return None
    gap = max([MAX_GAP, *(b - a - 1 for a, b in pairwise(columns))])
    pattern = header_pattern(len(columns), first_within=columns[0] + 2, gap=gap)
    return HeaderRule("terminator", len(columns), pattern)


def _steady_column(positions: pl.Series, lines: int) -> int | None:
    """The usual column of these terminators, if nearly all lines have one there-abouts."""
    if positions.len() < STRONG * lines:
        return None
    counts = positions.value_counts(sort=True)
    column, seen = counts.row(0)
    return int(column) if seen >= STEADY * lines else None


def _column_rule(strength: list[float]) -> HeaderRule:
    """The leading columns that are header-like in nearly every line."""
    last, gap = -1, 0
    for pos, share in enumerate(strength):
        if share >= STRONG:
            last, gap = pos, 0
            continue
        gap += 1
        if gap > MAX_GAP:
            break
    return HeaderRule("columns", last + 1, fixed_pattern(last + 1))
