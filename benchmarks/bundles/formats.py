"""Log records written in the formats hotwash claims to read, one polars expression each.

Records are a frame of ``t`` (epoch seconds), ``service``, ``level`` (info, warn,
error) and ``message``. Naive formats (log4j, syslog, klog) are written in the zone
given; the others carry their zone (``Z``, an offset, or epoch numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import polars as pl

STACK = (
    "\njava.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available"
    "\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)"
    "\n\tat com.acme.shop.Repository.find(Repository.java:88)\n\t... 41 more"
)
BUNYAN = {"info": 30, "warn": 40, "error": 50}
KLOG = {"info": "I", "warn": "W", "error": "E"}
Writer = Callable[[pl.DataFrame, str], pl.Series]


def clock(t: np.ndarray, zone: str, fmt: str) -> pl.Series:
    """Epoch seconds as text in ``zone`` (an IANA name or UTC), chrono ``fmt``."""
    micros = pl.Series((np.asarray(t) * 1e6).astype(np.int64))
    moment = pl.from_epoch(micros, time_unit="us").dt.replace_time_zone("UTC")
    if zone != "UTC":
        moment = moment.dt.convert_time_zone(zone)
    return moment.dt.strftime(fmt)


def write_records(records: pl.DataFrame, fmt: str, zone: str) -> pl.Series:
    return WRITERS[fmt](records, zone)


def _mapped(records: pl.DataFrame, mapping: Mapping[str, object]) -> pl.Series:
    return records["level"].replace_strict(mapping).cast(pl.String)


def _lines(records: pl.DataFrame, *parts: pl.Series | str) -> pl.Series:
    return records.select(pl.concat_str([pl.lit(part) for part in parts])).to_series()


def _bunyan(records: pl.DataFrame, zone: str) -> pl.Series:
    stamp = clock(records["t"].to_numpy(), "UTC", "%Y-%m-%dT%H:%M:%S%.3fZ")
    return _lines(
        records, '{"name":"', records["service"], '","hostname":"', records["service"],
        '-7f9c","pid":1,"level":', _mapped(records, BUNYAN), ',"msg":"', records["message"],
        '","time":"', stamp, '","v":0}',
    )  # fmt: skip


def _pino(records: pl.DataFrame, zone: str) -> pl.Series:
    millis = pl.Series((records["t"].to_numpy() * 1000).astype(np.int64)).cast(pl.String)
    return _lines(
        records, '{"level":', _mapped(records, BUNYAN), ',"time":', millis,
        ',"pid":77,"hostname":"web-2","name":"', records["service"], '","msg":"',
        records["message"], '"}',
    )  # fmt: skip


def _zap(records: pl.DataFrame, zone: str) -> pl.Series:
    seconds = records["t"].round(4).cast(pl.String)
    return _lines(
        records, '{"level":"', records["level"], '","ts":', seconds, ',"logger":"',
        records["service"], '","caller":"server/handler.go:88","msg":"', records["message"], '"}',
    )  # fmt: skip


def _structlog(records: pl.DataFrame, zone: str) -> pl.Series:
    stamp = clock(records["t"].to_numpy(), zone, "%Y-%m-%dT%H:%M:%S%.6f%:z")
    level = records["level"].replace("warn", "warning")
    return _lines(
        records, '{"event": "', records["message"], '", "timestamp": "', stamp,
        '", "level": "', level, '", "logger": "', records["service"], '"}',
    )  # fmt: skip


def _logfmt(records: pl.DataFrame, zone: str) -> pl.Series:
    stamp = clock(records["t"].to_numpy(), zone, "%Y-%m-%dT%H:%M:%S%.3f%:z")
    return _lines(
        records, "time=", stamp, " level=", records["level"], " service=", records["service"],
        ' msg="', records["message"], '"',
    )  # fmt: skip


def _log4j(records: pl.DataFrame, zone: str) -> pl.Series:
    stamp = clock(records["t"].to_numpy(), zone, "%Y-%m-%d %H:%M:%S,%3f")
    level = records["level"].str.to_uppercase().str.pad_end(5)
    trace = pl.Series(np.where(records["level"].to_numpy() == "error", STACK, ""))
    return _lines(
        records, stamp, " ", level, " [http-nio-8080-exec-3] com.acme.", records["service"],
        ".Api - ", records["message"], trace,
    )  # fmt: skip


def _syslog(records: pl.DataFrame, zone: str) -> pl.Series:
    stamp = clock(records["t"].to_numpy(), zone, "%b %e %H:%M:%S")
    # /var/log files carry no <PRI>: the level is the word the program wrote.
    word = records["level"].str.to_uppercase()
    return _lines(
        records, stamp, " node-3 ", records["service"], "[812]: ", word, " ", records["message"]
    )


def _klog(records: pl.DataFrame, zone: str) -> pl.Series:
    stamp = clock(records["t"].to_numpy(), zone, "%m%d %H:%M:%S%.6f")
    return _lines(
        records, _mapped(records, KLOG), stamp, "   12345 controller.go:147] ", records["message"]
    )


WRITERS: dict[str, Writer] = {
    "bunyan": _bunyan,
    "pino": _pino,
    "zap": _zap,
    "structlog": _structlog,
    "logfmt": _logfmt,
    "log4j": _log4j,
    "syslog": _syslog,
    "klog": _klog,
}
NAIVE = frozenset({"log4j", "syslog", "klog"})
EXTENSIONS = {"bunyan": "jsonl", "pino": "jsonl", "zap": "jsonl", "structlog": "jsonl"}
