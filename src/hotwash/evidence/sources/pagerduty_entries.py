"""What one PagerDuty log entry says: its signal, text, actor, service and labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from hotwash.evidence.model import SignalKind
from hotwash.evidence.sources.fields import JsonObject, nested, text

KINDS = {
    "trigger_log_entry": SignalKind.PAGE_TRIGGERED,
    "notify_log_entry": SignalKind.PAGE_NOTIFIED,
    "acknowledge_log_entry": SignalKind.PAGE_ACKNOWLEDGED,
    "resolve_log_entry": SignalKind.PAGE_RESOLVED,
}
_ENTRY_SUFFIX = "_log_entry"


@dataclass(frozen=True)
class EntryFacts:
    kind: SignalKind
    text: str
    actor: str | None
    service: str | None
    detail: str
    labels: dict[str, str] = field(default_factory=dict)


def describe_entry(entry: JsonObject) -> EntryFacts | str:
    """The entry's facts, or the reason it is skipped."""
    entry_type = entry.get("type")
    if not isinstance(entry_type, str):
        return "log entry without a type"
    if not entry_type.endswith(_ENTRY_SUFFIX):
        return "unknown log entry type"
    kind = KINDS.get(entry_type, SignalKind.NOTE)
    notified = _person(nested(entry, "user")) if kind is SignalKind.PAGE_NOTIFIED else None
    actor = notified or _person(nested(entry, "agent"))
    return EntryFacts(
        kind=kind,
        text=_text(entry, entry_type, kind, actor),
        actor=actor,
        service=text(nested(entry, "service"), "summary", "name"),
        detail=text(entry, "id") or entry_type,
        labels=_labels(entry, entry_type, notified),
    )


def _person(reference: JsonObject | None) -> str | None:
    return text(reference, "summary", "name", "email")


def _text(entry: JsonObject, entry_type: str, kind: SignalKind, actor: str | None) -> str:
    summary = text(entry, "summary")
    incident = text(nested(entry, "incident"), "summary")
    if kind is SignalKind.PAGE_TRIGGERED:
        return f"Page triggered: {incident or summary or 'incident'}"
    if kind is SignalKind.PAGE_NOTIFIED:
        return summary or f"Notified {actor or 'someone'} by {_notification(entry) or 'page'}"
    if kind in {SignalKind.PAGE_ACKNOWLEDGED, SignalKind.PAGE_RESOLVED}:
        verb = "acknowledged" if kind is SignalKind.PAGE_ACKNOWLEDGED else "resolved"
        return f"Page {verb} by {actor}" if actor else summary or f"Page {verb}"
    action = entry_type.removesuffix(_ENTRY_SUFFIX).replace("_", " ")
    note = text(nested(entry, "channel"), "summary", "notes") or text(entry, "note")
    headline = summary or f"PagerDuty {action}"
    return f"{headline}: {note}" if note and note != headline else headline


def _notification(entry: JsonObject) -> str | None:
    found = nested(entry, "channel", "notification") or nested(entry, "notification")
    return text(found, "type")


def _labels(entry: JsonObject, entry_type: str, notified: str | None) -> dict[str, str]:
    incident = nested(entry, "incident")
    labels = {
        "entry_type": entry_type,
        "entry_id": text(entry, "id"),
        "incident_id": text(incident, "id"),
        "incident": text(incident, "summary"),
        "channel": text(nested(entry, "channel"), "type"),
        "notified": notified,
        "notified_by": _notification(entry) if notified else None,
        "agent_type": text(nested(entry, "agent"), "type"),
    }
    return {key: value for key, value in labels.items() if value}
