"""One Slack export message to a CHAT_MESSAGE event, or the reason it is left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC

from hotwash.evidence.model import EvidenceEvent, EvidenceRef, SignalKind
from hotwash.evidence.sources.fields import JsonObject, as_list, as_object, nested, text
from hotwash.evidence.sources.slack_names import person_name, plain_text
from hotwash.evidence.sources.timestamps import parse_instant

# Channel housekeeping: who joined, topic bookkeeping, pins. Counted, not shown.
HOUSEKEEPING = frozenset(
    {
        "channel_join",
        "channel_leave",
        "group_join",
        "group_leave",
        "channel_purpose",
        "group_purpose",
        "channel_name",
        "group_name",
        "channel_archive",
        "channel_unarchive",
        "group_archive",
        "group_unarchive",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "bot_add",
        "bot_remove",
        "app_conversation_join",
    }
)
BOT_SUBTYPES = frozenset({"bot_message", "bot_remove", "slackbot_response"})
DELETED = frozenset({"message_deleted", "tombstone"})


@dataclass
class SlackChannel:
    """Where messages are read from, and the names to show in them."""

    name: str | None
    path: str
    users: dict[str, str]
    channels: dict[str, str]
    unresolved_users: set[str] = field(default_factory=set)

    @property
    def source(self) -> str:
        return f"slack #{self.name}" if self.name else "slack"


def message_event(raw: object, channel: SlackChannel) -> EvidenceEvent | str:
    """The message's event, or why it is skipped."""
    message = as_object(raw)
    if message is None:
        return "message is not an object"
    reason = _noise(message)
    if reason is not None:
        return reason
    ts = text(message, "ts")
    when = parse_instant(ts, UTC)
    if when.at is None or ts is None:
        return f"message ts: {when.problem}"
    body = _body(message, channel)
    if not body:
        return "empty message"
    return EvidenceEvent(
        at=when.at,
        kind=SignalKind.CHAT_MESSAGE,
        text=body,
        source=channel.source,
        ref=EvidenceRef(channel.path, detail=f"ts {ts}"),
        actor=_author(message, channel),
        labels=_labels(message, channel, ts),
    )


def _noise(message: JsonObject) -> str | None:
    kind, subtype = text(message, "type"), text(message, "subtype")
    if kind is not None and kind != "message":
        return "not a message"
    if subtype in HOUSEKEEPING:
        return f"channel housekeeping ({subtype})"
    if subtype in BOT_SUBTYPES or (message.get("bot_id") and not message.get("user")):
        return "bot message"
    if subtype in DELETED:
        return "deleted message"
    return None


def _body(message: JsonObject, channel: SlackChannel) -> str:
    raw = message.get("text")
    body = plain_text(raw, channel.users, channel.channels).strip() if isinstance(raw, str) else ""
    files = [text(as_object(item), "name", "title") for item in as_list(message.get("files")) or []]
    shared = ", ".join(name for name in files if name)
    if shared:
        body = f"{body} [shared: {shared}]" if body else f"[shared: {shared}]"
    return body


def _author(message: JsonObject, channel: SlackChannel) -> str | None:
    user_id = text(message, "user")
    known = channel.users.get(user_id) if user_id else None
    name = known or person_name(nested(message, "user_profile")) or text(message, "username")
    if user_id and not known and name is None:
        channel.unresolved_users.add(user_id)
    return name or user_id


def _labels(message: JsonObject, channel: SlackChannel, ts: str) -> dict[str, str]:
    thread = text(message, "thread_ts")
    labels = {
        "channel": channel.name,
        "user_id": text(message, "user"),
        "ts": ts,
        "thread_ts": thread,
        "reply": "true" if thread and thread != ts else None,
        "subtype": text(message, "subtype"),
    }
    return {key: value for key, value in labels.items() if value}
