"""Evidence for the demo incident, written the way real systems write it.

A deterministic bundle (seeded random numbers): an nginx access log in local time,
JSON application logs, an Alertmanager alert list, PagerDuty log entries, a Slack
export, a deploys CSV and a Prometheus query_range response. The story: payments-api
v2.14.0 is deployed at 13:58 UTC, its connection pool starts running dry at 14:02 and
checkout returns 502s until the rollback takes effect at 14:31.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np

START = datetime(2026, 3, 14, 13, 30, tzinfo=UTC)
END = datetime(2026, 3, 14, 15, 0, tzinfo=UTC)
DEPLOY = datetime(2026, 3, 14, 13, 58, 4, tzinfo=UTC)
ONSET = datetime(2026, 3, 14, 14, 2, tzinfo=UTC)
RECOVERY = datetime(2026, 3, 14, 14, 31, tzinfo=UTC)
ALERT = datetime(2026, 3, 14, 14, 6, 12, tzinfo=UTC)
ACK = datetime(2026, 3, 14, 14, 7, 40, tzinfo=UTC)
RESOLVED = datetime(2026, 3, 14, 14, 48, tzinfo=UTC)
CET = timezone(timedelta(hours=1))
REQUESTS_PER_MINUTE = 40
ERROR_SHARE = 0.38


def write_evidence(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20260314)
    writers = (_access_log, _app_log, _alerts, _pages, _deploys, _prometheus, _slack)
    return [writer(folder, rng) for writer in writers]


def _minutes() -> list[datetime]:
    count = int((END - START).total_seconds() // 60)
    return [START + timedelta(minutes=m) for m in range(count)]


def _failing(minute: datetime) -> bool:
    return ONSET <= minute < RECOVERY


def _access_log(folder: Path, rng: np.random.Generator) -> Path:
    lines = []
    for minute in _minutes():
        for second in np.sort(rng.integers(0, 60, REQUESTS_PER_MINUTE)):
            at = (minute + timedelta(seconds=int(second))).astimezone(CET)
            fail = _failing(minute) and rng.random() < ERROR_SHARE
            path = "/api/checkout" if fail or rng.random() < 0.5 else "/api/cart"
            status, size = (502, 157) if fail else (200, int(rng.integers(300, 900)))
            ip = f"203.0.113.{int(rng.integers(2, 250))}"
            lines.append(
                f'{ip} - - [{at:%d/%b/%Y:%H:%M:%S %z}] "POST {path} HTTP/1.1" '
                f'{status} {size} "-" "Mozilla/5.0 (shop-app/4.2)"'
            )
    return _write(folder / "edge-nginx-access.log", lines)


def _app_log(folder: Path, rng: np.random.Generator) -> Path:
    lines = []
    for minute in _minutes():
        for second in np.sort(rng.integers(0, 60, 6)):
            at = minute + timedelta(seconds=int(second))
            ms = int(at.timestamp() * 1000)
            if _failing(minute) and rng.random() < 0.7:
                waited = int(rng.integers(5000, 5200))
                record = {
                    "level": 50,
                    "time": ms,
                    "name": "payments-api",
                    "msg": f"could not acquire DB connection: pool exhausted "
                    f"(size=20, waited {waited} ms)",
                }
            else:
                record = {
                    "level": 30,
                    "time": ms,
                    "name": "payments-api",
                    "msg": f"charge authorised order={int(rng.integers(10**6, 10**7))}",
                }
            lines.append(json.dumps(record))
    return _write(folder / "payments-api.jsonl", lines)


def _alerts(folder: Path, rng: np.random.Generator) -> Path:
    alert = {
        "labels": {"alertname": "CheckoutHigh5xxRate", "service": "checkout", "severity": "page"},
        "annotations": {"summary": "More than 5% of checkout requests fail with 5xx"},
        "startsAt": _iso(ALERT),
        "endsAt": _iso(RECOVERY + timedelta(minutes=4)),
        "updatedAt": _iso(RECOVERY + timedelta(minutes=4)),
        "generatorURL": "http://prometheus.internal:9090/graph?g0.expr=job%3Acheckout_5xx",
        "fingerprint": "8f1c2a9d0b3e4f56",
        "receivers": [{"name": "pagerduty"}],
        "status": {"state": "active", "silencedBy": [], "inhibitedBy": []},
    }
    return _write(folder / "alertmanager-alerts.json", [json.dumps([alert], indent=2)])


def _pages(folder: Path, rng: np.random.Generator) -> Path:
    def entry(kind: str, at: datetime, agent: str, summary: str) -> dict[str, object]:
        return {
            "type": kind,
            "created_at": _iso(at),
            "summary": summary,
            "agent": {"type": "user_reference", "summary": agent},
            "incident": {"id": "Q2W3E4R5", "summary": "CheckoutHigh5xxRate"},
        }

    entries = [
        entry(
            "trigger_log_entry",
            ALERT + timedelta(seconds=3),
            "Alertmanager",
            "Triggered through the API",
        ),
        entry(
            "notify_log_entry",
            ALERT + timedelta(seconds=5),
            "Dana Kim",
            "Notified Dana Kim by phone",
        ),
        entry("acknowledge_log_entry", ACK, "Dana Kim", "Acknowledged by Dana Kim"),
        entry("resolve_log_entry", RESOLVED, "Dana Kim", "Resolved by Dana Kim"),
    ]
    return _write(
        folder / "pagerduty-log-entries.json",
        [json.dumps({"log_entries": entries, "limit": 100, "offset": 0, "more": False}, indent=2)],
    )


def _deploys(folder: Path, rng: np.random.Generator) -> Path:
    rows = [
        "time,service,version,actor,description",
        "2026-03-14T11:20:00Z,cart,v3.1.2,ci-bot,Cart page copy update",
        f"{_iso(DEPLOY)},payments-api,v2.14.0,ci-bot,Connection handling refactor (#4411)",
        "2026-03-14T14:24:30Z,payments-api,v2.13.2,Lee Chen,Rollback of v2.14.0",
    ]
    return _write(folder / "deploys.csv", rows)


def _prometheus(folder: Path, rng: np.random.Generator) -> Path:
    values = []
    for minute in _minutes():
        ratio = ERROR_SHARE * rng.uniform(0.85, 1.1) if _failing(minute) else rng.uniform(0, 0.004)
        values.append([int(minute.timestamp()), f"{ratio:.4f}"])
    response = {
        "status": "success",
        "data": {
            "resultType": "matrix",
            "result": [
                {
                    "metric": {
                        "__name__": "job:checkout_http_5xx:ratio_rate1m",
                        "job": "checkout",
                        "service": "checkout",
                    },
                    "values": values,
                }
            ],
        },
    }
    return _write(folder / "prometheus-checkout-5xx-ratio.json", [json.dumps(response)])


def _slack(folder: Path, rng: np.random.Generator) -> Path:
    root = folder / "slack-export"
    users = [
        {"id": "U01DANA", "name": "dana", "real_name": "Dana Kim"},
        {"id": "U02LEE", "name": "lee", "real_name": "Lee Chen"},
        {"id": "U03SAM", "name": "sam", "real_name": "Sam Patel"},
    ]
    (root / "incidents").mkdir(parents=True, exist_ok=True)
    _write(root / "users.json", [json.dumps(users, indent=2)])
    _write(
        root / "channels.json",
        [json.dumps([{"id": "C0INC", "name": "incidents", "members": [u["id"] for u in users]}])],
    )
    said = [
        ("13:59:10", "U02LEE", "payments-api v2.14.0 is out, watching the dashboards"),
        ("14:08:30", "U03SAM", "support says customers see errors at checkout"),
        ("14:09:05", "U01DANA", "Declaring a SEV2 incident for checkout 502s, I am IC"),
        ("14:18:40", "U02LEE", "pool exhausted errors started right after the v2.14.0 deploy"),
        ("14:20:10", "U01DANA", "<@U02LEE> please roll payments-api back to v2.13.2"),
        ("14:33:00", "U02LEE", "rollback done, 502 rate back to normal"),
        ("14:48:30", "U01DANA", "All clear, incident resolved. Postmortem to follow."),
    ]
    messages = [
        {
            "type": "message",
            "user": user,
            "text": text,
            "ts": f"{datetime.fromisoformat(f'2026-03-14T{clock}+00:00').timestamp():.6f}",
        }
        for clock, user, text in said
    ]
    _write(root / "incidents" / "2026-03-14.json", [json.dumps(messages, indent=2)])
    return root


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
