"""Detect a file's log format from its first lines, by content only.

Each candidate parses a sample of up to 200 lines; its score is the share of
non-blank lines it recognises (records, plus continuation lines under a record).
For envelopes (docker json-file, kubectl, timestamp-prefixed lines) the inner
lines are scored the same way to find the inner format.

Every file met is sniffed, so detection must be cheap on small files, where the
cost is planning polars queries, not reading lines: a query or two tell which
formats could recognise any line (:mod:`.plausible`); only those are scored, each
from :meth:`~.formats.base.LogFormat.recognition` (no times worked out where they
do not matter); and a full score ends the search, since ties go to the earlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from hotwash.evidence.logs import formats
from hotwash.evidence.logs.formats.base import LINE, TEXT, LogFormat
from hotwash.evidence.logs.formats.docker import DockerJsonFormat
from hotwash.evidence.logs.formats.prefixed import PlainFormat, PrefixedFormat
from hotwash.evidence.logs.plausible import plausible

SAMPLE_LINES = 200
INNER_THRESHOLD = 0.5  # below this share the inner lines are treated as free text


@dataclass(frozen=True)
class Detection:
    format: LogFormat | None
    score: float
    sample_lines: int


def sample(head: bytes, *, complete: bool, limit: int = SAMPLE_LINES) -> pl.DataFrame:
    """The first lines of ``head``; the last one is dropped if the head was cut mid-line."""
    lines = head.decode("utf-8", errors="replace").split("\n")
    if lines[-1] == "" or not complete:
        lines.pop()
    lines = lines[:limit]
    return pl.DataFrame(
        {LINE: range(1, len(lines) + 1), TEXT: lines}, schema={LINE: pl.UInt64, TEXT: pl.String}
    )


def score(fmt: LogFormat, lines: pl.DataFrame) -> float:
    """Share of non-blank sample lines that ``fmt`` recognises."""
    nonblank = _nonblank(lines)
    return _share(fmt, nonblank) if plausible([fmt], nonblank) else 0.0


def _nonblank(lines: pl.DataFrame) -> pl.DataFrame:
    return lines.filter(pl.col(TEXT).str.strip_chars() != "")


def _share(fmt: LogFormat, nonblank: pl.DataFrame) -> float:
    if nonblank.height == 0:
        return 0.0
    parsed = fmt.recognition(nonblank).with_columns(nonblank[TEXT])
    recognised = pl.col("recognised")
    if fmt.marker is not None:
        recognised = recognised & pl.col(TEXT).str.contains(fmt.marker)
    after_record = recognised.cast(pl.Int32).cum_sum() > 0
    counted = recognised | (pl.col("cont") & after_record)
    hits = parsed.select(counted.sum()).item()
    return float(hits) / nonblank.height


def best(candidates: Sequence[LogFormat], lines: pl.DataFrame) -> tuple[LogFormat | None, float]:
    """The candidate with the highest score (the earliest of equals) and its score."""
    chosen: LogFormat | None = None
    top = 0.0
    survivors = plausible(candidates, lines)  # the others score zero
    nonblank = _nonblank(lines) if survivors else lines
    for fmt in survivors:
        value = _share(fmt, nonblank)
        if value > top:
            chosen, top = fmt, value
        if top == 1.0:  # no later candidate can score more
            break
    return chosen, top


@lru_cache(maxsize=32)  # sniff then read look at the same head: parse the sample once
def detect(head: bytes, *, complete: bool) -> Detection:
    """The best format for a file whose first bytes are ``head`` (``complete``: whole file)."""
    lines = sample(head, complete=complete)
    chosen, top = best(_top_level(), lines)
    if isinstance(chosen, DockerJsonFormat | PrefixedFormat):
        chosen = _with_inner(chosen, lines)
    return Detection(chosen, top, lines.height)


# Formats hold no state, so each candidate is made once, not once per file.
@lru_cache(maxsize=1)
def _top_level() -> tuple[LogFormat, ...]:
    return (*formats.line_formats(), *formats.envelope_formats())


@lru_cache(maxsize=1)
def _inner() -> tuple[LogFormat, ...]:
    return tuple(formats.inner_formats())


def _with_inner(envelope: DockerJsonFormat | PrefixedFormat, lines: pl.DataFrame) -> LogFormat:
    inner_lines = lines.select(pl.col(LINE), _inner_text(envelope).alias(TEXT)).drop_nulls()
    inner, inner_score = best(_inner(), inner_lines)
    if inner is None or inner_score < INNER_THRESHOLD:
        if isinstance(envelope, PrefixedFormat) and envelope.base_name == "kubectl":
            return formats.envelope_formats()[1]  # free text after a time: the generic form
        return envelope
    return envelope.with_inner(inner)


def _inner_text(envelope: DockerJsonFormat | PrefixedFormat) -> pl.Expr:
    text = pl.col(TEXT)
    if isinstance(envelope, DockerJsonFormat):
        return envelope.inner_text(text)
    head = text.str.extract_groups(envelope.prefix).struct.field("head")
    return text.str.slice(head.str.len_chars())


__all__ = ["Detection", "PlainFormat", "detect", "sample", "score"]
