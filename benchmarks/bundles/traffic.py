"""Simulated requests of one service, vectorised: arrival times, errors and latencies.

Every derived file (access log, application log, Prometheus series) is computed from
the same requests, so the evidence agrees with itself the way real evidence does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bundles.model import Fault, Traffic

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

ERROR_STATUSES = np.array([500, 502, 503, 504])
OK_STATUSES = np.array([200, 200, 200, 200, 200, 200, 201, 204, 304, 404, 400])


@dataclass(frozen=True)
class Requests:
    services: npt.NDArray[np.str_]  # the service of each request
    t: Floats  # epoch seconds, sorted
    error: Bools
    affected: Bools  # touched by the fault (failed or slowed by it)
    status: Ints
    latency: Floats  # seconds

    @property
    def size(self) -> int:
        return int(self.t.size)


def simulate(
    rng: np.random.Generator, traffic: Traffic, start: float, end: float, fault: Fault | None
) -> Requests:
    count = int(rng.poisson(traffic.rpm * (end - start) / 60))
    t = np.sort(rng.uniform(start, end, count))
    latency = traffic.latency_median * np.exp(rng.normal(0.0, 0.5, count))
    error = rng.random(count) < traffic.baseline_error
    for burst in traffic.bursts:
        inside = (t >= burst.at) & (t < burst.at + burst.seconds)
        error |= inside & (rng.random(count) < burst.share)
    affected = np.zeros(count, dtype=bool)
    if fault is not None:
        affected = rng.random(count) < fault.share_at(t)
        latency = _fault_latency(rng, fault, affected, latency)
        if fault.kind == "errors":
            error |= affected
    status = np.where(
        error,
        ERROR_STATUSES[rng.integers(0, ERROR_STATUSES.size, count)],
        OK_STATUSES[rng.integers(0, OK_STATUSES.size, count)],
    )
    services = np.full(count, traffic.service)
    return Requests(services, t, error, affected, status.astype(np.int64), latency)


def _fault_latency(
    rng: np.random.Generator, fault: Fault, affected: Bools, latency: Floats
) -> Floats:
    if fault.kind == "latency":
        slow = latency * rng.uniform(5, 20, latency.size) + rng.uniform(0.5, 3.0, latency.size)
        return np.where(affected, slow, latency)
    if fault.slow_errors:  # failures are timeouts: each waits for the client's deadline
        return np.where(affected, rng.uniform(5, 30, latency.size), latency)
    return latency


def merge(first: Requests, second: Requests) -> Requests:
    """Both services' requests in one time-ordered stream (a shared proxy's log)."""
    order = np.argsort(np.concatenate((first.t, second.t)), kind="stable")
    return Requests(
        *(
            np.concatenate((getattr(first, name), getattr(second, name)))[order]
            for name in ("services", "t", "error", "affected", "status", "latency")
        )
    )
