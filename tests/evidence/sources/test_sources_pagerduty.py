from __future__ import annotations

import json
from pathlib import Path

from sources_helpers import AWKWARD, INCIDENT, assert_aware_utc, context, read, utc

from hotwash.evidence.model import EvidenceRef, SignalKind
from hotwash.evidence.sources.pagerduty import PagerDutySource
from hotwash.times import resolve_zone

LOG_ENTRIES = INCIDENT / "pagerduty" / "incident_Q0RIJJZL24RC6W_log_entries.json"
SOURCE = PagerDutySource()


def test_pages_of_log_entries_become_page_signals_in_order() -> None:
    batch = read(SOURCE, LOG_ENTRIES, context())
    assert_aware_utc(batch)
    timeline = [(event.at, event.kind, event.actor) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 14, 6, 5), SignalKind.PAGE_TRIGGERED, "Alertmanager"),
        (utc(2026, 3, 14, 14, 6, 5), SignalKind.NOTE, "Checkout on-call"),
        (utc(2026, 3, 14, 14, 6, 7), SignalKind.PAGE_NOTIFIED, "Priya Natarajan"),
        (utc(2026, 3, 14, 14, 6, 9), SignalKind.PAGE_NOTIFIED, "Priya Natarajan"),
        (utc(2026, 3, 14, 14, 7, 12), SignalKind.PAGE_ACKNOWLEDGED, "Priya Natarajan"),
        (utc(2026, 3, 14, 14, 12, 40), SignalKind.NOTE, "Dana Okafor"),
        (utc(2026, 3, 14, 14, 25, 2), SignalKind.NOTE, "Dana Okafor"),
        (utc(2026, 3, 14, 14, 36, 40), SignalKind.PAGE_RESOLVED, "Priya Natarajan"),
    ]
    stats = batch.stats[0]
    assert stats.records == 8
    assert stats.skipped == {"duplicate log entry (pages overlap)": 1}


def test_entry_texts_services_and_refs() -> None:
    events = read(SOURCE, LOG_ENTRIES, context()).events
    trigger, _, push, sms, ack, note, _, resolve = events
    assert (
        trigger.text == "Page triggered: [#4312] [FIRING:1] CheckoutHigh5xxRate checkout (critical)"
    )
    assert trigger.service == "Checkout API"
    assert trigger.labels["incident_id"] == "Q0RIJJZL24RC6W"
    assert push.text == "Notified Priya Natarajan by push notification."
    assert (push.labels["notified"], push.labels["notified_by"]) == (
        "Priya Natarajan",
        "push_notification",
    )
    assert sms.labels["notified_by"] == "sms"
    assert ack.text == "Page acknowledged by Priya Natarajan"
    assert ack.ref == EvidenceRef(
        "pagerduty/incident_Q0RIJJZL24RC6W_log_entries.json", None, "R0ACK1"
    )
    assert (
        note.text == "Note added: Suspect checkout 2.14.0 (deployed 13:58 UTC); preparing rollback"
    )
    assert note.at == utc(2026, 3, 14, 14, 12, 40)  # written as 15:12:40+01:00
    assert resolve.text == "Page resolved by Priya Natarajan"
    assert {event.source for event in events} == {"pagerduty"}


def test_bare_list_with_bad_entries() -> None:
    berlin = resolve_zone("Europe/Berlin")
    batch = read(SOURCE, AWKWARD / "pagerduty_bare_list.json", context(AWKWARD, berlin))
    timeline = [(event.at, event.kind, event.text) for event in batch.events]
    assert timeline == [
        (
            utc(2026, 3, 14, 14, 6, 5),
            SignalKind.PAGE_TRIGGERED,
            "Page triggered: [#4313] Payments queue backlog",
        ),
        (utc(2026, 3, 14, 14, 6, 30), SignalKind.PAGE_NOTIFIED, "Notified Sam Lee by phone"),
        (utc(2026, 3, 14, 14, 9), SignalKind.NOTE, "Snoozed for 30 minutes by Sam Lee"),
        (utc(2026, 3, 14, 14, 40), SignalKind.PAGE_RESOLVED, "Page resolved by Sam Lee"),
    ]
    stats = batch.stats[0]
    assert stats.skipped == {
        "log entry is not an object": 1,
        "log entry created_at: missing time": 1,
        "unknown log entry type": 1,
        "log entry without a type": 1,
        "log entry created_at: unreadable time": 1,
    }
    assert stats.assumed_zone == "Europe/Berlin"  # the naive resolve time


def test_single_response_object_and_concatenated_responses(tmp_path: Path) -> None:
    entry = {
        "id": "A",
        "type": "acknowledge_log_entry",
        "created_at": "2026-03-14T14:07:12Z",
        "agent": {"summary": "Priya Natarajan"},
    }
    later = entry | {"id": "B", "type": "resolve_log_entry", "created_at": "2026-03-14T14:36:40Z"}
    path = tmp_path / "pages.json"
    path.write_text(
        json.dumps({"log_entries": [entry], "more": True}) + json.dumps({"log_entries": [later]})
    )
    events = read(SOURCE, path).events
    assert [event.kind for event in events] == [
        SignalKind.PAGE_ACKNOWLEDGED,
        SignalKind.PAGE_RESOLVED,
    ]


def test_wrong_document_shapes_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"error": {"message": "Not Found", "code": 2100}} 7 {"log_entries": 3}')
    batch = read(SOURCE, path)
    assert batch.events == []
    assert batch.stats[0].skipped == {"not a list of log entries": 3}
