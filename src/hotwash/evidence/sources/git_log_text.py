"""Saved ``git log`` output to a table of commits, every line handled by polars at once.

Two shapes are read: git's default layout (``commit <sha>`` / ``Merge:`` / ``Author:`` /
``Date:`` / indented message, with ``--date=default|iso|iso-strict|rfc|local``, also
``--pretty=fuller``) and one commit per line, ``<sha>|<date>|<author>|<subject>``
(``git log --format='%H|%aI|%an|%s'``, or tab-separated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import tzinfo

import polars as pl

from hotwash.evidence.sources.time_columns import ISO_AWARE, ISO_NAIVE, parse_time_column

COMMIT_LINE = re.compile(r"^commit [0-9a-f]{7,64}\b", re.MULTILINE)
ONE_LINE = re.compile(r"^[0-9a-f]{7,64}[|\t]\d{4}-\d{2}-\d{2}[T ]\d", re.MULTILINE)
GIT_DATES_AWARE = (
    "%a %b %d %H:%M:%S %Y %z",  # default
    "%Y-%m-%dT%H:%M:%S %z",  # iso, once its space is made a T
    "%a, %d %b %Y %H:%M:%S %z",  # rfc
    *ISO_AWARE,
)
GIT_DATES_NAIVE = ("%a %b %d %H:%M:%S %Y", *ISO_NAIVE)  # --date=local
MERGE_SUBJECT = r"^Merge (?:pull request|branch|remote-tracking branch|tag|commit) "
COMMIT_COLUMNS = {"line": pl.UInt32, "sha": pl.String, "author": pl.String, "subject": pl.String}


@dataclass
class CommitTable:
    """One row per commit read: line, sha, at (UTC), author, subject, merge, assumed."""

    commits: pl.DataFrame
    skipped: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    notes: list[str] = field(default_factory=list)


def parse_git_log(content: str, zone: tzinfo) -> CommitTable:
    """Commits from either layout; the layout is chosen by what the text holds."""
    lines = pl.Series("text", content.splitlines(), dtype=pl.String)
    if COMMIT_LINE.search(content):
        raw, skipped = _default_layout(lines)
    else:
        raw, skipped = _one_per_line(lines, separator="\t" if "\t" in content else "|")
    table = with_times(raw, zone, skipped)
    table.lines = len(lines)
    return table


def _default_layout(lines: pl.Series) -> tuple[pl.DataFrame, dict[str, int]]:
    frame = pl.DataFrame({"text": lines}).with_row_index("index", offset=1)
    text = pl.col("text")
    frame = frame.with_columns(group=text.str.contains(COMMIT_LINE.pattern).cum_sum())
    commits = (
        frame.filter(pl.col("group") > 0)
        .group_by("group", maintain_order=True)
        .agg(
            line=pl.col("index").first(),
            sha=text.str.extract(r"^commit ([0-9a-f]{7,64})").drop_nulls().first(),
            author=text.str.extract(r"^Author:\s+(.*?)\s*(?:<[^>]*>)?\s*$").drop_nulls().first(),
            date=text.str.extract(r"^(?:Author)?Date:\s+(.*?)\s*$").drop_nulls().first(),
            subject=text.str.extract(r"^    (.*\S)").drop_nulls().first(),
            merge=text.str.starts_with("Merge: ").any(),
        )
        .drop("group")
    )
    stray = frame.filter((pl.col("group") == 0) & (text.str.strip_chars() != "")).height
    return commits, {"text before the first commit": stray} if stray else {}


def _one_per_line(lines: pl.Series, separator: str) -> tuple[pl.DataFrame, dict[str, int]]:
    frame = pl.DataFrame({"text": lines}).with_row_index("index", offset=1)
    frame = frame.filter(pl.col("text").str.strip_chars() != "")
    parts = pl.col("text").str.splitn(separator, 4)
    frame = frame.with_columns(parts=parts).unnest("parts")
    shaped = pl.col("field_0").str.contains(r"^[0-9a-f]{7,64}$") & pl.col("field_3").is_not_null()
    commits = frame.filter(shaped).select(
        line="index",
        sha="field_0",
        author=pl.col("field_2").str.strip_chars(),
        date="field_1",
        subject=pl.col("field_3").str.strip_chars(),
        merge=pl.col("field_3").str.contains(MERGE_SUBJECT),
    )
    bad = frame.height - commits.height
    return commits, {"line is not <sha>|<date>|<author>|<subject>": bad} if bad else {}


def with_times(raw: pl.DataFrame, zone: tzinfo, skipped: dict[str, int]) -> CommitTable:
    """Parse the ``date`` column; rows without a readable date are counted, by reason."""
    if raw.is_empty():
        empty = pl.DataFrame(schema=COMMIT_COLUMNS | {"at": pl.Datetime("us", "UTC")})
        return CommitTable(empty.with_columns(merge=pl.lit(False), assumed=pl.lit(False)), skipped)
    parsed = parse_time_column(raw["date"], zone, GIT_DATES_AWARE, GIT_DATES_NAIVE)
    frame = raw.with_columns(at=parsed.times, assumed=parsed.assumed, problem=parsed.problems)
    for reason, count in frame.filter(pl.col("at").is_null())["problem"].value_counts().rows():
        skipped[f"commit date: {reason or 'missing time'}"] = count
    commits = frame.filter(pl.col("at").is_not_null()).drop("date", "problem")
    commits = commits.with_columns(pl.col("merge") | pl.col("subject").str.contains(MERGE_SUBJECT))
    return CommitTable(commits, skipped)
