"""The outbox: store every message before posting it, then post and record the outcome.

Storing first is the guarantee: once :meth:`Notifier.announce` has committed the
pending deliveries, a webhook that is down, slow or misconfigured can delay an
update but never lose it; :meth:`Notifier.retry` sends whatever is still unsent.
Delivery problems are outcomes, not exceptions: the caller gets every delivery
back with its status and reports them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import httpx

from hotwash.comms.delivery import Delivery, DeliveryStatus
from hotwash.comms.messages import ANNOUNCED_EVENT, MessageKind
from hotwash.comms.webhooks import post_message
from hotwash.config.settings import NotificationTarget
from hotwash.errors import DeliveryError
from hotwash.incidents.model import Incident, check_incident_id
from hotwash.incidents.repository import Store
from hotwash.times import to_utc

__all__ = ["Clock", "Notifier", "describe_outcome"]

Clock = Callable[[], datetime]
ClientFactory = Callable[[], httpx.Client]

RETRY_HINT = "retry with `hotwash deliver --retry`"


class Notifier:
    """Posts messages to the configured targets through the store's delivery outbox."""

    def __init__(
        self,
        store: Store,
        targets: Sequence[NotificationTarget],
        clock: Clock,
        client_factory: ClientFactory = httpx.Client,
    ) -> None:
        self._store = store
        self._targets = {target.name: target for target in targets}
        self._clock = clock
        self._client_factory = client_factory

    def announce(
        self, incident: Incident, kind: MessageKind, body: str, event_seq: int | None = None
    ) -> list[Delivery]:
        """Queue ``body`` for every target that wants it, then try to deliver each one."""
        event = ANNOUNCED_EVENT[MessageKind(kind)]
        wanted = [t for t in self._targets.values() if t.wants(event, incident.severity)]
        if not wanted:
            return []
        now = self._now()
        with self._store.transaction() as repo:
            queued = [
                repo.add_delivery(
                    Delivery(incident.id, t.name, str(kind), body, now, event_seq=event_seq)
                )
                for t in wanted
            ]
        return self._attempt_all(queued, {incident.id: incident})

    def retry(self, incident_id: str | None = None) -> list[Delivery]:
        """Re-attempt every pending or failed delivery (of one incident, or all), oldest first."""
        key = check_incident_id(incident_id) if incident_id is not None else None
        with self._store.transaction() as repo:
            unsent = repo.deliveries(incident_id=key, unsent_only=True)
            ids = {delivery.incident_id for delivery in unsent}
            incidents = {i: found for i in ids if (found := repo.get_incident(i)) is not None}
        unsent.sort(key=lambda d: (d.created_at, d.id or 0))
        return self._attempt_all(unsent, incidents)

    # -- helpers -------------------------------------------------------------------------

    def _attempt_all(
        self, deliveries: list[Delivery], incidents: dict[str, Incident]
    ) -> list[Delivery]:
        if not deliveries:
            return deliveries
        with self._client_factory() as client:
            for delivery in deliveries:
                self._attempt(delivery, incidents.get(delivery.incident_id), client)
                # One transaction per outcome: a crash mid-way re-sends as little as possible.
                with self._store.transaction() as repo:
                    repo.save_delivery(delivery)
        return deliveries

    def _attempt(self, delivery: Delivery, incident: Incident | None, client: httpx.Client) -> None:
        delivery.attempts += 1
        try:
            self._post(delivery, incident, client)
        except DeliveryError as error:
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = " ".join(str(error).split())
            return
        delivery.status = DeliveryStatus.SENT
        delivery.delivered_at = self._now()
        delivery.last_error = None

    def _post(self, delivery: Delivery, incident: Incident | None, client: httpx.Client) -> None:
        target = self._targets.get(delivery.target)
        if target is None:
            raise DeliveryError(f"target {delivery.target!r} is no longer configured")
        if incident is None:
            raise DeliveryError(f"incident {delivery.incident_id} no longer exists")
        post_message(
            target,
            incident=incident,
            kind=delivery.message_kind,
            body=delivery.body,
            client=client,
            sent_at=self._now(),
        )

    def _now(self) -> datetime:
        return to_utc(self._clock())


def describe_outcome(deliveries: Sequence[Delivery]) -> str:
    """One line for people: ``delivered to a, b; failed for c (retry with ...)``."""
    sent = [d.target for d in deliveries if d.status is DeliveryStatus.SENT]
    failed = [d.target for d in deliveries if d.status is not DeliveryStatus.SENT]
    parts = [f"delivered to {', '.join(sent)}"] if sent else []
    if failed:
        parts.append(f"failed for {', '.join(failed)} ({RETRY_HINT})")
    return "; ".join(parts) or "no notification target wants this message"
