"""Slack: channel history through the Web API, saved as a Slack export folder.

For each configured channel: ``conversations.info`` (its name), ``conversations.history``
over the window, ``conversations.replies`` for threads, and ``users.info`` once per
person who wrote, so the export reads with people's names. The folder has the
export's layout (``users.json``, ``channels.json``, ``<channel>/<YYYY-MM-DD>.json``),
which the Slack evidence source reads like any export.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from hotwash.config.settings import Settings, SlackEndpoint
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import publish_dir, safe_name, staging_dir, write_atomic
from hotwash.live.http import ApiClient
from hotwash.live.unit import Fetched, Unit, UnitContext

SOURCE = "slack"
FOLDER = "slack"
PAGE_SIZE = 200
MAX_PAGES = 50
_AUTH_ERRORS = {"not_authed", "invalid_auth", "account_inactive", "token_revoked", "missing_scope"}


def slack_units(settings: Settings) -> list[Unit]:
    endpoint = settings.sources.slack
    if endpoint is None or not endpoint.channels:
        return []
    return [Unit(f"{SOURCE}/channels", SOURCE, lambda context: fetch_channels(context, endpoint))]


def fetch_channels(context: UnitContext, endpoint: SlackEndpoint) -> Fetched:
    client = context.client(SOURCE, endpoint)
    since, until = (
        f"{moment.timestamp():.6f}" for moment in (context.window.since, context.window.until)
    )
    channels, history = [], {}
    for channel_id in endpoint.channels:
        info = _call(client, "conversations.info", {"channel": channel_id})["channel"]
        channels.append(info)
        history[info.get("name") or channel_id] = _history(client, channel_id, since, until)
    if not any(history.values()):
        return Fetched(note="no messages in the window")
    users = [_user(client, user) for user in sorted(_authors(history))]
    final = context.folder / FOLDER
    staging = staging_dir(final)
    _write_export(staging, users, channels, history)
    publish_dir(staging, final)
    return Fetched([FOLDER])


def _history(client: ApiClient, channel: str, since: str, until: str) -> list[dict[str, Any]]:
    window = {"channel": channel, "oldest": since, "latest": until, "inclusive": "true"}
    messages = _pages(client, "conversations.history", window)
    for parent in [
        m for m in messages if m.get("reply_count") and m.get("thread_ts") == m.get("ts")
    ]:
        replies = _pages(client, "conversations.replies", window | {"ts": str(parent["ts"])})
        messages += [reply for reply in replies if reply.get("ts") != parent.get("ts")]
    return sorted(messages, key=_ts)


def _pages(client: ApiClient, method: str, params: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cursor = ""
    for _ in range(MAX_PAGES):
        data = _call(client, method, params | {"limit": str(PAGE_SIZE), "cursor": cursor})
        found += [item for item in data.get("messages", []) if isinstance(item, dict)]
        cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "")
        if not cursor:
            break
    return found


def _user(client: ApiClient, user_id: str) -> dict[str, Any]:
    user = _call(client, "users.info", {"user": user_id}).get("user")
    return user if isinstance(user, dict) else {"id": user_id}


def _call(client: ApiClient, method: str, params: dict[str, str]) -> dict[str, Any]:
    """A Web API call; Slack answers HTTP 200 with ``"ok": false`` and a reason on failure."""
    data = client.get(f"/{method}", params).data
    if not isinstance(data, dict):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: {method} did not answer an object")
    if data.get("ok") is not True:
        reason = str(data.get("error") or "no reason given")
        failure = Failure.AUTH if reason in _AUTH_ERRORS else Failure.REJECTED
        raise FetchError(failure, f"{SOURCE}: {method} failed: {reason}")
    return data


def _authors(history: dict[str, list[dict[str, Any]]]) -> set[str]:
    return {str(m["user"]) for messages in history.values() for m in messages if m.get("user")}


def _write_export(
    folder: Any,
    users: list[dict[str, Any]],
    channels: list[dict[str, Any]],
    history: dict[str, list[dict[str, Any]]],
) -> None:
    write_atomic(folder / "users.json", _json(users))
    write_atomic(folder / "channels.json", _json(channels))
    for name, messages in history.items():
        for day, day_messages in _by_day(messages).items():
            write_atomic(folder / safe_name(name) / f"{day}.json", _json(day_messages))


def _by_day(messages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Export day files are UTC days, as Slack's own exports are."""
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for message in messages:
        moment = datetime.fromtimestamp(_ts(message), tz=UTC)
        days[f"{moment:%Y-%m-%d}"].append(message)
    return days


def _ts(message: dict[str, Any]) -> float:
    """A message's ``ts`` (``"1715679240.000100"``); an unreadable one sorts first."""
    try:
        return float(message.get("ts", 0))
    except (TypeError, ValueError):
        return 0.0


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
