"""Pull fields out of JSON lines without decoding whole documents.

Decoding every line into a struct is slow and breaks on the first line whose
types differ. Instead each wanted key's raw value token is matched where the key
appears (first occurrence, normally the top level where loggers put it), and its
type is read from the token: a quoted string, a number, a literal, or the start of
an array or object (which for a time or a level is "an unexpected type").
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock
from hotwash.evidence.logs.formats.base import ascii_classes

OBJECT_SHAPE = r"^\s*\{.*\}\s*$"
GATE = r"^\s*\{"
_TOKEN = r"(\"(?:[^\"\\]|\\.)*\"|-?\d[\d.eE+-]*|true|false|null|\[|\{)"
NOT_OBJECT = "not a JSON object"
NO_TIME_FIELD = "no timestamp field"
TIME_TYPE = "timestamp field of unexpected type"
LEVEL_TYPE = "level field of unexpected type"
MESSAGE_TYPE = "message field of unexpected type"


def token(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """The raw value token of the first of ``keys`` on the line (dotted keys may nest)."""
    flat = "|".join(_key(key) for key in keys)
    found = text.str.extract(ascii_classes(r"[{,]\s*\"(?:" + flat + r")\"\s*:\s*" + _TOKEN), 1)
    nested = [
        text.str.extract(
            r"\""
            + _key(key.split(".", 1)[0])
            + r"\"\s*:\s*\{[^{}]*?\""
            + _key(key.split(".", 1)[1])
            + r"\"\s*:\s*"
            + _TOKEN,
            1,
        )
        for key in keys
        if "." in key
    ]
    return pl.coalesce(found, *nested) if nested else found


def _key(key: str) -> str:
    return key.replace(".", r"\.").replace("@", "@").replace("$", r"\$")


def is_string(raw: pl.Expr) -> pl.Expr:
    return raw.str.starts_with('"')


def is_number(raw: pl.Expr) -> pl.Expr:
    return raw.str.contains(r"^-?\d")


def is_container(raw: pl.Expr) -> pl.Expr:
    """An array or an object where a scalar was expected (or a bare ``true``/``null``)."""
    return raw.is_in(["[", "{", "true", "false", "null"])


def unquote(raw: pl.Expr) -> pl.Expr:
    """A string token's text, escapes decoded; other tokens as they are written."""
    bare = raw.str.slice(1, raw.str.len_chars() - 2)
    decoded = pl.when(bare.str.contains("\\", literal=True)).then(raw.str.json_path_match("$"))
    return pl.when(is_string(raw)).then(pl.coalesce(decoded.otherwise(bare), bare)).otherwise(raw)


def timestamp(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(ts, aware) from a time token: ISO text, or an epoch as a number or digit string."""
    text = unquote(raw)
    digits = text.str.contains(r"^\d+(?:\.\d+)?$")
    iso_ts, iso_aware = clock.iso(text)
    ts = pl.when(is_container(raw)).then(None).when(digits).then(clock.epoch_text(text))
    return ts.otherwise(iso_ts), digits | iso_aware


def time_reason(text: pl.Expr, raw: pl.Expr, ts: pl.Expr) -> pl.Expr:
    return (
        pl.when(~text.str.contains(OBJECT_SHAPE))
        .then(pl.lit(NOT_OBJECT))
        .when(raw.is_null())
        .then(pl.lit(NO_TIME_FIELD))
        .when(is_container(raw))
        .then(pl.lit(TIME_TYPE))
        .when(ts.is_null())
        .then(pl.lit("invalid timestamp"))
    )


def scalar_text(raw: pl.Expr) -> pl.Expr:
    """A scalar's text, or null for arrays and objects."""
    return pl.when(~raw.is_in(["[", "{"])).then(unquote(raw))


def type_flags(level_raw: pl.Expr, message_raw: pl.Expr) -> pl.Expr:
    return (
        pl.when(level_raw.is_in(["[", "{"]))
        .then(pl.lit(LEVEL_TYPE))
        .when(message_raw.is_in(["[", "{"]))
        .then(pl.lit(MESSAGE_TYPE))
    )
