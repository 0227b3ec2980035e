"""Names in a Slack export: user ids to people, and Slack's ``<@U123>`` markup to plain text."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hotwash.evidence.sources.fields import JsonObject, as_list, as_object, nested, text
from hotwash.evidence.sources.jsondoc import load_json_documents

_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto|ftp):[^|>]+)(?:\|([^>]*))?>")

CHANNEL_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")


def person_name(user: JsonObject | None) -> str | None:
    """How people know someone: real name, else display name, else the user name."""
    profile = nested(user, "profile")
    return (
        text(user, "real_name")
        or text(profile, "real_name")
        or text(profile, "display_name")
        or text(user, "name")
    )


def read_users(folder: Path) -> tuple[dict[str, str], str | None]:
    """``users.json`` as id -> name, and what went wrong reading it (if it exists)."""
    path = folder / "users.json"
    if not path.is_file():
        return {}, None
    loaded = load_json_documents(path)
    users: dict[str, str] = {}
    for item in first_list(loaded.documents):
        user = as_object(item)
        user_id, name = text(user, "id"), person_name(user)
        if user_id and name:
            users[user_id] = name
    return users, loaded.problem


def profile_names(messages: list[object]) -> dict[str, str]:
    """Names from the ``user_profile`` copies that exports attach to messages."""
    names: dict[str, str] = {}
    for message in map(as_object, messages):
        user_id = text(message, "user")
        name = person_name(nested(message, "user_profile"))
        if user_id and name:
            names.setdefault(user_id, name)
    return names


def read_channel_names(folder: Path) -> dict[str, str]:
    """Channel id -> name from the export's channel lists (public, private, group DMs)."""
    names: dict[str, str] = {}
    for list_name in CHANNEL_LISTS:
        path = folder / list_name
        documents = load_json_documents(path).documents if path.is_file() else []
        for item in first_list(documents):
            channel = as_object(item)
            channel_id, name = text(channel, "id"), text(channel, "name")
            if channel_id and name:
                names[channel_id] = name
    return names


def first_list(documents: list[object]) -> list[object]:
    """The array an export file holds; nothing if it holds something else."""
    return (as_list(documents[0]) or []) if documents else []


def plain_text(raw: str, users: dict[str, str], channels: dict[str, str]) -> str:
    """Slack markup as people read it: ``<@U123>`` -> ``@Priya Natarajan``, links to labels."""
    cleaned = _USER.sub(lambda match: "@" + _user_label(match, users), raw)
    cleaned = _CHANNEL.sub(
        lambda m: "#" + (m.group(2) or channels.get(m.group(1), m.group(1))), cleaned
    )
    cleaned = _SPECIAL.sub(lambda match: "@" + match.group(1), cleaned)
    cleaned = _SUBTEAM.sub(lambda match: match.group(1) or "@group", cleaned)
    cleaned = _LINK.sub(lambda match: match.group(2) or match.group(1), cleaned)
    return html.unescape(cleaned)


def _user_label(match: re.Match[str], users: dict[str, str]) -> str:
    return users.get(match.group(1)) or match.group(2) or match.group(1)


def _channel_label(match: re.Match[str], channels: dict[str, str]) -> str:
    return match.group(2) or channels.get(match.group(1)) or match.group(1)
