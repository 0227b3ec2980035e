"""Write a scenario's evidence into a folder; return the per-source zones a responder would set.

Random choices that do not change the truth (file names, which services a Prometheus
file holds) come from a second stream of the same seed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from bundles import events, prom, records
from bundles.access import access_lines
from bundles.formats import EXTENSIONS, NAIVE, write_records
from bundles.model import AppLog, Scenario
from bundles.slack import write_slack
from bundles.traffic import Requests, merge, simulate

INFRA_SERVICES = {"syslog": "node-agent", "klog": "kube-controller"}


@dataclass(frozen=True)
class Written:
    zones: dict[str, str]  # {file name: zone} for naive logs with a zone of their own
    first_affected: float | None  # the first and last request the fault touched
    last_affected: float | None


def write_bundle(s: Scenario, folder: Path) -> Written:
    """Every evidence file of ``s`` under ``folder``, and what a responder would know."""
    rng = np.random.default_rng([s.seed, 1])
    main = simulate(rng, s.main, s.start, s.end, s.fault)
    other = simulate(rng, s.other, s.start, s.end, None)
    e = s.evidence
    if e.access is not None:
        served = merge(main, other) if e.access_shared else main
        name = "edge-nginx-access.log" if e.access_shared else f"{s.main.service}-access.log"
        _lines(folder / name, access_lines(rng, served, e.access, e.access_zone))
    for shape, what in ((e.prom_ratio, "ratio"), (e.prom_latency, "latency")):
        if shape is not None:
            streams = [main, other] if rng.random() < 0.5 else [main]
            path = folder / prom.file_name(s.main.service, what, shape, rng)
            prom.write_prometheus(path, streams, shape, s.start, s.end, what)
    zones = {}
    for log in e.app_logs:
        name, zone = _app_log(folder, s, log, main if log.owner == "main" else other, rng)
        zones.update({name: zone} if log.zone is not None else {})
    _events(folder, s, rng)
    _settle_mtimes(folder, s.end + rng.uniform(60, 3600))
    touched = main.t[main.affected]
    first, last = (float(touched[i]) if touched.size else None for i in (0, -1))
    return Written(zones, first, last)


def _app_log(
    folder: Path, s: Scenario, log: AppLog, requests: Requests, rng: np.random.Generator
) -> tuple[str, str]:
    service = INFRA_SERVICES.get(log.fmt, "infra") if log.owner == "infra" else None
    if service is not None:
        lines = records.background_records(rng, service, s.start, s.end, rng.uniform(0.05, 0.5))
    else:
        service = str(requests.services[0])
        cause = records.CAUSES[int(rng.integers(len(records.CAUSES)))]
        lines = pl.concat(
            [
                records.request_records(rng, requests, log.info_share, cause),
                records.background_records(rng, service, s.start, s.end, 0.0),
            ]
        ).sort("t")
    zone = log.zone or s.zone
    if log.fmt not in NAIVE and rng.random() < 0.5:
        zone = "UTC"  # written with Z or +00:00 rather than the local offset
    name = f"{service}-{log.fmt}.{EXTENSIONS.get(log.fmt, 'log')}"
    _lines(folder / name, write_records(lines, log.fmt, zone))
    return name, zone


def _events(folder: Path, s: Scenario, rng: np.random.Generator) -> None:
    e = s.evidence
    if e.alerts is not None:
        name = "alertmanager-alerts.json" if e.alerts == "v2" else "amtool-alerts.json"
        events.write_alerts(folder / name, s, rng)
    if e.pagerduty:
        events.write_pagerduty(folder / "pagerduty-log-entries.json", s, rng)
    if e.deploys:
        events.write_deploys(folder / "deploys.csv", s, rng)
    if e.slack:
        write_slack(folder / "slack-export", s, rng)


def _lines(path: Path, lines: pl.Series) -> None:
    path.write_text("\n".join(lines.to_list()) + "\n", encoding="utf-8")


def _settle_mtimes(folder: Path, when: float) -> None:
    """Files copied off the systems after the incident, as a responder would."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (when, when))
