"""What every log format turns a chunk of lines into: one parsed row per input line.

A format's ``parse`` takes a frame with ``line`` (1-based number) and ``text`` and
returns, in the same order, the columns of :data:`PARSED_SCHEMA`:

- ``reason``: null when the line starts a record, else why it does not;
- ``ts``: the record's time, naive; UTC when ``aware`` is true, local otherwise;
- ``level``: normalised (``error``, ``warning``, ``info``, ``debug``) or null;
- ``message``: the text that templates are mined from; ``service`` if the line names one;
- ``flag``: why a kept record is suspect (a level of an unexpected type...), else null.

Formats are vectorised: they build polars expressions, never loop over lines.
``parse`` is the full, exact reading; ``fast`` gives cheap readings of a format's
usual layouts (:mod:`.fast`), which must agree with it on every line they take, and
``messages`` extracts the message of the few records whose templates are mined.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from hotwash.evidence.logs.formats.fast import Fast

LINE = "line"
TEXT = "text"
TS_TYPE = pl.Datetime("us")

PARSED_SCHEMA: dict[str, pl.DataType] = {
    "line": pl.UInt64(),
    "reason": pl.String(),
    "cont": pl.Boolean(),
    "ts": TS_TYPE,
    "aware": pl.Boolean(),
    "level": pl.String(),
    "message": pl.String(),
    "service": pl.String(),
    "flag": pl.String(),
}
PARSED_COLUMNS = tuple(PARSED_SCHEMA)

NO_TIMESTAMP = "no timestamp"
INVALID_TIMESTAMP = "invalid timestamp"
# Reasons that still mean "this is the format, the line just cannot be dated": they
# count for detection, unlike a line of another shape.
RECOGNISED = (NO_TIMESTAMP, INVALID_TIMESTAMP)

# Lines that continue the record above: indented lines, Java and Python stack traces.
STACK_TRACE = (
    r"^(?:[ \t]+\S|Traceback \(most recent call last\)|During handling of the above|"
    r"The above exception|Caused by:|Suppressed:|\.\.\. \d+ more|"
    r"[A-Za-z_$][\w$.]*(?:Error|Exception|Throwable|Exit|Interrupt|Warning)(?::|$))"
)


class Calendar(enum.Enum):
    """How much of the date a format's timestamps carry."""

    FULL = "full"
    NO_YEAR = "no year"  # syslog RFC 3164, klog: placeholder year 2000
    NO_DATE = "no date"  # time-only patterns: placeholder date 2000-01-01


PLACEHOLDER_YEAR = 2000  # a leap year, so "Feb 29" survives until the real year is known


@dataclass(frozen=True)
class Columns:
    """Expressions for the parsed columns; ``build`` evaluates them over a chunk."""

    reason: pl.Expr
    ts: pl.Expr
    aware: pl.Expr
    level: pl.Expr
    message: pl.Expr
    service: pl.Expr = field(default_factory=lambda: pl.lit(None, pl.String))
    flag: pl.Expr = field(default_factory=lambda: pl.lit(None, pl.String))
    # Whether a line that starts no record would belong to the record above it.
    cont: pl.Expr = field(default_factory=lambda: pl.lit(False))


def build(
    frame: pl.DataFrame, columns: Columns, names: Collection[str] = PARSED_COLUMNS
) -> pl.DataFrame:
    """Evaluate ``columns`` on ``frame`` and return exactly the parsed schema, or only
    its ``names`` columns (detection needs ``reason`` and ``cont``: planning the
    others costs more than reading a small sample).

    Lazily, so that polars computes shared sub-expressions (the head match, the
    parsed time) once instead of once per column using them.
    """
    wanted = {
        LINE: pl.col(LINE),
        "reason": columns.reason,
        "cont": columns.cont,
        "ts": columns.ts,
        "aware": columns.aware,
        "level": columns.level,
        "message": columns.message,
        "service": columns.service,
        "flag": columns.flag,
    }
    selected = (wanted[name].cast(PARSED_SCHEMA[name]).alias(name) for name in names)
    return frame.lazy().select(selected).collect()


def timestamp_reason(shape_ok: pl.Expr, raw_ts: pl.Expr, ts: pl.Expr, mismatch: str) -> pl.Expr:
    """The usual reason chain: wrong shape, then missing time, then unparseable time."""
    return (
        pl.when(~shape_ok)
        .then(pl.lit(mismatch))
        .when(raw_ts.is_null())
        .then(pl.lit(NO_TIMESTAMP))
        .when(ts.is_null())
        .then(pl.lit(INVALID_TIMESTAMP))
        .otherwise(pl.lit(None, pl.String))
    )


_ASCII_CLASSES = ((r"\d", "[0-9]"), (r"\s", "[ \t]"), (r"\w", "[A-Za-z0-9_]"), (r"\S", "[^ \t]"))


