"""Draw one randomised incident from a seed: the traffic, the fault and the evidence kept.

The ranges are what incidents look like, not what hotwash finds easy: sparse and dense
services, steps and slow ramps, partial impact, 5 minutes to 3 hours, error bursts
that are not the incident, and any subset of the evidence a team may have saved.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from bundles.model import AppLog, Burst, Evidence, Fault, PromShape, Scenario, Traffic
from bundles.people import draw_people

SERVICES = ("checkout", "payments-api", "orders", "search", "cart", "auth", "inventory")
ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Europe/London",
)
LOG_FORMATS = ("bunyan", "pino", "zap", "structlog", "logfmt", "log4j", "syslog", "klog")
NAIVE_FORMATS = frozenset({"log4j", "syslog", "klog"})
# Evidence from mid-2025 to shortly before "now", so year-less logs have a real year.
FIRST_DAY = datetime(2025, 6, 1, tzinfo=UTC).timestamp()
LAST_DAY = datetime(2026, 10, 31, tzinfo=UTC).timestamp()


def draw_scenario(seed: int) -> Scenario:
    rng = np.random.default_rng(seed)
    onset = _onset(rng)
    fault = _fault(rng, onset)
    start = onset - 60 * float(rng.uniform(30, 120))
    end = fault.end + 60 * float(rng.uniform(15, 60))
    main = _traffic(rng, SERVICES[int(rng.integers(len(SERVICES)))], start, onset - 900)
    others = [name for name in SERVICES if name != main.service]
    other = _traffic(rng, others[int(rng.integers(len(others)))], start, end)
    zone = "UTC" if rng.random() < 0.5 else _zone(rng)
    evidence = _evidence(rng, fault)
    people = draw_people(rng, fault, main.service)
    return Scenario(seed, start, end, zone, main, other, fault, people, evidence)


def _onset(rng: np.random.Generator) -> float:
    """Any time of day; one in four late in the UTC evening, so chat crosses midnight."""
    day = FIRST_DAY + 86400 * float(rng.integers(0, int((LAST_DAY - FIRST_DAY) // 86400)))
    if rng.random() < 0.03:  # the last evening of a year: year-less logs roll over
        day = datetime(2025, 12, 31, tzinfo=UTC).timestamp()
    hour = rng.uniform(21.5, 23.9) if rng.random() < 0.25 else rng.uniform(0, 24)
    return float(day + 3600 * hour)


def _fault(rng: np.random.Generator, onset: float) -> Fault:
    kind = "latency" if rng.random() < 0.2 else "errors"
    duration = 60 * float(np.exp(rng.uniform(np.log(5), np.log(180))))
    ramp = 60 * rng.uniform(2, 10) if rng.random() < 0.35 else 0.0
    partial = rng.random() < 0.4
    share = rng.uniform(0.08, 0.3) if partial else rng.uniform(0.3, 0.95)
    if kind == "latency":
        share = max(share, 0.05)
    ramp = min(ramp, duration / 2)
    return Fault(kind, onset, ramp, onset + duration, share, bool(rng.random() < 0.3))


def _traffic(rng: np.random.Generator, service: str, start: float, last_burst: float) -> Traffic:
    rpm = float(np.exp(rng.uniform(np.log(2), np.log(500))))
    baseline = float(np.exp(rng.uniform(np.log(0.001), np.log(0.05))))
    bursts = tuple(
        Burst(float(rng.uniform(start, last_burst)), rng.uniform(5, 50), rng.uniform(0.3, 1.0))
        for _ in range(int(rng.poisson(1.5)))
        if last_burst > start
    )
    return Traffic(service, rpm, baseline, rng.uniform(0.03, 0.15), bursts)


def _zone(rng: np.random.Generator) -> str:
    return ZONES[int(rng.integers(len(ZONES)))]


def _evidence(rng: np.random.Generator, fault: Fault) -> Evidence:
    latency = fault.kind == "latency"
    app_logs = _app_logs(rng)
    access = _access_kind(rng) if rng.random() < 0.6 else None
    prom_ratio = _prom(rng) if rng.random() < (0.3 if latency else 0.5) else None
    prom_latency = _prom(rng) if latency or rng.random() < 0.4 else None
    main_logs = any(log.owner == "main" for log in app_logs)
    if not latency and access is None and prom_ratio is None and not main_logs:
        access = _access_kind(rng)  # the errors must show somewhere
    return Evidence(
        access=access,
        access_zone="UTC" if rng.random() < 0.4 else _zone(rng),
        access_shared=bool(rng.random() < 0.4),
        prom_ratio=prom_ratio,
        prom_latency=prom_latency,
        alerts=("v2" if rng.random() < 0.5 else "amtool") if rng.random() < 0.5 else None,
        pagerduty=bool(rng.random() < 0.6),
        slack=bool(rng.random() < 0.75),
        deploys=bool(rng.random() < 0.5),
        app_logs=app_logs,
    )


def _access_kind(rng: np.random.Generator) -> str:
    return ("nginx", "apache-combined", "apache-common")[int(rng.choice(3, p=[0.6, 0.25, 0.15]))]


def _prom(rng: np.random.Generator) -> PromShape:
    step = int(rng.choice([15, 30, 60]))
    window = int(rng.choice([60, 120, 300]))
    naming = "recording" if rng.random() < 0.5 else "expression"
    return PromShape(step, max(window, 2 * step), naming, float(rng.choice([0.95, 0.99])))


def _app_logs(rng: np.random.Generator) -> tuple[AppLog, ...]:
    count = int(rng.choice(4, p=[0.25, 0.35, 0.25, 0.15]))
    formats = rng.choice(len(LOG_FORMATS), size=count, replace=False)
    return tuple(_app_log(rng, LOG_FORMATS[int(index)]) for index in formats)


def _app_log(rng: np.random.Generator, fmt: str) -> AppLog:
    roll = rng.random()
    owner = "main" if roll < 0.6 else "other" if roll < 0.85 else "infra"
    if owner == "infra" and fmt not in {"syslog", "klog"}:
        owner = "main"
    per_source = fmt in NAIVE_FORMATS and rng.random() < 0.5
    zone = ("UTC" if rng.random() < 0.3 else _zone(rng)) if per_source else None
    return AppLog(fmt, owner, zone, float(rng.uniform(0.1, 1.0)))
