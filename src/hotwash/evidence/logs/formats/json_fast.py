"""The fast path for JSON lines: keys found by literal search, values read from a window.

The full parse (:mod:`.json_fields`) matches each key with a regex over the whole
line. Here each key is found by a search for ``"key":``, and its value read from a
short window after it. In valid JSON, ``"key":`` can only be a key (inside a string
its quotes would be escaped), so the first hit is the key the full parse finds;
the two characters before it are checked per distinct pair (``{`` or ``,``, maybe
and a blank), as the full parse requires, so odd lines are not misread either.

A line is left to the full parse when it is not ``{...}``, when a key is followed
by a blank before its colon, when a value is a container or an escaped string, or
does not end inside its window, or when a dotted key may be nested instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from hotwash.evidence.logs import clock
from hotwash.evidence.logs.formats import json_fields as jf
from hotwash.evidence.logs.formats.fast import (
    ISO_GROUPS,
    MICROS,
    NO_EPOCH,
    NO_KEY,
    NO_SUB,
    Decode,
    Fast,
    Field,
    KeyTime,
    Steps,
    iso_key_time,
    iso_parts,
)

LEVEL_WIDTH = 12  # characters after a level's colon: the longest level word, quoted
SERVICE_WIDTH = 40
TIME_WIDTH = 40
_BEFORE = r"^(?:.?[{,]|[{,][ \t])"  # what may precede a key's opening quote
_SCALAR = r"(\"[^\"\\]*\"|-?[0-9][0-9.eE+-]*|true|false|null)"
_END = r"[ \t]*[,}]"
_DIGITS = r"[0-9]+(?:\.[0-9]+)?"
# The commonest times, compact JSON: "2026-03-14T14:02:11.123Z" (or milliseconds since
# 1970, as pino writes them) right after the key's colon, the key right after { or ,.
_COMPACT_ISO = r'"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]\.[0-9]{3}Z"[,}]'
_ISO_WIDTH = 27


def _keys(keys: tuple[str, ...]) -> str:
    return "|".join(key.replace(".", r"\.").replace("$", r"\$") for key in keys)


def position(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """Where the first of ``keys`` is written as ``"key":`` (the opening quote)."""
    if len(keys) == 1:
        found = text.str.find(f'"{keys[0]}":', literal=True)
    else:
        found = text.str.find(f'"(?:{_keys(keys)})":')
    return found.cast(pl.Int64)  # signed: positions are shifted back below


def window(text: pl.Expr, keys: tuple[str, ...], width: int) -> pl.Expr:
    """From two characters before the first of ``keys`` (one if it is the first key) to
    about ``width`` characters after its colon (null if no key is there)."""
    start = (position(text, keys) - 2).clip(lower_bound=0)
    return text.str.slice(start, 2 + max(map(len, keys)) + 3 + width)


def value_pattern(keys: tuple[str, ...]) -> str:
    """Matches a :func:`window`, capturing the key's scalar value as written."""
    return f'{_BEFORE}"(?:{_keys(keys)})":[ \\t]*{_SCALAR}{_END}'


