from __future__ import annotations

import json
import shutil
from pathlib import Path

from sources_helpers import AWKWARD, INCIDENT, assert_aware_utc, context, read, utc

from hotwash.evidence.model import EvidenceRef, SignalKind
from hotwash.evidence.opening import make_target
from hotwash.evidence.sources.slack import SlackSource

EXPORT = INCIDENT / "slack-export"
SOURCE = SlackSource()


def test_export_folder_becomes_chat_messages_in_utc_order_across_midnight() -> None:
    batch = read(SOURCE, EXPORT, context())
    assert_aware_utc(batch)
    assert {event.kind for event in batch.events} == {SignalKind.CHAT_MESSAGE}
    times = [event.at for event in batch.events]
    assert times == sorted(times)
    assert times[0] == utc(2026, 3, 14, 13, 55, 12)
    assert times[-1] == utc(2026, 3, 15, 0, 20)
    # 23:40 UTC sits in the 2026-03-15 day file (the workspace's day is Europe/Berlin's)
    late = [event for event in batch.events if event.at >= utc(2026, 3, 14, 22)]
    assert [(event.at, event.ref.path) for event in late] == [
        (utc(2026, 3, 14, 22, 50), "slack-export/incidents/2026-03-14.json"),
        (utc(2026, 3, 14, 23, 40, 10), "slack-export/incidents/2026-03-15.json"),
        (utc(2026, 3, 15, 0, 5), "slack-export/incidents/2026-03-15.json"),
        (utc(2026, 3, 15, 0, 20), "slack-export/incidents/2026-03-15.json"),
    ]


def test_names_mentions_links_and_channel_labels() -> None:
    events = read(SOURCE, EXPORT, context()).events
    texts = {event.at: event for event in events}
    ack = texts[utc(2026, 3, 14, 14, 7, 40)]
    assert ack.actor == "Priya Natarajan"
    assert ack.source == "slack #incidents"
    assert ack.text == (
        "ack'd the page - checkout is throwing 502s since ~14:02 UTC. @Dana Okafor can you join?"
    )
    assert ack.ref == EvidenceRef(
        "slack-export/incidents/2026-03-14.json", None, "ts 1773497260.000000"
    )
    assert texts[utc(2026, 3, 14, 14, 9, 30)].text == "here. Was there a deploy? cc @Marco B."
    assert texts[utc(2026, 3, 14, 14, 10, 12)].text.endswith(
        "13:58 & it changed the HTTP client pool settings"
    )
    assert texts[utc(2026, 3, 14, 14, 24, 5)].text == "rollback to 2.13.2 started, see #deploys"
    assert texts[utc(2026, 3, 14, 22, 50)].text == "postmortem draft started: PM-4312"
    assert texts[utc(2026, 3, 14, 13, 55, 12)].source == "slack #deploys"
    closing = texts[utc(2026, 3, 15, 0, 20)]
    assert closing.text == "@Priya Natarajan @Marco B. thanks both, closing the channel for tonight"


def test_threads_are_labelled() -> None:
    events = {event.at: event for event in read(SOURCE, EXPORT, context()).events}
    root = events[utc(2026, 3, 14, 14, 12, 20)]
    reply = events[utc(2026, 3, 14, 14, 13)]
    assert "reply" not in root.labels
    assert reply.labels["thread_ts"] == root.labels["ts"]
    assert reply.labels["reply"] == "true"


def test_stats_per_day_file_count_joins_bots_and_unknown_users() -> None:
    stats = {item.path: item for item in read(SOURCE, EXPORT, context()).stats}
    assert list(stats) == [
        "slack-export/users.json",
        "slack-export/deploys/2026-03-14.json",
        "slack-export/incidents/2026-03-14.json",
        "slack-export/incidents/2026-03-15.json",
    ]
    assert stats["slack-export/users.json"].records == 4
    deploys = stats["slack-export/deploys/2026-03-14.json"]
    assert (deploys.records, deploys.skipped) == (2, {"bot message": 1})
    day_one = stats["slack-export/incidents/2026-03-14.json"]
    assert day_one.records == 10
    assert day_one.skipped == {"bot message": 1, "channel housekeeping (channel_join)": 2}
    day_two = stats["slack-export/incidents/2026-03-15.json"]
    assert day_two.records == 3
    assert day_two.notes == ["user ids not in users.json: U09GHOST"]
    assert day_two.first_time == utc(2026, 3, 14, 23, 40, 10)


