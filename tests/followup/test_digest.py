"""`hotwash digest`: the weekly review of open items, and posting it to a webhook."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from followup_helpers import NOW, make_incident

from clirun import Run
from hotwash.actions.digest import DigestInput, digest_markdown
from hotwash.actions.digest_post import post_digest
from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.model import ActionItem, ActionStatus, Priority
from hotwash.config.settings import NotificationTarget
from hotwash.errors import DeliveryError


def _item(number: int, action: str, **fields: object) -> ActionItem:
    values: dict[str, object] = {"created_at": NOW - timedelta(days=number)} | fields
    return ActionItem(f"AI-{number:03d}", "INC-2026-0001", action, **values)  # type: ignore[arg-type]


def _digest(items: list[ActionItem], records: list[PostmortemRecord] | None = None) -> str:
    incident = make_incident()
    return digest_markdown(DigestInput(items, {incident.id: incident}, records or [], NOW))


def test_items_are_ordered_by_priority_and_age_with_overdue_first() -> None:
    items = [
        _item(1, "young P2", priority=Priority.P2),
        _item(9, "old P2", priority=Priority.P2),
        _item(3, "P1", priority=Priority.P1),
        _item(4, "late P3", priority=Priority.P3, due=NOW.date() - timedelta(days=2)),
        _item(5, "no priority"),
    ]

    text = _digest(items)

    overdue, open_ = text.split("## Open")
    assert "late P3" in overdue
    assert "| 2 | 4 d |" in overdue
    rows = [line.split(" | ")[2] for line in open_.split("##")[0].splitlines() if "AI-" in line]
    assert rows == ["P1", "old P2", "young P2", "no priority"]
    assert text.startswith("# Post-incident follow-up: week of 2026-03-16\n")
    assert "Open items: 5 (1 overdue)." in text


def test_done_this_week_and_reviews_due_are_listed() -> None:
    items = [
        _item(1, "closed yesterday", status=ActionStatus.DONE, closed_at=NOW - timedelta(days=1)),
        _item(2, "closed last month", status=ActionStatus.DONE, closed_at=NOW - timedelta(days=30)),
    ]
    records = [
        PostmortemRecord(
            "INC-2026-0001",
            path="pm/checkout.md",
            finalised_at=NOW,
            follow_up_at=NOW + timedelta(days=3),
        ),
    ]

    text = _digest(items, records)

    done = text.split("## Done in the last 7 days")[1]
    assert "closed yesterday" in done
    assert "closed last month" not in text
    reviews = text.split("## Follow-up reviews due")[1].split("##")[0]
    assert "| INC-2026-0001 Checkout 502s | 2026-03-23 | pm/checkout.md |" in reviews
    assert "## Open\n\nNothing." in text


def test_digest_command_writes_markdown_and_posts_it(
    run: Run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    real_client = httpx.Client
    monkeypatch.setattr(
        httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(answer), **kw)
    )
    with (workspace / "hotwash.toml").open("a") as config:
        config.write(
            '\n[[notifications]]\nname = "ops"\nkind = "slack"\n'
            'url = "https://hooks.slack.example/T000/B000/secretpart"\n'
            '\n[followup]\ndigest_target = "ops"\n'
        )
    incident = run("declare", "Checkout 502s", "--sev", "2", "--no-notify").out.strip()
    run("actions", "add", incident, "Alert on pool saturation", "--priority", "P1")

    result = run("digest", "--post", "-o", "digest.md")

    assert result.code == 0, result.err
    text = (workspace / "digest.md").read_text()
    assert "| AI-001 | P1 | Alert on pool saturation |" in text
    assert [json.loads(r.content) for r in sent] == [{"text": text}]
    assert "Posted the digest to ops" in result.err


def test_a_failed_post_names_the_target_but_never_its_url() -> None:
    target = NotificationTarget(name="ops", url="https://hooks.example/secret-path-123")
    client = httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(500, text=str(r.url)))
    )

    with pytest.raises(DeliveryError) as raised:
        post_digest(target, "text", client, NOW)

    assert str(raised.value) == "digest to 'ops' failed: HTTP 500 Internal Server Error"


def test_a_webhook_gets_the_digest_event() -> None:
    seen: list[dict[str, object]] = []
    target = NotificationTarget(name="hook", kind="webhook", url="https://hooks.example/x")

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(204)

    post_digest(target, "# Digest", httpx.Client(transport=httpx.MockTransport(answer)), NOW)

    assert seen == [{"event": "digest", "text": "# Digest", "sent_at": NOW.isoformat()}]
