"""Fixtures for drafting tests: the demo evidence bundle, its timeline, a bundle with secrets.

The bundles are built once per session: reading and condensing evidence is the slow
part, and every test only reads them.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest
from pm_secrets import SECRETS

from hotwash.demo.evidence import write_evidence
from hotwash.postmortem.gather import Reading, read_evidence, rebuild
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline


@pytest.fixture(scope="session")
def demo_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "bundle"
    write_evidence(folder)
    return folder


@pytest.fixture(scope="session")
def demo_timeline(demo_bundle: Path) -> Timeline:
    return rebuild(read_evidence([demo_bundle], Reading(UTC)), Redactor())


@pytest.fixture(scope="session")
def secret_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo bundle with a password, a GitHub token and an email pasted into evidence."""
    folder = tmp_path_factory.mktemp("secrets") / "bundle"
    write_evidence(folder)
    day = folder / "slack-export" / "incidents" / "2026-03-14.json"
    messages = json.loads(day.read_text())
    messages.append(
        {
            "type": "message",
            "user": "U02LEE",
            "ts": "1773497100.000000",
            "text": f"db url is postgresql://app:{SECRETS[0]}@db.internal/pay, ping {SECRETS[2]}",
        }
    )
    day.write_text(json.dumps(messages))
    log = folder / "payments-api.jsonl"
    leak = {
        "level": 50,
        "time": 1773497000000,
        "name": "payments-api",
        "msg": f"could not acquire DB connection: pool exhausted token={SECRETS[1]}",
    }
    log.write_text(log.read_text() + json.dumps(leak) + "\n")
    deploys = folder / "deploys.csv"
    deploys.write_text(
        deploys.read_text().replace(
            "Connection handling refactor (#4411)",
            f"Refactor by {SECRETS[2]} with token {SECRETS[1]}",
        )
    )
    return folder
