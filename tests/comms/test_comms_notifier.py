"""The outbox against a real SQLite store and a real local HTTP receiver."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from hotwash.comms import Delivery, DeliveryStatus, MessageKind, Notifier, describe_outcome
from hotwash.config.settings import NotificationTarget
from hotwash.incidents.model import Incident
from hotwash.incidents.repository import Store
from hotwash.incidents.service import Declaration, IncidentService
from hotwash.incidents.severity import Severity

from .conftest import T0, Clock, Receiver

SLACK = "/services/T1/B2/slack-s3cr3t"
HOOK = "/hooks/generic-s3cr3t"
BODY = "INCIDENT UPDATE: Checkout errors"


def make_target(name: str, url: str, **extra: Any) -> NotificationTarget:
    return NotificationTarget.model_validate({"name": name, "url": url, **extra})


def both(receiver: Receiver) -> list[NotificationTarget]:
    return [
        make_target("slack", receiver.url(SLACK), kind="slack"),
        make_target("hook", receiver.url(HOOK)),
    ]


def stored(store: Store, incident_id: str | None = None) -> list[Delivery]:
    with store.transaction() as repo:
        return repo.deliveries(incident_id=incident_id)


def declare(service: IncidentService, severity: Severity = Severity.SEV2) -> Incident:
    return service.declare(
        Declaration(title="Checkout errors", severity=severity, services=("checkout",))
    )


def test_announce_posts_each_shape_and_records_it_sent(
    service: IncidentService, store: Store, receiver: Receiver, clock: Clock
) -> None:
    incident = declare(service)
    _, event = service.post_update(incident.id, "pool exhausted")
    clock.now = T0 + timedelta(minutes=1)
    sent = Notifier(store, both(receiver), clock).announce(
        incident, MessageKind.UPDATE, BODY, event.seq
    )

    assert [d.status for d in sent] == [DeliveryStatus.SENT, DeliveryStatus.SENT]
    assert receiver.seen(SLACK)[0].json() == {"text": BODY}
    generic = receiver.seen(HOOK)[0].json()
    assert (generic["event"], generic["text"]) == ("update", BODY)
    assert generic["incident"]["id"] == incident.id
    assert generic["sent_at"] == "2026-03-14T14:06:00+00:00"
    assert stored(store) == sent
    assert {(d.attempts, d.delivered_at, d.event_seq, d.message_kind) for d in sent} == {
        (1, clock.now, event.seq, "update")
    }
    assert describe_outcome(sent) == "delivered to slack, hook"


def test_every_delivery_is_stored_pending_before_any_is_attempted(
    service: IncidentService, store: Store, receiver: Receiver, clock: Clock
) -> None:
    incident = declare(service)
    seen_in_store: list[list[tuple[str, DeliveryStatus]]] = []

    def look(request: httpx.Request) -> None:
        seen_in_store.append([(d.target, d.status) for d in stored(store)])

    def client() -> httpx.Client:
        return httpx.Client(event_hooks={"request": [look]})

    Notifier(store, both(receiver), clock, client).announce(incident, MessageKind.DECLARED, BODY)
    assert seen_in_store[0] == [("slack", DeliveryStatus.PENDING), ("hook", DeliveryStatus.PENDING)]
    assert seen_in_store[1] == [("slack", DeliveryStatus.SENT), ("hook", DeliveryStatus.PENDING)]


def test_a_failing_target_does_not_stop_the_others_and_retry_sends_it_once(
    service: IncidentService, store: Store, receiver: Receiver, clock: Clock
) -> None:
    incident = declare(service)
    receiver.modes[SLACK] = "error"
    notifier = Notifier(store, both(receiver), clock)
    outcome = notifier.announce(incident, MessageKind.UPDATE, BODY)

    failed, sent = stored(store)
    assert (failed.target, failed.status, failed.attempts) == ("slack", DeliveryStatus.FAILED, 1)
    assert (sent.target, sent.status) == ("hook", DeliveryStatus.SENT)
    error = failed.last_error or ""
    assert error.startswith("delivery to 'slack' failed: HTTP 500 Internal Server Error")
    assert "s3cr3t" not in error
    assert "127.0.0.1" not in error
    assert "\n" not in error
    assert describe_outcome(outcome) == (
        "delivered to hook; failed for slack (retry with `hotwash deliver --retry`)"
    )

    receiver.modes.pop(SLACK)  # the receiver recovers
    clock.now = T0 + timedelta(minutes=5)
    [retried] = notifier.retry()
    assert (retried.id, retried.status, retried.attempts) == (failed.id, DeliveryStatus.SENT, 2)
    assert (retried.delivered_at, retried.last_error) == (clock.now, None)
    assert stored(store)[0] == retried
    assert [r.json() for r in receiver.seen(SLACK)] == [{"text": BODY}, {"text": BODY}]

    assert notifier.retry() == []
    assert len(receiver.requests) == 3


def test_timeouts_and_refused_connections_are_outcomes_not_exceptions(
    service: IncidentService, store: Store, receiver: Receiver, clock: Clock, closed_port_url: str
) -> None:
    incident = declare(service)
    receiver.modes["/slow"] = "hang"
    targets = [
        make_target("slow", receiver.url("/slow"), timeout_seconds=0.2),
        make_target("gone", closed_port_url),
        make_target("fine", receiver.url("/fine")),
    ]
    outcome = Notifier(store, targets, clock).announce(incident, MessageKind.DECLARED, BODY)
    assert [(d.target, d.status) for d in outcome] == [
        ("slow", DeliveryStatus.FAILED),
        ("gone", DeliveryStatus.FAILED),
        ("fine", DeliveryStatus.SENT),
    ]
    assert outcome[0].last_error == "delivery to 'slow' failed: no answer within 0.2s"
    assert (outcome[1].last_error or "").startswith("delivery to 'gone' failed: connection failed")
    assert "/hook" not in (outcome[1].last_error or "")


@pytest.mark.parametrize(
    ("kind", "severity", "expected"),
    [
        (MessageKind.UPDATE, Severity.SEV2, ["everything"]),
        (MessageKind.STATUS_RESOLVED, Severity.SEV2, ["resolutions", "everything"]),
        (MessageKind.DECLARED, Severity.SEV1, ["sev1-pager", "everything"]),
        (MessageKind.STATUS_MONITORING, Severity.SEV4, []),
    ],
)
def test_targets_get_only_the_events_and_severities_they_want(
    service: IncidentService,
    store: Store,
    receiver: Receiver,
    clock: Clock,
    kind: MessageKind,
    severity: Severity,
    expected: list[str],
) -> None:
    incident = declare(service, severity)
    targets = [
        make_target("sev1-pager", receiver.url("/pager"), min_severity="SEV1"),
        make_target("resolutions", receiver.url("/resolved"), events=["resolved"]),
        make_target("everything", receiver.url("/all"), min_severity="SEV3"),
    ]
    outcome = Notifier(store, targets, clock).announce(incident, kind, BODY)
    assert [d.target for d in outcome] == expected
    assert [d.target for d in stored(store)] == expected
    assert len(receiver.requests) == len(expected)


def test_retry_fails_deliveries_whose_target_is_no_longer_configured(
    service: IncidentService, store: Store, clock: Clock, closed_port_url: str
) -> None:
    incident = declare(service)
    old = [make_target("old-hook", closed_port_url)]
    Notifier(store, old, clock).announce(incident, MessageKind.DECLARED, BODY)
    [retried] = Notifier(store, [], clock).retry()
    assert (retried.status, retried.attempts) == (DeliveryStatus.FAILED, 2)
    assert retried.last_error == "target 'old-hook' is no longer configured"
    assert stored(store) == [retried]


def test_retry_goes_oldest_first_and_can_be_limited_to_one_incident(
    service: IncidentService, store: Store, receiver: Receiver, clock: Clock
) -> None:
    first, second = declare(service), declare(service)
    with store.transaction() as repo:  # stored out of order: the later one gets the lower id
        for incident, minutes in ((first, 9), (second, 3), (first, 1)):
            body = f"{incident.id} +{minutes}m"
            repo.add_delivery(
                Delivery(incident.id, "hook", "update", body, T0 + timedelta(minutes=minutes))
            )
    notifier = Notifier(store, [make_target("hook", receiver.url("/hook"))], clock)

    only_second = notifier.retry(second.id.lower())
    assert [d.body for d in only_second] == [f"{second.id} +3m"]
    assert [d.body for d in notifier.retry()] == [f"{first.id} +1m", f"{first.id} +9m"]
    assert [r.json()["text"] for r in receiver.requests] == [
        f"{second.id} +3m",
        f"{first.id} +1m",
        f"{first.id} +9m",
    ]
    assert all(d.status is DeliveryStatus.SENT for d in stored(store))


def test_nothing_wanted_means_nothing_stored_or_sent(
    service: IncidentService, store: Store, receiver: Receiver, clock: Clock
) -> None:
    incident = declare(service, Severity.SEV4)
    targets = [make_target("sev1-only", receiver.url("/x"), min_severity="SEV1")]
    assert Notifier(store, targets, clock).announce(incident, MessageKind.UPDATE, BODY) == []
    assert stored(store) == []
    assert receiver.requests == []
    assert describe_outcome([]) == "no notification target wants this message"
