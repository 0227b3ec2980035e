"""Docker's ``json-file`` driver: ``{"log": "...\\n", "stream": "stderr", "time": "...Z"}``.

The ``log`` value is the container's own line, which may itself be JSON, logfmt or
text: it is parsed by the inner format found during detection.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from hotwash.evidence.logs.formats import json_fields as jf
from hotwash.evidence.logs.formats.base import PARSED_COLUMNS, TEXT, Columns, LogFormat, build
from hotwash.evidence.logs.formats.prefixed import PlainFormat, wrap

MARKER = r"\"log\"\s*:\s*\".*\"(?:stream|time)\"\s*:"


class DockerJsonFormat(LogFormat):
    marker = MARKER
    gate = jf.GATE

    def __init__(self, inner: LogFormat | None = None) -> None:
        self.inner = inner or PlainFormat()
        self.name = (
            "docker-json"
            if isinstance(self.inner, PlainFormat)
            else f"docker-json+{self.inner.name}"
        )
        self.continuation = self.inner.continuation

    def with_inner(self, inner: LogFormat) -> DockerJsonFormat:
        return DockerJsonFormat(inner)

    @staticmethod
    def inner_text(text: pl.Expr) -> pl.Expr:
        return jf.scalar_text(jf.token(text, ("log",))).str.strip_chars_end("\r\n")

    def columns(self, text: pl.Expr) -> Columns:
        return self._columns(text, self.inner_text(text))

    def parse(self, frame: pl.DataFrame, names: Collection[str] = PARSED_COLUMNS) -> pl.DataFrame:
        """As :meth:`columns`, with the inner line computed first: the inner format's
        expressions then read a column, not a regex over the line."""
        columns = self._columns(pl.col(TEXT), pl.col("_inner"))
        return build(self._staged(frame), columns, names)

    def messages(self, frame: pl.DataFrame) -> pl.Series:
        inner = pl.col("_inner")
        message = self._columns(pl.col(TEXT), inner).message.cast(pl.String)
        return self._staged(frame).select(message)[:, 0]

    def _staged(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(_inner=self.inner_text(pl.col(TEXT)))

    def _columns(self, text: pl.Expr, inner_text: pl.Expr) -> Columns:
        time_raw = jf.token(text, ("time",))
        ts, aware = jf.timestamp(time_raw)
        reason = jf.time_reason(text, time_raw, ts)
        has_log = jf.token(text, ("log",)).is_not_null()
        envelope = Columns(
            reason=pl.when(has_log | reason.is_not_null())
            .then(reason)
            .otherwise(pl.lit("no log field")),
            ts=ts,
            aware=aware,
            level=pl.lit(None),
            message=pl.lit(None),
        )
        return wrap(self.inner, inner_text, envelope)

    def mismatch(self) -> str:
        return jf.NOT_OBJECT
