"""Slack workspace exports: ``users.json``, ``channels.json`` and ``<channel>/<day>.json``.

Every message becomes a CHAT_MESSAGE event with people's names instead of user ids,
in ``<@U123>`` mentions too. Times come from each message's ``ts`` (epoch seconds,
UTC), so a discussion that runs past midnight across two day files stays in order.
A single day file is read too when its content is unmistakably Slack messages.
"""

from __future__ import annotations

import re
from pathlib import Path

from hotwash.evidence.model import EvidenceBatch, EvidenceEvent, IngestStats
from hotwash.evidence.source import ReadContext, Target
from hotwash.evidence.sources.jsondoc import load_json_documents
from hotwash.evidence.sources.reading import finish_events, new_stats, note_load_problem
from hotwash.evidence.sources.slack_messages import SlackChannel, message_event
from hotwash.evidence.sources.slack_names import (
    CHANNEL_LISTS,
    first_list,
    profile_names,
    read_channel_names,
    read_users,
)

DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_MESSAGE_TYPE = re.compile(r'"type"\s*:\s*"message"')
_SLACK_TS = re.compile(r'"ts"\s*:\s*"\d{9,10}\.\d+"')


class SlackSource:
    """Chat messages from a Slack export."""

    name = "slack"

    def sniff(self, target: Target) -> float:
        if target.is_dir:
            return 0.95 if is_slack_export(target.path) else 0.0
        head = target.head.decode("utf-8", errors="replace").lstrip()
        if head.startswith("[") and _MESSAGE_TYPE.search(head) and _SLACK_TS.search(head):
            return 0.85
        return 0.0

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        if target.is_dir:
            return read_export(target.path, context)
        export_root = target.path.parent.parent
        in_export = is_slack_export(export_root)
        users, _ = read_users(export_root) if in_export else ({}, None)
        channels = read_channel_names(export_root) if in_export else {}
        channel_name = target.path.parent.name if in_export else None
        batch = EvidenceBatch()
        _read_day_file(target.path, channel_name, users, channels, context, batch)
        return batch


def is_slack_export(folder: Path) -> bool:
    """A folder with the export's lists and at least one channel folder of day files."""
    if not folder.is_dir():
        return False
    has_lists = any((folder / name).is_file() for name in ("users.json", *CHANNEL_LISTS))
    return has_lists and any(True for _ in _channel_folders(folder))


def read_export(folder: Path, context: ReadContext) -> EvidenceBatch:
    users, problem = read_users(folder)
    channels = read_channel_names(folder)
    batch = EvidenceBatch()
    users_stats = new_stats(folder / "users.json", context, "slack users")
    users_stats.records = len(users)
    if problem:
        users_stats.skip(problem)
    for channel_folder in _channel_folders(folder):
        for day_file in sorted(channel_folder.iterdir()):
            if DAY_FILE.match(day_file.name) and day_file.is_file():
                _read_day_file(day_file, channel_folder.name, users, channels, context, batch)
    batch.events.sort(key=lambda event: event.at)
    batch.stats.insert(0, users_stats)
    return batch


def _channel_folders(folder: Path) -> list[Path]:
    return sorted(
        child
        for child in folder.iterdir()
        if child.is_dir() and any(DAY_FILE.match(name.name) for name in child.iterdir())
    )


def _read_day_file(
    path: Path,
    channel_name: str | None,
    users: dict[str, str],
    channels: dict[str, str],
    context: ReadContext,
    batch: EvidenceBatch,
) -> None:
    stats = new_stats(path, context, "slack")
    loaded = load_json_documents(path)
    note_load_problem(stats, loaded)
    messages = first_list(loaded.documents)
    # users.json wins; a message's own profile copy names people it does not list.
    known = profile_names(messages) | users
    channel = SlackChannel(channel_name, context.display_path(path), known, channels)
    if loaded.documents and not messages and not loaded.problem:
        stats.skip("not a list of messages")
    events = _events(messages, channel, stats)
    if channel.unresolved_users:
        unknown = ", ".join(sorted(channel.unresolved_users))
        stats.notes.append(f"user ids not in users.json: {unknown}")
    batch.events.extend(finish_events(events, context, stats))
    batch.stats.append(stats)


def _events(
    messages: list[object], channel: SlackChannel, stats: IngestStats
) -> list[EvidenceEvent]:
    events: list[EvidenceEvent] = []
    for raw in messages:
        event = message_event(raw, channel)
        if isinstance(event, str):
            stats.skip(event)
            continue
        if events and event.at < events[-1].at:
            stats.backwards_timestamps += 1
        events.append(event)
    return events
