"""Posting one rendered message to one notification target over HTTP.

A target's URL usually carries its secret (a Slack incoming-webhook URL *is*
the credential), so no error raised here ever contains it: failures name the
target by its configured name and say what went wrong in one line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from hotwash.comms.messages import MessageKind
from hotwash.config.settings import NotificationTarget
from hotwash.errors import DeliveryError
from hotwash.incidents.model import Incident

__all__ = ["post_message", "webhook_payload"]

_EXCERPT = 200


def post_message(
    target: NotificationTarget,
    *,
    incident: Incident,
    kind: MessageKind | str,
    body: str,
    client: httpx.Client,
    sent_at: datetime | None = None,
) -> None:
    """POST ``body`` to ``target``; raise :class:`DeliveryError` unless it answers 2xx."""
    payload = webhook_payload(target, incident=incident, kind=kind, body=body, sent_at=sent_at)
    try:
        response = client.post(target.url, json=payload, timeout=target.timeout_seconds)
    except httpx.TimeoutException:
        raise _failure(target, f"no answer within {target.timeout_seconds:g}s") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise _failure(target, _transport_problem(target, error)) from None
    if not response.is_success:
        raise _failure(target, _status_problem(target, response))


def webhook_payload(
    target: NotificationTarget,
    *,
    incident: Incident,
    kind: MessageKind | str,
    body: str,
    sent_at: datetime | None = None,
) -> dict[str, Any]:
    """The JSON body for ``target``: Slack's ``{"text": ...}`` or hotwash's own shape."""
    if target.kind == "slack":
        return {"text": body}
    moment = (sent_at or datetime.now(UTC)).astimezone(UTC)
    return {
        "event": str(kind),
        "incident": {
            "id": incident.id,
            "title": incident.title,
            "severity": incident.severity.value,
            "status": incident.status.value,
            "services": list(incident.services),
        },
        "text": body,
        "sent_at": moment.isoformat(),
    }


def _failure(target: NotificationTarget, problem: str) -> DeliveryError:
    return DeliveryError(f"delivery to {target.name!r} failed: {problem}")


def _status_problem(target: NotificationTarget, response: httpx.Response) -> str:
    problem = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    excerpt = _one_line(_redact(response.text, target.url))
    return f"{problem}: {excerpt}" if excerpt else problem


def _transport_problem(target: NotificationTarget, error: Exception) -> str:
    # httpx messages are usually "[Errno 111] Connection refused", but some
    # (invalid URLs, proxies) quote the URL, so they are redacted all the same.
    detail = _one_line(_redact(str(error), target.url))
    kind = "connection failed" if isinstance(error, httpx.ConnectError) else type(error).__name__
    return f"{kind} ({detail})" if detail else kind


def _redact(text: str, url: str) -> str:
    """Remove the URL and the parts of it where a webhook's secret usually lives."""
    for secret in sorted(_secret_parts(url), key=len, reverse=True):
        text = text.replace(secret, "[url]")
    return text


def _secret_parts(url: str) -> set[str]:
    parts = {url, url.rstrip("/")}
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return parts
    raw = (parsed.raw_path, parsed.userinfo, parsed.query)
    parts |= {parsed.path, *(part.decode("ascii", "replace") for part in raw)}
    return {part for part in parts if len(part) > 1}  # "/" alone is no secret


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1] + "…"
