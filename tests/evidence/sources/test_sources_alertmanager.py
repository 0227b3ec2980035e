from __future__ import annotations

import json
from pathlib import Path

from sources_helpers import AWKWARD, INCIDENT, assert_aware_utc, context, kinds, read, utc

from hotwash.evidence.model import EvidenceRef, SignalKind
from hotwash.evidence.sources.alertmanager import AlertmanagerSource
from hotwash.times import resolve_zone

ALERTS = INCIDENT / "alerts"
SOURCE = AlertmanagerSource()
FIRING, RESOLVED = SignalKind.ALERT_FIRING, SignalKind.ALERT_RESOLVED


def test_v2_alerts_fire_and_resolve_at_their_times() -> None:
    batch = read(SOURCE, ALERTS / "alertmanager_v2_alerts.json", context())
    assert_aware_utc(batch)
    timeline = [(event.at, event.kind, event.ref.detail) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 14, 3, 10), FIRING, "KubeDeploymentReplicasUnavailable"),
        (utc(2026, 3, 14, 14, 5, 30), FIRING, "CheckoutLatencyHigh"),
        (utc(2026, 3, 14, 14, 6), FIRING, "CheckoutHigh5xxRate"),
        (utc(2026, 3, 14, 14, 29, 10), RESOLVED, "KubeDeploymentReplicasUnavailable"),
        (utc(2026, 3, 14, 14, 35), RESOLVED, "CheckoutHigh5xxRate"),
    ]
    stats = batch.stats[0]
    assert (stats.records, stats.skipped, stats.assumed_zone) == (5, {}, None)


def test_firing_event_text_service_labels_and_ref() -> None:
    events = read(SOURCE, ALERTS / "alertmanager_v2_alerts.json", context()).events
    firing = next(event for event in events if event.ref.detail == "CheckoutHigh5xxRate")
    assert (
        firing.text == "Alert CheckoutHigh5xxRate firing: Checkout 5xx ratio above 5% for 3 minutes"
    )
    assert firing.service == "checkout"
    assert firing.source == "alertmanager"
    assert firing.end == utc(2026, 3, 14, 14, 35)
    assert firing.ref == EvidenceRef(
        "alerts/alertmanager_v2_alerts.json", None, "CheckoutHigh5xxRate"
    )
    assert firing.labels["severity"] == "critical"
    assert firing.labels["team"] == "payments"
    assert firing.labels["receivers"] == "pagerduty-checkout,slack-incidents"
    assert firing.labels["fingerprint"] == "4b3c8f1e2d7a9c60"


def test_still_firing_alert_has_no_resolution_and_offsets_are_honoured() -> None:
    events = read(SOURCE, ALERTS / "alertmanager_v2_alerts.json", context()).events
    latency = [event for event in events if event.ref.detail == "CheckoutLatencyHigh"]
    assert kinds(latency) == [FIRING]
    assert latency[0].at == utc(2026, 3, 14, 14, 5, 30)  # written as 15:05:30+01:00
    assert latency[0].end is None
    assert latency[0].service == "checkout"  # from the app label


def test_suppressed_alert_says_so_and_takes_its_service_from_the_deployment_label() -> None:
    events = read(SOURCE, ALERTS / "alertmanager_v2_alerts.json", context()).events
    inhibited = events[0]
    assert inhibited.text == (
        "Alert KubeDeploymentReplicasUnavailable firing (suppressed): checkout pods not ready"
    )
    assert inhibited.service == "checkout"
    assert inhibited.labels["inhibited_by"] == "4b3c8f1e2d7a9c60"


def test_amtool_snapshots_of_one_alert_are_read_once_using_the_latest() -> None:
    batch = read(SOURCE, ALERTS / "amtool_query.json", context())
    assert [(event.at, event.kind) for event in batch.events] == [
        (utc(2026, 3, 14, 14, 6), FIRING),
        (utc(2026, 3, 14, 14, 35), RESOLVED),
    ]
    assert batch.stats[0].skipped == {"same alert in another snapshot": 1}


def test_webhook_payload_with_broken_alerts_keeps_the_good_ones() -> None:
    berlin = resolve_zone("Europe/Berlin")
    batch = read(SOURCE, AWKWARD / "alertmanager_webhook.json", context(AWKWARD, berlin))
    timeline = [(event.at, event.kind, event.ref.detail) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 14, 10), FIRING, "PaymentsQueueBacklog"),
        (utc(2026, 3, 14, 14, 20), FIRING, "PaymentsLatencyHigh"),
        (utc(2026, 3, 14, 14, 30), RESOLVED, "PaymentsQueueBacklog"),
        (utc(2026, 3, 14, 14, 40), FIRING, "NaiveTime"),  # 15:40 Berlin
    ]
    stats = batch.stats[0]
    assert stats.skipped == {
        "alert startsAt: missing time": 1,
        "alert without labels": 1,
        "alert is not an object": 1,
    }
    assert stats.assumed_zone == "Europe/Berlin"
    firing_without_end = batch.events[1]
    assert firing_without_end.end is None  # Go's zero time means "no end"


def test_read_window_drops_and_counts(tmp_path: Path) -> None:
    window = context(since=utc(2026, 3, 14, 14, 30), until=utc(2026, 3, 14, 15))
    batch = read(SOURCE, ALERTS / "alertmanager_v2_alerts.json", window)
    # alerts that started earlier but were still firing in the window are kept
    assert [event.ref.detail for event in batch.events] == [
        "CheckoutLatencyHigh",
        "CheckoutHigh5xxRate",
        "CheckoutHigh5xxRate",
    ]
    assert batch.stats[0].skipped == {"outside the time window": 2}
    assert batch.stats[0].records == 3


def test_wrong_shapes_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"startsAt": "x", "labels": {}}) + json.dumps([None, {"labels": 3}]))
    batch = read(SOURCE, path)
    assert batch.events == []
    assert batch.stats[0].skipped == {
        "not a list of alerts": 1,
        "alert is not an object": 1,
        "alert without labels": 1,
    }