def ascii_classes(pattern: str) -> str:
    """``pattern`` with ``\\d``, ``\\s``, ``\\w``, ``\\S`` as ASCII classes: polars' regex
    engine treats them as Unicode classes, which makes capturing matches much slower."""
    for unicode_class, ascii_class in _ASCII_CLASSES:
        pattern = pattern.replace(unicode_class, ascii_class)
    return pattern


def head_fields(text: pl.Expr, pattern: str) -> pl.Expr:
    """The named groups of ``pattern`` (anchored at the line start) as a struct.

    Patterns capture only the line's head, wrapped in a group named ``head``: the
    message is then a cheap slice, which is much faster than capturing ``(.*)$``.
    """
    return text.str.extract_groups(ascii_classes(pattern))


def after_head(text: pl.Expr, fields: pl.Expr) -> pl.Expr:
    return text.str.slice(fields.struct.field("head").str.len_chars())


def filled(
    frame: pl.DataFrame, quick: pl.Expr, full: Callable[[pl.DataFrame], pl.Series]
) -> pl.Series:
    """``quick`` over ``frame``, and ``full`` for the rows where it is null: the cheap
    reading where it applies, the exact one for the rest."""
    # Lazily: polars then computes the subexpressions ``quick`` shares only once.
    values = frame.lazy().select(quick.cast(pl.String)).collect().to_series()
    missing = values.is_null()
    if not missing.any():
        return values
    return values.scatter(missing.arg_true(), full(frame.filter(missing)).cast(pl.String))


def without_head(frame: pl.DataFrame, pattern: str) -> pl.Series:
    """:func:`after_head` of the lines of ``frame``, which ``pattern`` matches, without
    capturing: the match is the head, so removing it leaves the same text, found by
    a fast DFA."""
    return frame.select(pl.col(TEXT).str.replace(ascii_classes(pattern), "")).to_series()


class LogFormat:
    """A line-oriented log format. Subclasses set the class attributes and ``columns``."""

    name: str = "log"
    calendar: Calendar = Calendar.FULL
    # Lines that do not start a record but belong to the one above (stack traces...).
    continuation: str | None = STACK_TRACE
    # Detection only counts lines matching the marker (tells JSON dialects apart).
    marker: str | None = None
    # A cheap test some sample line must pass before the full parse is worth trying.
    gate: str | None = None
    # A regex every line matches unless the full parse would call it "not a <format>
    # line": the lines it rules out skip the full parse (their ``cont`` is ``continues``).
    shape: str | None = None
    # A regex every line the format recognises matches, besides ``shape`` and ``marker``
    # (a JSON dialect's time key): a sample no line of which matches it scores zero.
    requires: str | None = None
    # Whether the lines the format recognises are exactly those matching ``shape`` (its
    # reason is :func:`timestamp_reason` of the shape match): detection needs no parse.
    shape_decides: bool = False
    # The messages are built from fields (an access log's request) and are template
    # keys already: they are counted per distinct text, not mined.
    keyed_messages: bool = False

    def parse(self, frame: pl.DataFrame, names: Collection[str] = PARSED_COLUMNS) -> pl.DataFrame:
        """The parsed schema's columns (or those in ``names``) for every line of ``frame``."""
        return build(frame, self.columns(pl.col(TEXT)), names)

    def columns(self, text: pl.Expr) -> Columns:
        raise NotImplementedError

    def recognition(self, frame: pl.DataFrame) -> pl.DataFrame:
        """All detection asks of each line of ``frame``: ``recognised`` (it starts a
        record, or would but cannot be dated) and, where it is not, ``cont`` as
        :meth:`parse` says (detection ignores ``cont`` on recognised lines)."""
        text = pl.col(TEXT)
        if self.shape_decides and self.shape is not None:  # see ``shape``: cont is continues
            return frame.select(recognised=text.str.contains(self.shape), cont=self.continues(text))
        reason = pl.col("reason")
        return self.parse(frame, ("reason", "cont")).select(
            recognised=reason.is_null() | reason.is_in(RECOGNISED), cont=pl.col("cont")
        )

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        """The usual layouts, read cheaply (see :mod:`.fast`), tried in order: the
        cheapest, commonest first. Lines none of them reads take :meth:`columns`.
        ``timed=False``: for an envelope, which has its own time (only ``recognised``,
        ``level``, ``service`` and ``checks`` are used, so the time is not worked out)."""
        return ()

    def messages(self, frame: pl.DataFrame) -> pl.Series:
        """The message of each line of ``frame`` (record lines whose templates are mined)."""
        return frame.select(self.columns(pl.col(TEXT)).message.cast(pl.String)).to_series()

    def continues(self, text: pl.Expr) -> pl.Expr:
        return text.str.contains(self.continuation) if self.continuation else pl.lit(False)

    def mismatch(self) -> str:
        return f"not a {self.name} line"
