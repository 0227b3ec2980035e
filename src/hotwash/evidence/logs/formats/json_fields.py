"""Pull fields out of JSON lines without decoding whole documents.

Decoding every line into a struct is slow and breaks on the first line whose
types differ. Instead each wanted key's raw value token is matched where the key
appears (first occurrence, normally the top level where loggers put it), and its
type is read from the token: a quoted string, a number, a literal, or the start of
an array or object (which for a time or a level is "an unexpected type").
"""

from __future__ import annotations

import polars as pl
from polars.expr.whenthen import ChainedThen

from hotwash.evidence.logs import clock
from hotwash.evidence.logs.formats.base import TEXT, ascii_classes

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
    found, *nested = (text.str.extract(pattern, 1) for pattern in token_patterns(keys))
    return pl.coalesce(found, *nested) if nested else found


def token_patterns(keys: tuple[str, ...]) -> list[str]:
    """Where :func:`token` looks: any of ``keys`` at any level, then each dotted key nested."""
    flat = "|".join(_key(key) for key in keys)
    nested = [
        r"\""
        + _key(key.split(".", 1)[0])
        + r"\"\s*:\s*\{[^{}]*?\""
        + _key(key.split(".", 1)[1])
        + r"\"\s*:\s*"
        + _TOKEN
        for key in keys
        if "." in key
    ]
    return [ascii_classes(r"[{,]\s*\"(?:" + flat + r")\"\s*:\s*" + _TOKEN), *nested]


def has_token(keys: tuple[str, ...]) -> str:
    """A regex that a line matches exactly when :func:`token` finds one of ``keys`` on it."""
    return "|".join(f"(?:{pattern})" for pattern in token_patterns(keys))


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
    return time_problem(text, raw).when(ts.is_null()).then(pl.lit("invalid timestamp"))


def time_problem(text: pl.Expr, raw: pl.Expr) -> ChainedThen:
    """Why a line cannot be a record whatever its time says (not an object, no time
    field, a time of the wrong type), else null: a line of the format otherwise."""
    return (
        pl.when(~text.str.contains(OBJECT_SHAPE))
        .then(pl.lit(NOT_OBJECT))
        .when(raw.is_null())
        .then(pl.lit(NO_TIME_FIELD))
        .when(is_container(raw))
        .then(pl.lit(TIME_TYPE))
    )


def recognition(frame: pl.DataFrame, time_keys: tuple[str, ...]) -> pl.DataFrame:
    """:meth:`~.base.LogFormat.recognition` of a JSON format timed by ``time_keys``, whose
    lines do not continue records: whether a line reads as a time does not matter
    (an unreadable time is still a line of the format), so times are not worked out."""
    text = pl.col(TEXT)
    problem = time_problem(text, token(text, time_keys))
    return frame.select(recognised=problem.is_null(), cont=pl.lit(False))


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
