"""Generate realistic mixed multi-service logs for benchmarks: ``--size 1GB --out DIR``.

Lines are built a batch at a time with numpy random draws and polars string
formatting (no per-line Python loop), in five formats: log4j Java (with stack
traces), nginx combined access logs, bunyan JSON, logfmt, and kubectl-prefixed JSON.

An incident is planted in every file: from ``INCIDENT_START`` to ``INCIDENT_END``
half the lines become errors (502s in the access log), so that the timeline has
an impact start and a mitigation to find, and the benchmark can check them.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

BATCH = 400_000
START_US = 1_773_493_200_000_000  # 2026-03-14T13:00:00Z
SPAN_US = 4 * 3600 * 1_000_000
MINUTE_US = 60_000_000
INCIDENT_START = START_US + 62 * MINUTE_US  # 14:02 UTC
INCIDENT_END = START_US + 91 * MINUTE_US  # 14:31 UTC
INCIDENT_SHARE = 0.5  # of the lines inside the incident that turn into errors
STACK_TRACE = (
    "\njava.sql.SQLTransientConnectionException: pool timeout"
    "\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)\n\t... 12 more"
)
SERVICES = ["orders", "payments", "search", "cart", "auth"]
LEVELS = ["INFO"] * 90 + ["WARN"] * 6 + ["ERROR"] * 4
PATHS = [
    "/api/orders",
    "/api/orders/{n}",
    "/api/charge",
    "/api/search",
    "/healthz",
    "/static/app.js",
]
MESSAGES = [
    "request {n} handled in {ms} ms",
    "connection {n} to db-{k}.internal:5432 timed out after {ms} ms",
    "cache miss for key user:{n}",
    "retrying upstream call {k}/3 after {ms} ms",
    "order {n} state changed to paid",
    "pool stats active={k} idle={ms} waiting={k}",
]


def pick(rng: np.random.Generator, values: list[str], size: int) -> pl.Series:
    return pl.Series(values).gather(rng.integers(0, len(values), size))


def numbers(rng: np.random.Generator, size: int, high: int) -> pl.Series:
    return pl.Series(rng.integers(0, high, size)).cast(pl.String)


def worsened(rng: np.random.Generator, ts: pl.Series, values: pl.Series, bad: str) -> pl.Series:
    """``values`` with ``bad`` put in for ``INCIDENT_SHARE`` of the lines in the incident."""
    micros = ts.dt.epoch("us")
    hit = (micros >= INCIDENT_START) & (micros < INCIDENT_END)
    hit = hit & pl.Series(rng.random(ts.len()) < INCIDENT_SHARE)
    return pl.select(pl.when(hit).then(pl.lit(bad)).otherwise(values)).to_series()


def messages(rng: np.random.Generator, size: int) -> pl.Series:
    frame = pl.DataFrame(
        {
            "t": pick(rng, MESSAGES, size),
            "n": numbers(rng, size, 10**6),
            "ms": numbers(rng, size, 5000),
            "k": numbers(rng, size, 9),
        }
    )
    out = frame.select(
        pl.col("t")
        .str.replace_all("{n}", pl.col("n"), literal=True)
        .str.replace_all("{ms}", pl.col("ms"), literal=True)
        .str.replace_all("{k}", pl.col("k"), literal=True)
    )
    return out["t"]


def times(rng: np.random.Generator, size: int, first: int, step_us: float) -> pl.Series:
    """Sorted times for lines ``first .. first+size`` spread ``step_us`` apart on average."""
    low = START_US + int(first * step_us)
    micros = np.sort(rng.integers(low, low + max(1, int(size * step_us)), size))
    return pl.Series(micros).cast(pl.Datetime("us"))


def java(rng: np.random.Generator, ts: pl.Series) -> pl.Series:
    size = ts.len()
    level = worsened(rng, ts, pick(rng, LEVELS, size), "ERROR")
    trace = pl.when(level == "ERROR").then(pl.lit(STACK_TRACE)).otherwise(pl.lit(""))
    frame = pl.DataFrame(
        {"ts": ts, "level": level, "msg": messages(rng, size), "t": numbers(rng, size, 16)}
    )
    return frame.select(
        pl.concat_str(
            pl.col("ts").dt.strftime("%Y-%m-%d %H:%M:%S,%3f"),
            pl.lit(" "),
            pl.col("level").str.pad_end(5),
            pl.lit(" [exec-"),
            pl.col("t"),
            pl.lit("] com.acme.orders.Service - "),
            pl.col("msg"),
            trace,
        )
    )[:, 0]


def access(rng: np.random.Generator, ts: pl.Series) -> pl.Series:
    size = ts.len()
    status = pl.Series(rng.choice([200] * 90 + [404] * 4 + [500] * 3 + [502] * 3, size))
    status = worsened(rng, ts, status.cast(pl.String), "502")
    path = pick(rng, PATHS, size)
    frame = pl.DataFrame(
        {
            "ts": ts,
            "status": status,
            "path": path,
            "ip": numbers(rng, size, 250),
            "n": numbers(rng, size, 10**5),
        }
    )
    return frame.select(
        pl.concat_str(
            pl.lit("10.0.3."),
            pl.col("ip"),
            pl.lit(" - - ["),
            pl.col("ts").dt.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            pl.lit('] "GET '),
            pl.col("path").str.replace("{n}", pl.col("n"), literal=True),
            pl.lit('?page=2 HTTP/1.1" '),
            pl.col("status"),
            pl.lit(' 5120 "-" "Mozilla/5.0 (X11; Linux x86_64)"'),
        )
    )[:, 0]


def bunyan(rng: np.random.Generator, ts: pl.Series) -> pl.Series:
    size = ts.len()
    level = pl.Series(rng.choice([30] * 90 + [40] * 6 + [50] * 4, size)).cast(pl.String)
    level = worsened(rng, ts, level, "50")
    frame = pl.DataFrame(
        {"ts": ts, "level": level, "msg": messages(rng, size), "svc": pick(rng, SERVICES, size)}
    )
    return frame.select(
        pl.concat_str(
            pl.lit('{"name":"'),
            pl.col("svc"),
            pl.lit('","hostname":"api-1","pid":311,"level":'),
            pl.col("level"),
            pl.lit(',"msg":"'),
            pl.col("msg"),
            pl.lit('","time":"'),
            pl.col("ts").dt.strftime("%Y-%m-%dT%H:%M:%S%.3fZ"),
            pl.lit('","v":0}'),
        )
    )[:, 0]


def logfmt(rng: np.random.Generator, ts: pl.Series) -> pl.Series:
    size = ts.len()
    frame = pl.DataFrame(
        {
            "ts": ts,
            "level": worsened(rng, ts, pick(rng, LEVELS, size), "ERROR").str.to_lowercase(),
            "msg": messages(rng, size),
            "svc": pick(rng, SERVICES, size),
        }
    )
    return frame.select(
        pl.concat_str(
            pl.lit("time="),
            pl.col("ts").dt.strftime("%Y-%m-%dT%H:%M:%S%.3fZ"),
            pl.lit(" level="),
            pl.col("level"),
            pl.lit(" service="),
            pl.col("svc"),
            pl.lit(' msg="'),
            pl.col("msg"),
            pl.lit('" trace_id=4bf92f3577b34da6a3ce929d0e0e4736'),
        )
    )[:, 0]


def kubectl(rng: np.random.Generator, ts: pl.Series) -> pl.Series:
    inner = bunyan(rng, ts)
    return pl.DataFrame({"ts": ts, "inner": inner}).select(
        pl.concat_str(
            pl.col("ts").dt.strftime("%Y-%m-%dT%H:%M:%S%.9fZ"), pl.lit(" "), pl.col("inner")
        )
    )[:, 0]


Writer = Callable[[np.random.Generator, pl.Series], pl.Series]
WRITERS: dict[str, Writer] = {
    "orders-java.log": java,
    "edge-access.log": access,
    "api-bunyan.jsonl": bunyan,
    "checkout-logfmt.log": logfmt,
    "pod-kubectl.log": kubectl,
}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.upper())
    if not match:
        raise SystemExit(f"bad size {text!r}: use e.g. 500MB or 1GB")
    return int(float(match.group(1)) * {"": 1, "K": 1e3, "M": 1e6, "G": 1e9}[match.group(2)])


def generate(total: int, out: Path, seed: int = 7) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for name, writer in WRITERS.items():
        write_file(out / name, writer, total // len(WRITERS), rng)


def write_file(path: Path, writer: Writer, size: int, rng: np.random.Generator) -> None:
    """Whole batches until ``size`` bytes; times spread evenly over ``SPAN_US``."""
    step_us = SPAN_US / max(1, size // 120)  # ~120 bytes a line, refined after a batch
    written = lines = 0
    with path.open("wb") as handle:
        while written < size:
            batch = writer(rng, times(rng, BATCH, lines, step_us))
            data = (
                pl.DataFrame({"line": batch})
                .write_csv(include_header=False, quote_style="never")
                .encode()
            )
            handle.write(data)
            written, lines = written + len(data), lines + BATCH
            step_us = SPAN_US / max(1, size * lines // written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1GB")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(parse_size(args.size), args.out)
    print(f"wrote {args.size} to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
