"""Throughput of template mining on generated, realistic log lines.

Usage: ``uv run python benchmarks/templates_speed.py [LINES] [CHUNK]`` (defaults
1,000,000 lines in chunks of 200,000). Lines mix a dozen message templates with
numbers, IPs, hex ids, block ids, user names and paths, behind a log4j-style
header, so header learning, masking and clustering all do real work.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import polars as pl

from hotwash.condense import TemplateMiner

USERS = np.array(["root", "admin", "test", "oracle", "guest", "deploy", "nagios", "backup"])
LEVELS = np.array(["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"])
COMPONENTS = np.array(["dfs.DataNode", "api.Server", "db.Pool", "auth.Sshd", "cache.Store"])
MESSAGES = (
    "Received block blk_{n} of size {n} from /{ip}",
    "PacketResponder {n} for block blk_{n} terminating",
    "Failed password for {user} from {ip} port {n} ssh2",
    "Accepted password for {user} from {ip} port {n} ssh2",
    "session opened for user {user} by (uid={n})",
    "Connection reset by peer {ip}:{n}",
    "GET /api/v1/orders/{n} returned 200 in {n} ms",
    "request {hex} took {n}ms status=ok",
    "Deleting block blk_{n} file /data/current/subdir{n}/blk_{n}",
    "cache miss for key user:{n}:profile",
    "pool exhausted: active={n} idle={n} waiting={n}",
    "Starting task {n}.0 in stage {n}.0 (TID {n})",
)


def _values(kind: str, rng: np.random.Generator, size: int) -> pl.Series:
    if kind == "n":
        return pl.Series(rng.integers(0, 10**9, size)).cast(pl.String)
    if kind == "ip":
        parts = [pl.Series(rng.integers(1, 255, size)).cast(pl.String) for _ in range(4)]
        return pl.DataFrame(parts).select(pl.concat_str(pl.all(), separator="."))[:, 0]
    if kind == "hex":
        return pl.Series(rng.integers(0, 2**60, size)).map_elements(hex, return_dtype=pl.String)
    return pl.Series(rng.choice(USERS, size))


def _message_column(template: str, rng: np.random.Generator, size: int) -> pl.Series:
    pieces: list[pl.Expr] = []
    rest = template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        kind, _, rest = tail.partition("}")
        pieces.extend([pl.lit(head), pl.lit(_values(kind, rng, size))])
    pieces.append(pl.lit(rest))
    return pl.select(pl.concat_str(pieces))[:, 0]


def generate(lines: int, seed: int = 7) -> pl.Series:
    """``lines`` log lines: header plus a message drawn from :data:`MESSAGES`."""
    rng = np.random.default_rng(seed)
    share = lines // len(MESSAGES) + 1
    messages = pl.concat([_message_column(t, rng, share) for t in MESSAGES]).head(lines)
    order = rng.permutation(lines)
    stamps = pl.Series(1_700_000_000_000 + np.sort(rng.integers(0, 86_400_000, lines)))
    frame = pl.DataFrame(
        {
            "at": stamps.cast(pl.Datetime("ms")).dt.strftime("%Y-%m-%d %H:%M:%S,%3f"),
            "level": rng.choice(LEVELS, lines),
            "thread": pl.Series(rng.integers(1, 64, lines)).cast(pl.String),
            "component": rng.choice(COMPONENTS, lines),
            "message": messages.gather(order),
        }
    )
    line = pl.concat_str(
        "at",
        pl.lit(" "),
        "level",
        pl.lit(" [worker-"),
        "thread",
        pl.lit("] "),
        "component",
        pl.lit(": "),
        "message",
    )
    return frame.select(line.alias("line"))["line"]


def main(lines: int, chunk: int) -> None:
    data = generate(lines)
    miner = TemplateMiner()
    started = time.perf_counter()
    ids = [miner.add(data.slice(offset, chunk)) for offset in range(0, lines, chunk)]
    elapsed = time.perf_counter() - started
    canonical = miner.canonical(pl.concat(ids))
    print(f"{lines} lines in {elapsed:.2f} s: {lines / elapsed:,.0f} lines/s")
    print(f"{canonical.n_unique()} templates (generated from {len(MESSAGES)})")
    for template in sorted({miner.template(i) for i in canonical.unique().to_list()}):
        print(f"  {template}")


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:3]]
    main(*(args + [1_000_000, 200_000][len(args) :]))
