"""Which log formats could recognise any line of a sample, found in one or two cheap queries.

Every line a format recognises matches its ``shape`` (a line that does not is "not
a <format> line", see :class:`~.formats.base.LogFormat`), its ``marker`` and what it
``requires`` (a JSON dialect's time key); its ``gate`` must match some line. So a
format with a pattern that no sample line matches can only score zero, and
detection skips it: its full parse costs milliseconds of query planning even on a
few lines, while a pattern test costs some tens of microseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import polars as pl

from hotwash.evidence.logs.formats.base import TEXT, LogFormat


def plausible(candidates: Sequence[LogFormat], lines: pl.DataFrame) -> list[LogFormat]:
    """The ``candidates`` each of whose patterns some line of ``lines`` matches.

    Gates are tested first, with the formats that have none: most files are not
    JSON, and the JSON dialects' other patterns are then not worth testing.
    """
    gated = [fmt for fmt in candidates if fmt.gate is not None]
    ungated = [fmt for fmt in candidates if fmt.gate is None]
    matched = _matched(lines, [fmt.gate for fmt in gated], _patterns(ungated))
    opened = [fmt for fmt in gated if fmt.gate in matched]
    if opened:
        matched |= _matched(lines, _patterns(opened))
    return [fmt for fmt in candidates if matched.issuperset(required(fmt))]


def required(fmt: LogFormat) -> tuple[str, ...]:
    """The patterns that some line must match for ``fmt`` to recognise any line."""
    patterns = (fmt.gate, fmt.marker, fmt.shape, fmt.requires)
    return tuple(pattern for pattern in patterns if pattern is not None)


def _patterns(formats: Iterable[LogFormat]) -> list[str]:
    return [pattern for fmt in formats for pattern in required(fmt)]


def _matched(lines: pl.DataFrame, *groups: Iterable[str | None]) -> set[str]:
    """Which of the patterns some line matches, all tested in one query."""
    patterns = tuple(dict.fromkeys(p for group in groups for p in group if p is not None))
    if not patterns:
        return set()
    hits = lines.select(_tests(patterns)).row(0)
    return {pattern for pattern, hit in zip(patterns, hits, strict=True) if hit}


@lru_cache(maxsize=32)  # the same few pattern lists, for every file
def _tests(patterns: tuple[str, ...]) -> list[pl.Expr]:
    """For each pattern, "does some line match it"."""
    return [
        pl.col(TEXT).str.contains(pattern).any().alias(f"p{number}")
        for number, pattern in enumerate(patterns)
    ]
