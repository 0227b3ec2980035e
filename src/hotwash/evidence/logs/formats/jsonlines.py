"""JSON lines: bunyan, pino, zap, ECS, logstash, structlog and generic structured logs.

A dialect names the keys its logger uses for time, level, message and service, and
a marker that tells it apart during detection (bunyan's ``"v":0``, ECS's
``"ecs.version"``...). A single JSON document or array (a Prometheus response, an
alert list, a Slack day file) is not JSON lines: its lines are not objects with a
time field, so it scores low here and the specialised sources win.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from hotwash.evidence.logs import levels
from hotwash.evidence.logs.formats import json_fast as jfast
from hotwash.evidence.logs.formats import json_fields as jf
from hotwash.evidence.logs.formats.base import TEXT, Columns, LogFormat, filled
from hotwash.evidence.logs.formats.fast import NO_KEY, NO_SUB, Decode, Fast, iso_key_time


@dataclass(frozen=True)
class Dialect:
    name: str
    marker: str | None
    time: tuple[str, ...]
    level: tuple[str, ...]
    message: tuple[str, ...]
    service: tuple[str, ...]
    epoch: bool = False  # the fast path expects epoch times (else ISO text)


DIALECTS: tuple[Dialect, ...] = (
    Dialect("bunyan", r"\"v\"\s*:\s*0\b", ("time",), ("level",), ("msg",), ("name",)),
    Dialect(
        "pino",
        r"\"level\"\s*:\s*\d+.*\"time\"\s*:\s*\d{13}|\"time\"\s*:\s*\d{13}.*\"level\"\s*:\s*\d",
        ("time",),
        ("level",),
        ("msg",),
        ("name", "service"),
        epoch=True,
    ),
    Dialect(
        "ecs",
        r"\"ecs(?:\.version\"|\"\s*:)",
        ("@timestamp",),
        ("log.level",),
        ("message",),
        ("service.name",),
    ),
    Dialect(
        "logstash",
        r"\"@version\"",
        ("@timestamp",),
        ("level", "log_level", "severity"),
        ("message",),
        ("service", "app", "logger_name"),
    ),
    Dialect(
        "zap", r"\"ts\"\s*:.*\"msg\"\s*:", ("ts",), ("level",), ("msg",), ("service", "logger")
    ),
    Dialect(
        "structlog",
        r"\"event\"\s*:\s*\"",
        ("timestamp",),
        ("level",),
        ("event",),
        ("service", "logger"),
    ),
    Dialect(
        "json",
        None,
        ("time", "timestamp", "ts", "@timestamp", "datetime", "date", "t"),
        ("level", "severity", "lvl", "loglevel", "log.level", "levelname"),
        ("message", "msg", "event", "text", "log"),
        ("service", "service.name", "app", "application", "component", "logger"),
    ),
)


class JsonLinesFormat(LogFormat):
    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.name = "json" if dialect.name == "json" else f"json-{dialect.name}"
        self.marker = dialect.marker
        self.gate = jf.GATE
        self.continuation = None
        self.shape = jf.OBJECT_SHAPE
        self.requires = jf.has_token(dialect.time)  # else "no timestamp field"

    def columns(self, text: pl.Expr) -> Columns:
        time_raw = jf.token(text, self.dialect.time)
        level_raw = jf.token(text, self.dialect.level)
        message_raw = jf.token(text, self.dialect.message)
        ts, aware = jf.timestamp(time_raw)
        level = jf.scalar_text(level_raw)
        return Columns(
            reason=jf.time_reason(text, time_raw, ts),
            ts=ts,
            aware=aware,
            level=levels.from_any(level),
            message=jf.scalar_text(message_raw).fill_null(""),
            service=jf.scalar_text(jf.token(text, self.dialect.service)),
            flag=jf.type_flags(level_raw, message_raw),
        )

    def recognition(self, frame: pl.DataFrame) -> pl.DataFrame:
        return jf.recognition(frame, self.dialect.time)

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        keys = self.dialect
        recognised = jfast.object_shaped(text) & jfast.no_container(text, keys.message)
        for dotted in (keys.level, keys.service):
            flat = jfast.not_nested(text, dotted)
            recognised = recognised if flat is None else recognised & flat
        level = jfast.field(text, keys.level, jfast.LEVEL_WIDTH, _level(keys.level))
        service = jfast.field(text, keys.service, jfast.SERVICE_WIDTH, jfast.scalar(keys.service))
        if not timed:
            return (Fast(recognised, recognised, NO_KEY, NO_SUB, iso_key_time, level, service),)
        return tuple(
            time.fast(recognised, level, service)
            for time in jfast.time_layouts(text, keys.time, epoch=keys.epoch)
        )

    def messages(self, frame: pl.DataFrame) -> pl.Series:
        keys = self.dialect.message
        if len(keys) > 1:
            return super().messages(frame)
        return filled(frame, jfast.simple_string(pl.col(TEXT), keys[0]), super().messages)

    def mismatch(self) -> str:
        return jf.NOT_OBJECT


def _level(keys: tuple[str, ...]) -> Decode:
    read = jfast.scalar(keys)

    def decode(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        text, readable = read(raw)
        return levels.from_any(text), readable

    return decode
