"""Post the digest to a configured notification target (a Slack or generic webhook).

The digest belongs to no single incident, so it does not go through the incident
outbox; it is posted once, and a failure is reported in one line that names the
target and never its URL (a webhook URL is its secret).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from hotwash.config.settings import NotificationTarget
from hotwash.errors import ConfigError, DeliveryError


def find_target(targets: list[NotificationTarget], name: str | None) -> NotificationTarget:
    if name is None:
        raise ConfigError("no digest target: pass --post NAME or set followup.digest_target")
    found = next((t for t in targets if t.name == name), None)
    if found is None:
        known = ", ".join(t.name for t in targets) or "none configured"
        raise ConfigError(f"no notification target named {name!r} ({known})")
    return found


def digest_payload(target: NotificationTarget, text: str, sent_at: datetime) -> dict[str, Any]:
    if target.kind == "slack":
        return {"text": text}
    return {"event": "digest", "text": text, "sent_at": sent_at.isoformat()}


def post_digest(
    target: NotificationTarget, text: str, client: httpx.Client, sent_at: datetime
) -> None:
    payload = digest_payload(target, text, sent_at)
    try:
        response = client.post(target.url, json=payload, timeout=target.timeout_seconds)
    except httpx.TimeoutException:
        raise DeliveryError(f"digest to {target.name!r} failed: no answer in time") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        problem = "connection failed" if isinstance(error, httpx.ConnectError) else "request failed"
        raise DeliveryError(f"digest to {target.name!r} failed: {problem}") from None
    if not response.is_success:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        raise DeliveryError(f"digest to {target.name!r} failed: {status}")