def scalar(keys: tuple[str, ...]) -> Decode:
    """Decode a window into the value as the full parse reads it (unquoted text)."""
    pattern = value_pattern(keys)

    def decode(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        token = raw.str.extract(pattern, 1)
        return jf.scalar_text(token), raw.is_null() | token.is_not_null()

    return decode


def field(text: pl.Expr, keys: tuple[str, ...], width: int, decode: Decode) -> Field:
    """A scalar value read from a window, decoded once per distinct window."""
    return Field(window(text, keys, width), decode)


def after_key(text: pl.Expr, keys: tuple[str, ...]) -> Field:
    """Readable if the first of ``keys`` follows ``{`` or ``,`` (and a blank), as the
    full parse requires; decided per distinct two characters before the key."""
    found = position(text, keys)
    start = (found - 2).clip(lower_bound=0)
    before = r"^(?:.?[{,]|[{,][ \t])$"
    return Field(
        text.str.slice(start, found - start),
        lambda raw: (pl.lit(None, pl.String), raw.is_null() | raw.str.contains(before)),
    )


def not_nested(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr | None:
    """For dotted keys (``service.name``), which the full parse also looks for nested
    (``"service":{"name":...}``): whether the line has them flat or no parent at all."""
    parents = tuple({key.split(".", 1)[0] for key in keys if "." in key})
    if not parents:
        return None
    return position(text, keys).is_not_null() | position(text, parents).is_null()


def no_container(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """No array or object under any of ``keys`` (the full parse would flag the first)."""
    return ~text.str.contains(f'"(?:{_keys(keys)})":[ \\t]*[\\[{{]')


def object_shaped(text: pl.Expr) -> pl.Expr:
    """``{...}`` with every key written ``"key":`` (no blank before a colon)."""
    spaced = text.str.contains('" :', literal=True) | text.str.contains('"\t:', literal=True)
    return text.str.starts_with("{") & text.str.ends_with("}") & ~spaced


def compact_value(text: pl.Expr, key: str, width: int) -> pl.Expr:
    """The character before ``"key":``, the key, and ``width`` characters after it."""
    return text.str.slice(position(text, (key,)) - 1, 1 + len(key) + 3 + width)


def compact_iso(value: pl.Expr, key: str) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(ok, key, sub) for a :func:`compact_value` window on ``"....-..-..T..:..:...mmmZ"``:
    the time sits at fixed columns, so slices read it."""
    at = 1 + len(key) + 3  # the value's opening quote
    ok = value.str.contains(f'^[{{,]"{_keys((key,))}":{_COMPACT_ISO}')
    seconds = value.str.slice(at + 18, 2).cast(pl.Int64, strict=False)
    millis = value.str.slice(at + 21, 3).cast(pl.Int64, strict=False)
    return ok, value.str.slice(at + 1, 16), seconds * MICROS + millis * 1000


def compact_epoch(value: pl.Expr, key: str, digits: int) -> tuple[pl.Expr, pl.Expr]:
    """(ok, epoch microseconds) for a :func:`compact_value` window on ``digits`` digits:
    13 are milliseconds (pino, written bare), 16 microseconds (journald, quoted)."""
    quote = '"' if digits == 16 else ""
    pattern = f'^[{{,]"{_keys((key,))}":{quote}[0-9]{{{digits}}}{quote}[,}}]'
    number = value.str.slice(1 + len(key) + 3 + len(quote), digits).cast(pl.Int64, strict=False)
    return value.str.contains(pattern), number * (1000 if digits == 13 else 1)


def utc_minute(key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return clock.iso(pl.concat_str(key, pl.lit(":00Z")))


def time_window(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """From the first of ``keys`` to :data:`TIME_WIDTH` characters after its colon."""
    return text.str.slice(position(text, keys), max(map(len, keys)) + 3 + TIME_WIDTH)


def iso_time(keys: tuple[str, ...]) -> str:
    """Matches a :func:`time_window` on an ISO time (one-pass: captured at DFA speed)."""
    return f'^"(?:{_keys(keys)})":[ \\t]*"{ISO_GROUPS}"{_END}'


def epoch_time(keys: tuple[str, ...]) -> str:
    """Matches a :func:`time_window` on an epoch written as digits, quoted or not."""
    epoch = f'"(?P<quoted>{_DIGITS})"|(?P<number>{_DIGITS})'
    return f'^"(?:{_keys(keys)})":[ \\t]*(?:{epoch}){_END}'


def epoch_micros(groups: pl.Expr) -> pl.Expr:
    """Microseconds since 1970 from an :func:`epoch_time` match, as the full parse reads it."""
    digits = pl.coalesce(groups.struct.field("quoted"), groups.struct.field("number"))
    return clock.epoch_text(digits).cast(pl.Int64)


@dataclass(frozen=True)
class TimeLayout:
    """How a time field is written: ``ok`` where it fits; a minute ``key`` and ``sub``,
    or ``epoch`` microseconds."""

    ok: pl.Expr
    key_time: KeyTime
    key: pl.Expr = NO_KEY
    sub: pl.Expr = NO_SUB
    epoch: pl.Expr = NO_EPOCH
    steps: Steps = ()
    checks: tuple[Field, ...] = ()

    def fast(self, recognised: pl.Expr, level: Field, service: Field) -> Fast:
        """The fast path of a JSON line whose time is written this way."""
        return Fast(
            steps=self.steps,
            recognised=recognised,
            ok=recognised & self.ok,
            key=self.key,
            sub=self.sub,
            epoch=self.epoch,
            key_time=self.key_time,
            level=level,
            service=service,
            checks=self.checks,
            ascii_only=True,
        )


def time_layouts(
    text: pl.Expr, keys: tuple[str, ...], *, epoch: bool, digits: int = 13
) -> list[TimeLayout]:
    """The compact form at fixed columns first (one key only; ``digits`` for an epoch),
    then any ISO or epoch form (the dialect's usual one first)."""
    value = pl.col("_json_time")
    start = {"_json_time": time_window(text, keys)}
    key, sub = iso_parts(value)
    checks = (after_key(text, keys),)
    any_iso = TimeLayout(
        value.struct.field("hm").is_not_null(), iso_key_time, key, sub, checks=checks
    )
    any_epoch = TimeLayout(pl.lit(True), iso_key_time, epoch=epoch_micros(value), checks=checks)
    general = [
        _with_steps(any_iso, (start, {"_json_time": value.str.extract_groups(iso_time(keys))})),
        _with_steps(any_epoch, (start, {"_json_time": value.str.extract_groups(epoch_time(keys))})),
    ]
    if epoch:
        general.reverse()
    if len(keys) > 1:
        return general
    return [_compact(text, keys[0], digits if epoch else None), *general]


def _compact(text: pl.Expr, key: str, digits: int | None) -> TimeLayout:
    value = pl.col("_json_time")
    width = _ISO_WIDTH if digits is None else digits + 3
    steps = ({"_json_time": compact_value(text, key, width)},)
    if digits is not None:
        ok, micros = compact_epoch(value, key, digits)
        return TimeLayout(ok, iso_key_time, epoch=micros, steps=steps)
    ok, minute, sub = compact_iso(value, key)
    return TimeLayout(ok, utc_minute, minute, sub, steps=steps)


def _with_steps(layout: TimeLayout, steps: Steps) -> TimeLayout:
    return replace(layout, steps=steps)


def simple_string(text: pl.Expr, key: str) -> pl.Expr:
    """The first ``key``'s value if it is a string without escapes, right after
    ``{"key":`` or ``,"key":`` on a line without blanks before colons; else null."""
    found = position(text, (key,))
    value = text.str.slice(found + len(key) + 3)
    content = value.str.slice(1, value.str.slice(1).str.find('"', literal=True))
    simple = (
        text.str.slice(found - 1, 1).is_in(["{", ","])
        & value.str.starts_with('"')
        & ~content.str.contains("\\", literal=True)
        & ~text.str.contains('" :', literal=True)
        & ~text.str.contains('"\t:', literal=True)
    )
    return pl.when(simple).then(content)
