"""The fast path for JSON lines: keys found by literal search, values read from a window.

The full parse (:mod:`.json_fields`) matches each key with a regex over the whole
line. Here each key is found by a literal search for ``"key":``, and its value read
from a short window starting two characters before the key (so the window also
shows that the key follows ``{`` or ``,``, as the full parse requires).

In valid JSON, ``"key":`` can only be a key (inside a string its quotes would be
escaped), so the first literal hit is the key the full parse finds. A line is left
to the full parse when it is not ``{...}``, when a key is followed by a blank
before its colon, when a value is a container, an escaped string, or does not end
inside its window, or when a dotted key may be nested instead.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock
from hotwash.evidence.logs.formats import json_fields as jf
from hotwash.evidence.logs.formats.fast import ISO_GROUPS, Decode, Field

WINDOW = 48  # characters read after a key: enough for levels, services and times
_BEFORE = r"^(?:.?[{,]|[{,][ \t])"  # what may precede a key's opening quote
_SCALAR = r"(\"[^\"\\]*\"|-?[0-9][0-9.eE+-]*|true|false|null)"
_END = r"[ \t]*[,}]"
_DIGITS = r"[0-9]+(?:\.[0-9]+)?"


def _keys(keys: tuple[str, ...]) -> str:
    return "|".join(key.replace(".", r"\.").replace("$", r"\$") for key in keys)


def _position(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """Where the first of ``keys`` is written as ``"key":`` (the opening quote)."""
    if len(keys) == 1:
        found = text.str.find(f'"{keys[0]}":', literal=True)
    else:
        found = text.str.find(f'"(?:{_keys(keys)})":')
    return found.cast(pl.Int64)  # signed: positions are shifted back below


def window(text: pl.Expr, keys: tuple[str, ...], width: int = WINDOW) -> pl.Expr:
    """From two characters before the first of ``keys`` to ``width`` characters after
    its colon (null if no key is there)."""
    found = _position(text, keys)
    start = (found - 2).clip(lower_bound=0)
    return text.str.slice(start, found - start + max(map(len, keys)) + 3 + width)


def value_window(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """From two characters before the first of ``keys`` to the first ``,`` or ``}``
    after it: the key and a scalar value, as few distinct texts as there are values."""
    found = _position(text, keys)
    start = (found - 2).clip(lower_bound=0)
    end = text.str.slice(found + 1).str.find("[,}]")
    return text.str.slice(start, found - start + end + 2)


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


def field(text: pl.Expr, keys: tuple[str, ...], decode: Decode) -> Field:
    """A scalar field, decoded per distinct value (a value holding ``,`` or ``}`` ends
    its window early, so the full parse reads that line)."""
    return Field(value_window(text, keys), decode)


def not_nested(text: pl.Expr, keys: tuple[str, ...]) -> Field:
    """For dotted keys (``service.name``), which the full parse also looks for nested
    (``"service":{"name":...}``): readable only if written flat or parent absent."""
    flat = _position(text, keys).is_not_null()
    parents = tuple({key.split(".", 1)[0] for key in keys if "." in key})
    if not parents:
        return Field(pl.lit(True), lambda raw: (pl.lit(None, pl.String), pl.lit(True)))
    parent = _position(text, parents).is_not_null()
    return Field(flat | ~parent, lambda raw: (pl.lit(None, pl.String), raw))


def no_container(text: pl.Expr, keys: tuple[str, ...]) -> Field:
    """Readable if the first of ``keys`` is absent, or is a key holding no array or
    object (which the full parse would flag)."""
    scalar_ahead = f'{_BEFORE}"(?:{_keys(keys)})":[ \\t]*[^\\[{{ \\t]'
    return Field(
        window(text, keys, 4),
        lambda raw: (pl.lit(None, pl.String), raw.is_null() | raw.str.contains(scalar_ahead)),
    )


def object_shaped(text: pl.Expr) -> pl.Expr:
    """``{...}`` with every key written ``"key":`` (no blank before a colon)."""
    spaced = text.str.contains('" :', literal=True) | text.str.contains('"\t:', literal=True)
    return text.str.starts_with("{") & text.str.ends_with("}") & ~spaced


def after_key(text: pl.Expr, keys: tuple[str, ...]) -> Field:
    """Readable if the first of ``keys`` follows ``{`` or ``,`` (and a blank), as the
    full parse requires; decided per distinct two characters before the key."""
    found = _position(text, keys)
    start = (found - 2).clip(lower_bound=0)
    before = r"^(?:.?[{,]|[{,][ \t])$"
    return Field(
        text.str.slice(start, found - start),
        lambda raw: (pl.lit(None, pl.String), raw.is_null() | raw.str.contains(before)),
    )


def time_window(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """From the first of ``keys`` to 40 characters after its colon: room for any time."""
    return text.str.slice(_position(text, keys), max(map(len, keys)) + 3 + 40)


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
