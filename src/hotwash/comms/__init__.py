"""Incident communications: render messages, store them in an outbox, post them to webhooks."""

from hotwash.comms.context import MessageContext, build_context
from hotwash.comms.delivery import Delivery, DeliveryStatus
from hotwash.comms.messages import (
    ANNOUNCED_EVENT,
    MessageKind,
    message_for_status,
    render_message,
)
from hotwash.comms.notifier import Notifier, describe_outcome
from hotwash.comms.webhooks import post_message, webhook_payload

__all__ = [
    "ANNOUNCED_EVENT",
    "Delivery",
    "DeliveryStatus",
    "MessageContext",
    "MessageKind",
    "Notifier",
    "build_context",
    "describe_outcome",
    "message_for_status",
    "post_message",
    "render_message",
    "webhook_payload",
]
