"""``journalctl -o json``: ``__REALTIME_TIMESTAMP`` (µs), ``PRIORITY`` 0-7, ``MESSAGE``.

journald writes a MESSAGE that is not valid UTF-8 as an array of byte values; it is
decoded here (bytes outside ASCII become U+FFFD) and the record flagged.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import levels
from hotwash.evidence.logs.formats import json_fast as jfast
from hotwash.evidence.logs.formats import json_fields as jf
from hotwash.evidence.logs.formats.base import Columns, LogFormat
from hotwash.evidence.logs.formats.fast import Fast, Field

MESSAGE_BYTES = "MESSAGE given as bytes"
_ASCII = {
    str(code): chr(code) if 32 <= code < 127 or code in (9,) else "\ufffd" for code in range(256)
}


def _bytes_text(text: pl.Expr) -> pl.Expr:
    """Text of a ``"MESSAGE": [104, 105, ...]`` byte array."""
    numbers = text.str.extract(r"\"MESSAGE\"\s*:\s*\[([\d,\s]*)\]", 1)
    codes = numbers.str.replace_all(r"\s", "").str.split(",")
    chars = codes.list.eval(
        pl.element().replace_strict(_ASCII, default="\ufffd", return_dtype=pl.String)
    )
    return chars.list.join("")


_TIME = "__REALTIME_TIMESTAMP"


class JournaldFormat(LogFormat):
    name = "journald-json"
    marker = r"\"__REALTIME_TIMESTAMP\"\s*:"
    gate = jf.GATE
    continuation = None
    shape = jf.OBJECT_SHAPE

    def columns(self, text: pl.Expr) -> Columns:
        time_raw = jf.token(text, (_TIME,))
        ts, aware = jf.timestamp(time_raw)
        message_raw = jf.token(text, ("MESSAGE",))
        is_bytes = message_raw == "["
        message = pl.when(is_bytes).then(_bytes_text(text)).otherwise(jf.scalar_text(message_raw))
        priority = jf.scalar_text(jf.token(text, ("PRIORITY",))).cast(pl.Int32, strict=False)
        service = jf.scalar_text(jf.token(text, ("SYSLOG_IDENTIFIER",)))
        unit = jf.scalar_text(jf.token(text, ("_SYSTEMD_UNIT",))).str.replace(r"\.service$", "")
        return Columns(
            reason=jf.time_reason(text, time_raw, ts),
            ts=ts,
            aware=aware,
            level=levels.from_syslog_severity(priority),
            message=message.fill_null(""),
            service=pl.coalesce(service, unit),
            flag=pl.when(is_bytes)
            .then(pl.lit(MESSAGE_BYTES))
            .otherwise(jf.type_flags(pl.lit(""), message_raw)),
        )

    def recognition(self, frame: pl.DataFrame) -> pl.DataFrame:
        return jf.recognition(frame, (_TIME,))

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        recognised = jfast.object_shaped(text) & jfast.no_container(text, ("MESSAGE",))
        service = pl.struct(
            name=jfast.window(text, ("SYSLOG_IDENTIFIER",), jfast.SERVICE_WIDTH),
            unit=jfast.window(text, ("_SYSTEMD_UNIT",), jfast.SERVICE_WIDTH),
        )
        level = jfast.field(text, ("PRIORITY",), jfast.LEVEL_WIDTH, _decode_priority)
        return tuple(
            time.fast(recognised, level, Field(service, _decode_service))
            for time in jfast.time_layouts(text, (_TIME,), epoch=True, digits=16)
        )

    def mismatch(self) -> str:
        return jf.NOT_OBJECT


_read_priority = jfast.scalar(("PRIORITY",))
_read_name = jfast.scalar(("SYSLOG_IDENTIFIER",))
_read_unit = jfast.scalar(("_SYSTEMD_UNIT",))


def _decode_priority(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    text, readable = _read_priority(raw)
    return levels.from_syslog_severity(text.cast(pl.Int32, strict=False)), readable


def _decode_service(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    name, name_readable = _read_name(raw.struct.field("name"))
    unit, unit_readable = _read_unit(raw.struct.field("unit"))
    service = pl.coalesce(name, unit.str.replace(r"\.service$", ""))
    return service, name_readable & unit_readable
