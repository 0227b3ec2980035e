"""The fast path: a format's usual layout read cheaply, every other line read exactly.

Nearly all lines of a log share one layout. A format describes its usual layouts
as :class:`Fast` paths, tried in order (the cheapest first): cheap expressions
(anchored regex tests, literal searches, fixed-column slices) evaluated over every
line. A line no fast path accepts is read by the format's full ``columns``, which
stay the reference: fast paths change speed, never results, and the tests check
that both agree line by line.

Work is done once per distinct value wherever values repeat:

- times are split into a minute ``key`` (the text up to the minute, with its zone),
  parsed once per distinct key, and the microseconds within that minute (``sub``);
  or given as microseconds since 1970 (``epoch``);
- a level or service is first cut out as a short raw window, then decoded (and
  checked) per distinct window by a :class:`Field`.

Work shared by several expressions (a regex match, a search position) is a *step*:
a named column computed first, which the expressions then read. polars' common
subexpression elimination does not reliably catch these, and a capturing regex
evaluated once per field would undo the gain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from hotwash.evidence.logs import clock, levels

MICROS = 1_000_000
KeyTime = Callable[[pl.Expr], tuple[pl.Expr, pl.Expr]]
# raw window -> (value, readable): readable false sends the line to the full parse.
Decode = Callable[[pl.Expr], tuple[pl.Expr, pl.Expr]]
Steps = tuple[dict[str, pl.Expr], ...]

# An ISO 8601 time as loggers write it: one-pass (each byte decides the branch),
# so polars captures its groups with a fast DFA.
ISO_GROUPS = (
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?P<hm>[0-9]{2}:[0-9]{2}):(?P<sec>[0-5][0-9])"
    r"(?:[.,](?P<frac>[0-9]{1,9}))?(?P<zone>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
NO_KEY = pl.lit(None, pl.String)
NO_SUB = pl.lit(None, pl.Int64)
NO_EPOCH = pl.lit(None, pl.Int64)


def _null() -> pl.Expr:
    return pl.lit(None, pl.String)


def _nothing(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return pl.lit(None, pl.String), pl.lit(True)


def readable(normalise: Callable[[pl.Expr], pl.Expr]) -> Decode:
    """A decoder for raw values that are always readable (captured by a strict regex)."""
    return lambda raw: (normalise(raw), pl.lit(True))


@dataclass(frozen=True)
class Field:
    """A raw per-line window and how to decode it, once per distinct window."""

    raw: pl.Expr = field(default_factory=_null)
    decode: Decode = _nothing


@dataclass(frozen=True)
class Fast:
    """Cheap per-line expressions for lines in a format's usual layout.

    ``recognised``: the line is in this layout (all an envelope asks of an inner
    format); ``ok``: it also starts a record, timed by ``key`` and ``sub`` (or by
    ``epoch``, where that is not null). ``checks`` are further fields that must be
    readable for the fast reading to stand. ``ascii_only``: the expressions slice
    at offsets found by ``str.find``, which counts bytes where ``str.slice`` counts
    characters, so only ASCII lines may take this path.
    """

    recognised: pl.Expr
    ok: pl.Expr
    key: pl.Expr
    sub: pl.Expr
    key_time: KeyTime
    level: Field = field(default_factory=Field)
    service: Field = field(default_factory=Field)
    checks: tuple[Field, ...] = ()
    epoch: pl.Expr = NO_EPOCH
    steps: Steps = ()
    ascii_only: bool = False


def words(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Decode a level captured as a word (``ERROR``, ``warn``...)."""
    return levels.from_word(raw), pl.lit(True)


def iso_key(date: pl.Expr, hm: pl.Expr, zone: pl.Expr) -> pl.Expr:
    """The minute of an ISO time as text :func:`clock.iso` reads the way it reads the
    whole time (same separator, same zone)."""
    return pl.concat_str(date, pl.lit("T"), hm, pl.lit(":00"), zone.fill_null(""))


def sub_minute(sec: pl.Expr, frac: pl.Expr) -> pl.Expr:
    """Microseconds within the minute; digits past the sixth are dropped, as polars does."""
    micros = frac.str.pad_end(6, "0").str.slice(0, 6).cast(pl.Int64, strict=False)
    return sec.cast(pl.Int64, strict=False) * MICROS + micros.fill_null(0)


def clock_parts(time: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(``HH:MM``, seconds, fraction) of a ``HH:MM:SS[.fff]`` text (a regex checked it)."""
    return time.str.slice(0, 5), time.str.slice(6, 2), time.str.slice(9)


def below_60(seconds: pl.Expr) -> pl.Expr:
    """Seconds a full parse reads the same way (60 and up are left to it)."""
    return seconds.cast(pl.Int64, strict=False) < 60


def iso_parts(groups: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(key, sub) from a struct with the :data:`ISO_GROUPS` fields."""
    part = groups.struct.field
    return iso_key(part("date"), part("hm"), part("zone")), sub_minute(part("sec"), part("frac"))


def iso_key_time(key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return clock.iso(key)


def recognised(layout: Fast, frame: pl.DataFrame) -> pl.Series:
    """Which lines of ``frame`` the layout recognises (its steps computed first)."""
    staged = frame.lazy()
    for step in layout.steps:
        staged = staged.with_columns(**step)
    known = staged.with_columns(_recognised=layout.recognised.fill_null(False))
    return known.select("_recognised").collect().to_series()
