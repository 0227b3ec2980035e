"""``journalctl -o json``: ``__REALTIME_TIMESTAMP`` (µs), ``PRIORITY`` 0-7, ``MESSAGE``.

journald writes a MESSAGE that is not valid UTF-8 as an array of byte values; it is
decoded here (bytes outside ASCII become U+FFFD) and the record flagged.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import levels
from hotwash.evidence.logs.formats import json_fields as jf
from hotwash.evidence.logs.formats.base import Columns, LogFormat

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


class JournaldFormat(LogFormat):
    name = "journald-json"
    marker = r"\"__REALTIME_TIMESTAMP\"\s*:"
    gate = jf.GATE
    continuation = None
    shape = jf.OBJECT_SHAPE

    def columns(self, text: pl.Expr) -> Columns:
        time_raw = jf.token(text, ("__REALTIME_TIMESTAMP",))
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

    def mismatch(self) -> str:
        return jf.NOT_OBJECT
