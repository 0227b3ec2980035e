"""Fast paths for envelopes: a time prefix read cheaply, the inner line by the inner
format's own fast path (whose time is not worked out: the envelope's time wins).

A line is read this way only when the inner format recognises the inner line; an
inner line it does not recognise (plain text under a JSON envelope, a stack trace
line under its own timestamp) takes the full parse, which decides between a plain
record and a continuation.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from hotwash.evidence.logs import clock
from hotwash.evidence.logs.formats.fast import (
    MICROS,
    NO_EPOCH,
    NO_KEY,
    NO_SUB,
    Fast,
    KeyTime,
    Steps,
    iso_key,
    iso_key_time,
    sub_minute,
)

INNER = "_inner"
# RFC 3339 with nanoseconds, as kubectl writes it: the time sits at fixed columns.
_NANOS = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]\.[0-9]{9}Z "
_NANOS_WIDTH = 31
_RFC3339 = (
    r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})T(?P<hm>[0-9]{2}:[0-9]{2}):(?P<sec>[0-5][0-9])"
    r"(?:\.(?P<frac>[0-9]{1,9}))?Z "
)
# GENERIC_PREFIX's ISO branch (same structure, so the same match), narrowed to at
# most nine fraction digits and seconds below 60.
_BRACKETED_ISO = (
    r"^(?P<head>\[?(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?P<hm>[0-9]{2}:[0-9]{2}):"
    r"(?P<sec>[0-5][0-9])(?:[.,](?P<frac>[0-9]{1,9}))?"
    r"(?P<zone>[ \t]?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?))?\]?[ \t]+)"
)
# Its epoch branches (a line starting with digits cannot take the ISO one).
_BRACKETED_EPOCH = r"^(?P<head>\[?(?P<ts>[0-9]{10}(?:\.[0-9]{1,9})?|[0-9]{13})\]?[ \t]+)"


@dataclass(frozen=True)
class EnvelopeTime:
    """An envelope's time layout: ``ok`` where it fits, the time, and the width of
    the head (where the inner line starts)."""

    ok: pl.Expr
    key: pl.Expr
    sub: pl.Expr
    key_time: KeyTime
    head: pl.Expr
    steps: Steps = ()
    epoch: pl.Expr = NO_EPOCH


def kubectl_times(text: pl.Expr) -> tuple[EnvelopeTime, ...]:
    """Nanoseconds at fixed columns first, then any fraction."""
    fixed = EnvelopeTime(
        ok=text.str.contains(_NANOS),
        key=text.str.slice(0, 16),
        sub=text.str.slice(17, 2).cast(pl.Int64, strict=False) * MICROS
        + text.str.slice(20, 6).cast(pl.Int64, strict=False),
        key_time=_utc_minute,
        head=pl.lit(_NANOS_WIDTH),
    )
    parts = pl.col("_envelope").struct.field
    frac = parts("frac")
    general = EnvelopeTime(
        steps=({"_envelope": text.str.extract_groups(_RFC3339)},),
        ok=parts("hm").is_not_null(),
        key=iso_key(parts("date"), parts("hm"), pl.lit("Z")),
        sub=sub_minute(parts("sec"), frac),
        key_time=iso_key_time,
        head=pl.lit(21) + (frac.str.len_bytes() + 1).fill_null(0),
    )
    return fixed, general


def iso_prefix_times(text: pl.Expr) -> tuple[EnvelopeTime, ...]:
    """An ISO 8601 time, or else an epoch, maybe in brackets, then blanks."""
    parts = pl.col("_envelope").struct.field
    iso = EnvelopeTime(
        steps=({"_envelope": text.str.extract_groups(_BRACKETED_ISO)},),
        ok=parts("head").is_not_null(),
        key=iso_key(parts("date"), parts("hm"), parts("zone")),
        sub=sub_minute(parts("sec"), parts("frac")),
        key_time=iso_key_time,
        head=parts("head").str.len_bytes(),
    )
    epoch = EnvelopeTime(
        steps=({"_envelope": text.str.extract_groups(_BRACKETED_EPOCH)},),
        ok=parts("head").is_not_null(),
        key=NO_KEY,
        sub=NO_SUB,
        key_time=iso_key_time,
        head=parts("head").str.len_bytes(),
        epoch=clock.epoch_text(parts("ts")).cast(pl.Int64),
    )
    return iso, epoch


def wrapped(envelope: EnvelopeTime, inner: Fast, text: pl.Expr) -> Fast:
    """The fast path of an envelope around an inner fast path (built on ``pl.col(INNER)``)."""
    ok = envelope.ok & inner.recognised
    return Fast(
        steps=(*envelope.steps, {INNER: text.str.slice(envelope.head)}, *inner.steps),
        recognised=ok,
        ok=ok,
        key=envelope.key,
        sub=envelope.sub,
        epoch=envelope.epoch,
        key_time=envelope.key_time,
        level=inner.level,
        service=inner.service,
        checks=inner.checks,
        ascii_only=inner.ascii_only,
    )


def _utc_minute(key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return iso_key_time(pl.concat_str(key, pl.lit(":00Z")))
