"""Detect a file's log format from its first lines, by content only.

Each candidate parses a sample of up to 200 lines; its score is the share of
non-blank lines it recognises (records, plus continuation lines under a record).
For envelopes (docker json-file, kubectl, timestamp-prefixed lines) the inner
lines are scored the same way to find the inner format.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from hotwash.evidence.logs import formats
from hotwash.evidence.logs.formats.base import LINE, RECOGNISED, TEXT, LogFormat
from hotwash.evidence.logs.formats.docker import DockerJsonFormat
from hotwash.evidence.logs.formats.prefixed import PlainFormat, PrefixedFormat

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
    nonblank = lines.filter(pl.col(TEXT).str.strip_chars() != "")
    if nonblank.height == 0 or not _passes_gates(fmt, nonblank[TEXT]):
        return 0.0
    parsed = fmt.parse(nonblank).with_columns(nonblank[TEXT])
    recognised = pl.col("reason").is_null() | pl.col("reason").is_in(RECOGNISED)
    if fmt.marker is not None:
        recognised = recognised & pl.col(TEXT).str.contains(fmt.marker)
    after_record = recognised.cast(pl.Int32).cum_sum() > 0
    counted = recognised | (pl.col("cont") & after_record)
    hits = parsed.select(counted.sum()).item()
    return float(hits) / nonblank.height


def _passes_gates(fmt: LogFormat, text: pl.Series) -> bool:
    gates = [pattern for pattern in (fmt.gate, fmt.marker) if pattern is not None]
    return all(text.str.contains(pattern).any() for pattern in gates)


def best(candidates: list[LogFormat], lines: pl.DataFrame) -> tuple[LogFormat | None, float]:
    chosen: LogFormat | None = None
    top = 0.0
    for fmt in candidates:
        value = score(fmt, lines)
        if value > top:
            chosen, top = fmt, value
    return chosen, top


@lru_cache(maxsize=32)  # sniff then read look at the same head: parse the sample once
def detect(head: bytes, *, complete: bool) -> Detection:
    """The best format for a file whose first bytes are ``head`` (``complete``: whole file)."""
    lines = sample(head, complete=complete)
    chosen, top = best([*formats.line_formats(), *formats.envelope_formats()], lines)
    if isinstance(chosen, DockerJsonFormat | PrefixedFormat):
        chosen = _with_inner(chosen, lines)
    return Detection(chosen, top, lines.height)


def _with_inner(envelope: DockerJsonFormat | PrefixedFormat, lines: pl.DataFrame) -> LogFormat:
    inner_lines = lines.select(pl.col(LINE), _inner_text(envelope).alias(TEXT)).drop_nulls()
    inner, inner_score = best(formats.inner_formats(), inner_lines)
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
