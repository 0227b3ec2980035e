"""Lines that start with a timestamp and carry another line after it.

``kubectl logs --timestamps`` writes an RFC 3339 time with nanoseconds, a space and
the container's own line, which may be JSON, logfmt, a Java layout... Many other
programs write an ISO 8601 or epoch time and free text. Both are an envelope (the
time) around an inner line parsed by an inner format; free text is :class:`PlainFormat`.
The envelope's time wins: it is the one written when the line was emitted.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import (
    PARSED_COLUMNS,
    TEXT,
    Columns,
    LogFormat,
    after_head,
    ascii_classes,
    build,
    head_fields,
    timestamp_reason,
)
from hotwash.evidence.logs.formats.envelope_fast import (
    INNER,
    iso_prefix_times,
    kubectl_times,
    wrapped,
)
from hotwash.evidence.logs.formats.fast import (
    NO_KEY,
    NO_SUB,
    Fast,
    Field,
    iso_key_time,
    recognised,
    words,
)

KUBECTL_PREFIX = r"^(?P<head>(?P<ts>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z) )"
GENERIC_PREFIX = (
    r"^(?P<head>\[?(?P<ts>" + clock.ISO_PATTERN + r"|\d{10}(?:\.\d{1,9})?|\d{13})\]?(?:\s+|$))"
)
CONTINUATION = "continuation line"


class PlainFormat(LogFormat):
    """Free text: the whole line is the message, the level a level word in it if any."""

    name = "plain"

    def columns(self, text: pl.Expr) -> Columns:
        return Columns(
            reason=pl.lit(None, pl.String),
            ts=pl.lit(None),
            aware=pl.lit(False),
            level=levels.from_keywords(text),
            message=text,
            cont=self.continues(text),
        )

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        """Only as an inner line: every text is recognised, its level a keyword."""
        return (
            Fast(
                recognised=pl.lit(True),
                ok=pl.lit(False),
                key=NO_KEY,
                sub=NO_SUB,
                key_time=iso_key_time,
                level=Field(levels.keyword(text), words),
            ),
        )


def wrap(inner: LogFormat, inner_text: pl.Expr, envelope: Columns) -> Columns:
    """Columns for an envelope (its time, reason and ``cont``) around ``inner_text``.

    An inner line the inner format does not recognise is kept as plain text unless
    it continues the record above (a stack trace line under its own timestamp).
    """
    ok = envelope.reason.is_null()
    parsed = inner.columns(inner_text)
    recognised = parsed.reason.is_null() | (parsed.reason != pl.lit(inner.mismatch()))
    continues = ok & ~recognised & parsed.cont
    return Columns(
        reason=pl.when(continues).then(pl.lit(CONTINUATION)).otherwise(envelope.reason),
        ts=envelope.ts,
        aware=envelope.aware,
        level=pl.when(recognised).then(parsed.level).otherwise(levels.from_keywords(inner_text)),
        message=pl.when(recognised).then(parsed.message).otherwise(inner_text),
        service=pl.when(recognised).then(parsed.service),
        flag=pl.when(recognised).then(parsed.flag),
        cont=pl.when(ok).then(continues).otherwise(envelope.cont),
    )


class PrefixedFormat(LogFormat):
    """A timestamp prefix (``kubectl`` RFC 3339 nanoseconds, or any ISO 8601 / epoch)."""

    def __init__(self, name: str, prefix: str, inner: LogFormat) -> None:
        self.base_name = name
        self.prefix = prefix
        self.inner = inner
        self.name = name if isinstance(inner, PlainFormat) else f"{name}+{inner.name}"
        self.continuation = inner.continuation
        self.shape = ascii_classes(prefix)
        # Free text after the time is always text: the time's shape alone decides.
        self.shape_decides = isinstance(inner, PlainFormat)

    def with_inner(self, inner: LogFormat) -> PrefixedFormat:
        return PrefixedFormat(self.base_name, self.prefix, inner)

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, self.prefix)
        return self._columns(text, fields, after_head(text, fields))

    def parse(self, frame: pl.DataFrame, names: Collection[str] = PARSED_COLUMNS) -> pl.DataFrame:
        """As :meth:`columns`, with the head and the inner line computed first: the
        inner format's expressions then read a column, not a regex over the line."""
        return build(self._staged(frame), self._staged_columns(), names)

    def messages(self, frame: pl.DataFrame) -> pl.Series:
        """The inner format's messages where it recognises the inner line (its first
        fast layout says so, cheaply), the full reading elsewhere."""
        staged = self._staged(frame)
        inner = staged.select(pl.col("_inner").alias(TEXT))
        layouts = self.inner.fast(pl.col(TEXT), timed=False)
        if not layouts:
            return self._full_messages(staged)
        known = recognised(layouts[0], inner)
        messages = pl.Series(TEXT, [None] * frame.height, dtype=pl.String)
        if known.any():
            found = self.inner.messages(inner.filter(known)).cast(pl.String)
            messages = messages.scatter(known.arg_true(), found)
        if not known.all():
            rest = self._full_messages(staged.filter(~known))
            messages = messages.scatter((~known).arg_true(), rest)
        return messages

    def _full_messages(self, staged: pl.DataFrame) -> pl.Series:
        return staged.select(self._staged_columns().message.cast(pl.String))[:, 0]

    def _staged(self, frame: pl.DataFrame) -> pl.DataFrame:
        staged = frame.with_columns(_head=head_fields(pl.col(TEXT), self.prefix))
        return staged.with_columns(_inner=after_head(pl.col(TEXT), pl.col("_head")))

    def _staged_columns(self) -> Columns:
        return self._columns(pl.col(TEXT), pl.col("_head"), pl.col("_inner"))

    def _columns(self, text: pl.Expr, fields: pl.Expr, inner_text: pl.Expr) -> Columns:
        raw_ts = fields.struct.field("ts")
        numeric = raw_ts.str.contains(r"^\d+(?:\.\d+)?$")
        iso_ts, iso_aware = clock.iso(raw_ts)
        ts = pl.when(numeric).then(clock.epoch_text(raw_ts)).otherwise(iso_ts)
        reason = timestamp_reason(
            fields.struct.field("head").is_not_null(), raw_ts, ts, self.mismatch()
        )
        envelope = Columns(
            reason=reason,
            ts=ts,
            aware=numeric | iso_aware,
            level=pl.lit(None),
            message=pl.lit(None),
            cont=self.continues(text),
        )
        return wrap(self.inner, inner_text, envelope)

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        kubectl = self.prefix == KUBECTL_PREFIX
        times = kubectl_times(text) if kubectl else iso_prefix_times(text)
        inner = self.inner.fast(pl.col(INNER), timed=False)
        return tuple(wrapped(time, layout, text) for time in times for layout in inner)

    def mismatch(self) -> str:
        return f"not a {self.base_name} line"
