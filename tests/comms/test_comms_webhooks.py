"""Posting to a real local HTTP receiver: payload shapes and failures that keep secrets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from hotwash.comms import MessageKind, post_message
from hotwash.config.settings import NotificationTarget
from hotwash.errors import DeliveryError
from hotwash.incidents.model import Incident
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

from .conftest import Receiver

SECRET_PATH = "/services/T0001/B0002/s3cr3t-token"
SENT_AT = datetime(2026, 3, 14, 14, 20, tzinfo=UTC)
INCIDENT = Incident(
    id="INC-2026-0003",
    title="Checkout errors",
    severity=Severity.SEV2,
    status=Status.IDENTIFIED,
    created_at=datetime(2026, 3, 14, 14, 5, tzinfo=UTC),
    services=["checkout", "payments"],
)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as opened:
        yield opened


def target(url: str, kind: str = "webhook", timeout: float = 5.0) -> NotificationTarget:
    return NotificationTarget.model_validate(
        {"name": "ops-hook", "kind": kind, "url": url, "timeout_seconds": timeout}
    )


def post(tgt: NotificationTarget, client: httpx.Client, body: str = "INCIDENT UPDATE: x") -> None:
    post_message(
        tgt, incident=INCIDENT, kind=MessageKind.UPDATE, body=body, client=client, sent_at=SENT_AT
    )


def test_slack_gets_its_documented_text_payload(receiver: Receiver, client: httpx.Client) -> None:
    post(target(receiver.url(SECRET_PATH), kind="slack"), client, body="line one\nline two")
    [request] = receiver.seen(SECRET_PATH)
    assert request.content_type == "application/json"
    assert request.json() == {"text": "line one\nline two"}


def test_generic_webhook_gets_event_incident_text_and_time(
    receiver: Receiver, client: httpx.Client
) -> None:
    post(target(receiver.url("/hook")), client, body="body text")
    [request] = receiver.seen("/hook")
    assert request.json() == {
        "event": "update",
        "incident": {
            "id": "INC-2026-0003",
            "title": "Checkout errors",
            "severity": "SEV2",
            "status": "Identified",
            "services": ["checkout", "payments"],
        },
        "text": "body text",
        "sent_at": "2026-03-14T14:20:00+00:00",
    }


def test_server_error_names_the_target_not_the_url(
    receiver: Receiver, client: httpx.Client
) -> None:
    receiver.modes[SECRET_PATH] = "error"
    with pytest.raises(DeliveryError) as raised:
        post(target(receiver.url(SECRET_PATH), kind="slack"), client)
    message = str(raised.value)
    assert message.startswith("delivery to 'ops-hook' failed: HTTP 500 Internal Server Error: boom")
    assert "s3cr3t" not in message
    assert "127.0.0.1" not in message
    assert "\n" not in message
    assert len(message) < 300  # the 500-character error page is cut short


def test_timeout_is_reported_with_the_configured_limit(
    receiver: Receiver, client: httpx.Client
) -> None:
    receiver.modes["/slow"] = "hang"
    with pytest.raises(
        DeliveryError, match=r"^delivery to 'ops-hook' failed: no answer within 0.2s$"
    ):
        post(target(receiver.url("/slow"), timeout=0.2), client)


def test_connection_refused(closed_port_url: str, client: httpx.Client) -> None:
    with pytest.raises(DeliveryError) as raised:
        post(target(closed_port_url), client)
    message = str(raised.value)
    assert message.startswith("delivery to 'ops-hook' failed: connection failed")
    assert "/hook" not in message
    assert str(closed_port_url) not in message


@pytest.mark.parametrize("url", ["ftp://hooks.example/s3cr3t-token", "not a url s3cr3t-token"])
def test_unusable_url_fails_without_echoing_it(url: str, client: httpx.Client) -> None:
    with pytest.raises(DeliveryError) as raised:
        post(target(url), client)
    assert "s3cr3t" not in str(raised.value)
    assert str(raised.value).startswith("delivery to 'ops-hook' failed: ")
