"""Alertmanager alert lists, PagerDuty log entries and a deploys table for one incident.

Alert lists are snapshots saved while the incident ran, as ``/api/v2/alerts`` and
``amtool alert query -o json`` give them: only active alerts, ``endsAt`` ahead of
``updatedAt``. A long-running unrelated warning is often in the list too.
"""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bundles.model import Scenario

ONCALL, SECONDARY, COMMANDER = "Dana Kim", "Lee Chen", "Sam Patel"


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def write_alerts(path: Path, s: Scenario, rng: np.random.Generator) -> None:
    alerts, saved = [], s.fault.end
    if s.people.alert_at is not None:
        saved = min(s.fault.end, s.people.alert_at + 60 * rng.uniform(1, 30))
        name = "HighLatency" if s.fault.kind == "latency" else "High5xxRate"
        alerts.append(_alert(f"{s.main.service.title()}{name}", s.main.service, s.people.alert_at))
    if rng.random() < 0.5 or not alerts:
        started = s.start - 3600 * rng.uniform(1, 5)
        alerts.append(_alert("DiskSpaceLow", s.other.service, started, severity="warning"))
    for alert in alerts:
        alert.update(updatedAt=iso(saved), endsAt=iso(saved + 240))
    if s.evidence.alerts == "amtool":
        path.write_text(json.dumps(alerts) + "\n", encoding="utf-8")
    else:
        path.write_text(json.dumps(alerts, indent=2), encoding="utf-8")


def _alert(name: str, service: str, starts: float, severity: str = "page") -> dict[str, object]:
    labels = {"alertname": name, "service": service, "severity": severity, "namespace": "shop"}
    return {
        "annotations": {"summary": f"{name} on {service}"},
        "labels": labels,
        "startsAt": iso(starts),
        "fingerprint": f"{zlib.crc32(name.encode()):08x}{zlib.crc32(service.encode()):08x}",
        "generatorURL": "http://prometheus.internal:9090/graph?g0.expr=up",
        "receivers": [{"name": "pagerduty"}],
        "status": {"state": "active", "silencedBy": [], "inhibitedBy": []},
    }


def write_pagerduty(path: Path, s: Scenario, rng: np.random.Generator) -> None:
    p = s.people
    assert p.page_at is not None
    assert p.ack_at is not None
    by_rule = p.alert_at is not None
    entries = [
        _entry("trigger", p.page_at, "Alertmanager" if by_rule else COMMANDER, s),
        _entry("notify", p.page_at + 4, ONCALL, s),
    ]
    acker = ONCALL
    if p.ack_at - p.page_at > 300:  # nobody answered: the policy escalates
        entries += [_entry("escalate", p.page_at + 300, "PagerDuty", s)]
        entries += [_entry("notify", p.page_at + 303, SECONDARY, s)]
        acker = SECONDARY
    entries.append(_entry("acknowledge", p.ack_at, acker, s))
    entries.append(_entry("resolve", p.resolve_at + rng.uniform(0, 40), COMMANDER, s))
    if rng.random() < 0.5:
        entries.reverse()  # the API lists newest first unless asked otherwise
    body: object = entries
    if rng.random() < 0.7:
        body = {"log_entries": entries, "limit": 100, "offset": 0, "more": False}
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")


def _entry(kind: str, at: float, who: str, s: Scenario) -> dict[str, object]:
    agent_type = "user_reference" if who in {ONCALL, SECONDARY, COMMANDER} else "service_reference"
    return {
        "id": f"R{int(at)}{kind[:2].upper()}",
        "type": f"{kind}_log_entry",
        "created_at": iso(at),
        "summary": f"{kind.title()} by {who}",
        "agent": {"type": agent_type, "summary": who},
        "incident": {"id": "Q2W3E4R5", "summary": f"{s.main.service} impact"},
        "service": {"summary": s.main.service},
    }


def write_deploys(path: Path, s: Scenario, rng: np.random.Generator) -> None:
    rows = [
        (s.start - 3600 * rng.uniform(0.5, 6), s.other.service, "v3.1.2", "ci-bot", "Copy update")
    ]
    if rng.random() < 0.7:
        cause = s.fault.onset - 60 * rng.uniform(1, 20)
        rows.append((cause, s.main.service, "v2.14.0", "ci-bot", "Connection handling refactor"))
        back = s.fault.end - 60 * rng.uniform(0, 3)
        rows.append((max(back, cause + 60), s.main.service, "v2.13.2", ONCALL, "Rollback"))
    header = "time,service,version,actor,description"
    if rng.random() < 0.5:
        header = "deployed_at,app,tag,deployed_by,notes"
    lines = [header] + [f"{iso(t)},{svc},{ver},{who},{what}" for t, svc, ver, who, what in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
