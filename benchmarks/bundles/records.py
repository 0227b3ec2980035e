"""Log records (time, level, service, message) from simulated requests, before formatting.

A service logs its failures at ERROR (the incident's cause, or an everyday failure),
slow requests at WARN, a share of its successes at INFO, and background lines
(health checks, cache refreshes) whatever the traffic. Infrastructure logs (a node's
syslog, a controller's klog) only have background lines and the odd unrelated error.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from bundles.traffic import Requests

CAUSES = (
    "could not acquire DB connection: pool exhausted (size=20, waited {n} ms)",
    "upstream payment-gateway timeout after {n} ms",
    "redis GET session:{n} failed: connection refused",
    "POST /internal/fraud-check returned 503 after {n} ms",
    "kafka produce to orders-events failed: NOT_ENOUGH_REPLICAS (attempt {n})",
)
EVERYDAY_ERRORS = (
    "request {n} failed: client closed connection",
    "unhandled exception for order {n}: NullPointerException",
)
INFO = ("request {n} handled in {ms} ms", "order {n} state changed to paid")
SLOW = "slow request {n} took {ms} ms"
BACKGROUND = ("health check ok", "cache refreshed ({n} keys)", "metrics flushed to collector")
INFRA_ERRORS = (
    "failed to list *v1.Pod: context deadline exceeded",
    "nfs: server storage-{n} not responding, still trying",
)
SLOW_MS = 1000.0  # a request slower than this is logged as slow


def request_records(
    rng: np.random.Generator, requests: Requests, info_share: float, cause: str
) -> pl.DataFrame:
    """One record per logged request: every failure and slow request, a share of the rest."""
    slow = requests.latency * 1000 > SLOW_MS
    keep = requests.error | slow | (rng.random(requests.size) < info_share)
    n = int(keep.sum())
    error, affected = requests.error[keep], requests.affected[keep]
    ms = (requests.latency[keep] * 1000).astype(np.int64)
    ids = pl.Series(rng.integers(10_000, 9_999_999, n)).cast(pl.String)
    everyday = _fill(_pick(rng, EVERYDAY_ERRORS, n), ids, ms)
    info = _fill(_pick(rng, INFO, n), ids, ms)
    message = (
        pl.when(pl.Series(error & affected))
        .then(_fill(pl.repeat(cause, n, eager=True), ids, ms))
        .when(pl.Series(error))
        .then(everyday)
        .when(pl.Series(slow[keep]))
        .then(_fill(pl.repeat(SLOW, n, eager=True), ids, ms))
        .otherwise(info)
    )
    level = (
        pl.when(pl.Series(error))
        .then(pl.lit("error"))
        .when(pl.Series(slow[keep]))
        .then(pl.lit("warn"))
        .otherwise(pl.lit("info"))
    )
    frame = pl.DataFrame({"t": requests.t[keep], "service": requests.services[keep]})
    return frame.with_columns(level=level, message=message)


def background_records(
    rng: np.random.Generator, service: str, start: float, end: float, error_per_min: float
) -> pl.DataFrame:
    """Periodic lines and, at ``error_per_min``, unrelated errors (Poisson)."""
    every = rng.uniform(20, 60)
    ticks = np.arange(start + rng.uniform(0, every), end, every)
    errors = np.sort(rng.uniform(start, end, int(rng.poisson(error_per_min * (end - start) / 60))))
    numbers = pl.Series(rng.integers(10, 5000, ticks.size + errors.size)).cast(pl.String)
    texts = pl.concat([_pick(rng, BACKGROUND, ticks.size), _pick(rng, INFRA_ERRORS, errors.size)])
    frame = pl.DataFrame(
        {
            "t": np.concatenate((ticks, errors)),
            "service": service,
            "level": ["info"] * ticks.size + ["error"] * errors.size,
            "message": _put(texts, "{n}", numbers),
        }
    )
    return frame.sort("t")


def _pick(rng: np.random.Generator, options: tuple[str, ...], size: int) -> pl.Series:
    return pl.Series(options, dtype=pl.String).gather(rng.integers(0, len(options), size))


def _fill(templates: pl.Series, ids: pl.Series, ms: npt.NDArray[np.int64]) -> pl.Series:
    return _put(_put(templates, "{n}", ids), "{ms}", pl.Series(ms).cast(pl.String))


def _put(texts: pl.Series, slot: str, values: pl.Series) -> pl.Series:
    """Each text with its own value in ``slot``."""
    return pl.select(pl.lit(texts).str.replace(slot, pl.lit(values), literal=True)).to_series()
