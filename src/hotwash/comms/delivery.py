"""Deliveries: a rendered message on its way to one notification target.

A delivery is stored before it is attempted, so a failing webhook never loses
the update it carries; ``hotwash deliver --retry`` sends what is still pending.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass
class Delivery:
    incident_id: str
    target: str
    message_kind: str
    body: str
    created_at: datetime
    event_seq: int | None = None
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    delivered_at: datetime | None = None
    id: int | None = None