def test_unknown_user_keeps_the_id_and_profile_copies_name_people() -> None:
    events = {event.at: event for event in read(SOURCE, EXPORT, context()).events}
    assert events[utc(2026, 3, 15, 0, 5)].actor == "U09GHOST"
    # users.json names Marco "Marco B."; the profile copy on his message does not override it
    assert events[utc(2026, 3, 14, 23, 40, 10)].actor == "Marco B."


def test_single_day_file_alone() -> None:
    batch = read(SOURCE, AWKWARD / "slack_day_file.json", context(AWKWARD))
    timeline = [(event.at, event.actor, event.text) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 15, 0, 0, 100), "Sam Lee", "is anyone looking at #payments latency?"),
        (utc(2026, 3, 14, 15, 0, 30, 300), "U0KIM", "yes - mail on-call <3"),
        (
            utc(2026, 3, 14, 15, 1, 0, 200),
            "Sam Lee",
            "@Sam Lee set the channel topic: payments backlog",
        ),
        (utc(2026, 3, 14, 15, 1, 40, 400), "U0KIM", "[shared: payments-latency.png]"),
    ]
    assert {event.source for event in batch.events} == {"slack"}
    stats = batch.stats[0]
    assert stats.skipped == {
        "message ts: missing time": 1,
        "deleted message": 1,
        "empty message": 1,
    }
    assert stats.backwards_timestamps == 1
    assert stats.notes == ["user ids not in users.json: U0KIM"]


def test_day_file_inside_an_export_uses_the_exports_names(tmp_path: Path) -> None:
    day = EXPORT / "incidents" / "2026-03-15.json"
    batch = read(SOURCE, day, context())
    assert batch.events[-1].source == "slack #incidents"
    assert batch.events[-1].text.startswith("@Priya Natarajan @Marco B.")


def test_sniff_claims_export_folders_and_day_files_only(tmp_path: Path) -> None:
    assert SOURCE.sniff(make_target(EXPORT)) == 0.95
    assert SOURCE.sniff(make_target(EXPORT / "incidents")) == 0.0
    assert SOURCE.sniff(make_target(AWKWARD / "slack_day_file.json")) == 0.85
    lone_users = tmp_path / "lists"
    lone_users.mkdir()
    shutil.copy(EXPORT / "users.json", lone_users / "users.json")
    assert SOURCE.sniff(make_target(lone_users)) == 0.0


def test_broken_files_in_an_export_are_counted(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    (export / "users.json").write_text('[{"id": "U01PRIYA", "real_name": "Priya')
    (export / "incidents" / "2026-03-16.json").write_text('{"not": "a list"}')
    (export / "incidents" / "2026-03-17.json").write_text("")
    batch = read(SOURCE, export, context(export))
    stats = {item.path: item for item in batch.stats}
    assert stats["users.json"].skipped == {"truncated JSON": 1}
    assert stats["incidents/2026-03-16.json"].skipped == {"not a list of messages": 1}
    assert stats["incidents/2026-03-17.json"].skipped == {"empty file": 1}
    ack = next(event for event in batch.events if event.at == utc(2026, 3, 14, 14, 7, 40))
    assert ack.actor == "U01PRIYA"  # users.json is unreadable: the id stays, and is reported
    assert "U01PRIYA" in stats["incidents/2026-03-14.json"].notes[0]


def test_window_applies_to_messages(tmp_path: Path) -> None:
    window = context(since=utc(2026, 3, 14, 23), until=utc(2026, 3, 15, 1))
    batch = read(SOURCE, EXPORT, window)
    assert len(batch.events) == 3
    skipped = sum(item.skipped.get("outside the time window", 0) for item in batch.stats)
    assert skipped == 12


def test_message_objects_of_other_types(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    messages = [
        {"type": "message", "ts": "1773497260.000100", "user": "U1", "text": "hi"},
        {"type": "reaction_added", "ts": "1773497261.000100"},
        5,
    ]
    path.write_text(json.dumps(messages))
    batch = read(SOURCE, path)
    assert [event.text for event in batch.events] == ["hi"]
    assert batch.stats[0].skipped == {"not a message": 1, "message is not an object": 1}
