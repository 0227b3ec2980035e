"""Communications through the CLI: an update survives a failing webhook and is retried."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import Run

from .conftest import Receiver

NOW = {"HOTWASH_NOW": "2026-03-14T14:30:00Z"}


def configure_targets(workspace: Path, targets: list[tuple[str, str, str]]) -> None:
    config = workspace / "hotwash.toml"
    tables = "".join(
        f'\n[[notifications]]\nname = "{name}"\nkind = "{kind}"\nurl = "{url}"\n'
        for name, kind, url in targets
    )
    config.write_text(config.read_text() + tables)


def test_update_is_kept_when_delivery_fails_and_retry_sends_it(
    run: Run, tmp_path: Path, receiver: Receiver
) -> None:
    workspace = tmp_path / "ws"
    assert run("init", str(workspace)).code == 0
    configure_targets(
        workspace,
        [("chat", "slack", receiver.url("/slack")), ("bridge", "webhook", receiver.url("/bridge"))],
    )
    receiver.modes["/slack"] = "error"
    env = {**NOW, "HOTWASH_WORKSPACE": str(workspace)}
    incident = run("declare", "Checkout 502s", "--sev", "2", env=env).out.strip()
    updated = run("update", incident, "Rolling back payments-api", env=env)
    assert updated.code == 0, updated.err
    assert "Not delivered: delivery to 'chat' failed: HTTP 500" in updated.err
    assert receiver.url("/slack") not in updated.err  # webhook URLs are secrets
    assert "Delivered to bridge." in updated.err
    shown = json.loads(run("show", incident, "--json", env=env).out)
    assert [e["text"] for e in shown["events"] if e["kind"] == "update"] == [
        "Rolling back payments-api"
    ]
    bridge = [r.json() for r in receiver.seen("/bridge")]
    assert [p["event"] for p in bridge] == ["declared", "update"]
    assert "INCIDENT UPDATE: Checkout 502s" in bridge[1]["text"]

    listed = json.loads(run("deliver", "--json", env=env).out)
    failed = [d for d in listed if d["status"] == "failed"]
    assert [(d["target"], d["kind"]) for d in failed] == [("chat", "declared"), ("chat", "update")]

    still_down = run("deliver", "--retry", env=env)
    assert still_down.code == 1
    receiver.modes["/slack"] = "ok"
    attempts_while_down = len(receiver.seen("/slack"))
    retried = run("deliver", "--retry", env=env)
    assert retried.code == 0, retried.err
    texts = [r.json()["text"] for r in receiver.seen("/slack")[attempts_while_down:]]
    assert len(texts) == 2
    assert texts[0].startswith("INCIDENT DECLARED: Checkout 502s")
    assert texts[1].startswith("INCIDENT UPDATE: Checkout 502s")
    again = run("deliver", "--retry", env=env)
    assert "Nothing to retry" in again.err
    assert len(receiver.seen("/slack")) == attempts_while_down + 2


def test_restricted_incidents_are_not_posted_to_shared_targets(
    run: Run, tmp_path: Path, receiver: Receiver
) -> None:
    workspace = tmp_path / "ws"
    assert run("init", str(workspace)).code == 0
    configure_targets(workspace, [("chat", "slack", receiver.url("/slack"))])
    env = {**NOW, "HOTWASH_WORKSPACE": str(workspace)}
    assert run("declare", "Leaked key", "--sev", "1", "--restricted", env=env).code == 0
    assert receiver.seen("/slack") == []
    assert run("declare", "Slow search", "--sev", "3", env=env).code == 0
    assert len(receiver.seen("/slack")) == 1
