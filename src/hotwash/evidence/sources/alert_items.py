"""One Alertmanager alert object, checked field by field (API v2, amtool and webhook shapes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from hotwash.evidence.sources.fields import (
    SERVICE_LABELS,
    JsonObject,
    as_list,
    as_object,
    first_of,
    string_map,
)
from hotwash.evidence.sources.fields import text as text_of
from hotwash.evidence.sources.timestamps import parse_instant


@dataclass(frozen=True)
class AlertItem:
    name: str
    identity: str
    starts_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    state: str | None
    summary: str | None
    service: str | None
    labels: dict[str, str] = field(hash=False)
    assumed_zone: bool = False


def read_alert_item(raw: object, zone: tzinfo) -> AlertItem | str:
    """The alert, or the reason it cannot be used."""
    alert = as_object(raw)
    if alert is None:
        return "alert is not an object"
    labels = string_map(alert.get("labels"))
    if not labels:
        return "alert without labels"
    starts, ends, updated = (parse_instant(alert.get(key), zone) for key in _TIME_KEYS)
    if starts.at is None:
        return f"alert startsAt: {starts.problem}"
    state = _state(alert)
    return AlertItem(
        name=labels.get("alertname", "(no alertname)"),
        identity=text_of(alert, "fingerprint") or repr(sorted(labels.items())),
        starts_at=starts.at,
        updated_at=updated.at or ends.at or starts.at,
        resolved_at=_resolved_at(state, starts.at, ends.at, updated.at),
        state=state,
        summary=text_of(string_map(alert.get("annotations")), "summary", "description", "message"),
        service=first_of(labels, SERVICE_LABELS),
        labels=labels | _extra_labels(alert, labels, state),
        assumed_zone=any(parsed.assumed for parsed in (starts, ends, updated)),
    )


_TIME_KEYS = ("startsAt", "endsAt", "updatedAt")


def _state(alert: JsonObject) -> str | None:
    """``firing``/``resolved`` in webhooks; ``active``/``suppressed``/``unprocessed`` in v2."""
    status = alert.get("status")
    if isinstance(status, str):
        return status.strip().lower() or None
    return text_of(as_object(status), "state")


def _resolved_at(
    state: str | None, starts: datetime, ends: datetime | None, updated: datetime | None
) -> datetime | None:
    if ends is None or ends < starts or state == "firing":
        return None
    if state == "resolved":
        return ends
    return ends if updated is not None and ends <= updated else None


def _extra_labels(alert: JsonObject, labels: dict[str, str], state: str | None) -> dict[str, str]:
    """Alertmanager's own facts, under names that never hide one of the alert's labels."""
    status = as_object(alert.get("status"))
    extra = {
        "state": state,
        "fingerprint": text_of(alert, "fingerprint"),
        "receivers": _names(alert.get("receivers")),
        "silenced_by": _names(status.get("silencedBy") if status else None),
        "inhibited_by": _names(status.get("inhibitedBy") if status else None),
    }
    return {key: value for key, value in extra.items() if value and key not in labels}


def _names(value: object) -> str | None:
    """``[{"name": "pager"}]`` or ``["f1", "f2"]`` as ``pager`` / ``f1,f2``."""
    names = []
    for item in as_list(value) or []:
        name = item if isinstance(item, str) else text_of(as_object(item), "name")
        if name:
            names.append(name)
    return ",".join(names) or None
