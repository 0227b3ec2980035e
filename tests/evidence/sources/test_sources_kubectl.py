from __future__ import annotations

import json
import shutil
from pathlib import Path

from sources_helpers import AWKWARD, INCIDENT, assert_aware_utc, context, read, utc

from hotwash.evidence.model import EvidenceRef, SignalKind
from hotwash.evidence.sources.kubectl import KubectlSource

CHANGES = INCIDENT / "changes"
SOURCE = KubectlSource()
NEW_IMAGE = "registry.example.com/shop/checkout:2.14.0"
OLD_IMAGE = "registry.example.com/shop/checkout:2.13.2"


def test_deploy_and_rollback_are_one_rollout_each_with_their_images() -> None:
    batch = read(SOURCE, CHANGES / "kubectl_events.json", context())
    assert_aware_utc(batch)
    rollouts = [event for event in batch.events if event.kind is SignalKind.ROLLOUT]
    deploy, rollback = rollouts
    assert (deploy.at, deploy.end, deploy.count) == (
        utc(2026, 3, 14, 13, 58, 4),
        utc(2026, 3, 14, 13, 59, 20),
        6,
    )
    assert deploy.service == "checkout"
    assert deploy.text == (
        f"Rollout of checkout to checkout-7d9f8c6b5 ({NEW_IMAGE}): "
        "replica set checkout-7d9f8c6b5 scaled up to 3; "
        "replica set checkout-5c8b7a9d1 scaled down to 0"
    )
    assert deploy.labels == {
        "replica_set": "checkout-7d9f8c6b5",
        "image": NEW_IMAGE,
        "revision": "8",
        "namespace": "shop",
    }
    assert deploy.ref == EvidenceRef(
        "changes/kubectl_events.json", None, "Deployment/checkout ScalingReplicaSet"
    )
    assert (rollback.at, rollback.end, rollback.count) == (
        utc(2026, 3, 14, 14, 24, 3),
        utc(2026, 3, 14, 14, 26, 10),
        4,
    )
    assert rollback.labels["image"] == OLD_IMAGE
    assert rollback.text.startswith(f"Rollout of checkout to checkout-5c8b7a9d1 ({OLD_IMAGE})")


def test_warnings_keep_their_counts_and_span_and_routine_events_are_counted() -> None:
    batch = read(SOURCE, CHANGES / "kubectl_events.json", context())
    logs = [event for event in batch.events if event.kind is SignalKind.LOG]
    unhealthy, backoff = logs
    assert unhealthy.text == (
        "Unhealthy Pod/checkout-7d9f8c6b5-x2k4p: Readiness probe failed: "
        "HTTP probe failed with statuscode: 502 (x23)"
    )
    assert (unhealthy.at, unhealthy.end, unhealthy.count) == (
        utc(2026, 3, 14, 14, 2, 15),
        utc(2026, 3, 14, 14, 23, 50),
        23,
    )
    assert unhealthy.service == "checkout"  # pod -> replica set -> deployment
    assert backoff.count == 6
    assert backoff.labels == {"reason": "BackOff", "type": "Warning", "namespace": "shop"}
    (rescale,) = [event for event in batch.events if event.kind is SignalKind.CONFIG_CHANGE]
    assert rescale.at == utc(2026, 3, 14, 14, 8, 30)
    assert rescale.text.startswith(
        "SuccessfulRescale HorizontalPodAutoscaler/checkout: New size: 6"
    )
    stats = batch.stats[0]
    assert stats.records == 5
    assert stats.skipped == {"routine Normal event": 2}


def test_without_replica_sets_the_image_is_unknown(tmp_path: Path) -> None:
    shutil.copy(CHANGES / "kubectl_events.json", tmp_path / "events.json")
    batch = read(SOURCE, tmp_path / "events.json")
    rollouts = [event for event in batch.events if event.kind is SignalKind.ROLLOUT]
    assert [event.text.split(":")[0] for event in rollouts] == [
        "Rollout of checkout to checkout-7d9f8c6b5 (image unknown)",
        "Rollout of checkout to checkout-5c8b7a9d1 (image unknown)",
    ]
    assert all("image" not in event.labels for event in rollouts)


def test_events_and_replica_sets_in_one_file(tmp_path: Path) -> None:
    events = json.loads((CHANGES / "kubectl_events.json").read_text())
    replica_sets = json.loads((CHANGES / "replicasets.json").read_text())
    mixed = {"kind": "List", "apiVersion": "v1", "items": replica_sets["items"] + events["items"]}
    (tmp_path / "rs-and-events.json").write_text(json.dumps(mixed))
    batch = read(SOURCE, tmp_path / "rs-and-events.json")
    rollouts = [event for event in batch.events if event.kind is SignalKind.ROLLOUT]
    assert [event.labels.get("image") for event in rollouts] == [
        "registry.example.com/shop/cart:5.2.1",  # no scaling events: its creation tells it
        NEW_IMAGE,
        OLD_IMAGE,
    ]
    assert batch.stats[0].skipped["replica set already told by its scaling events"] == 2


def test_replica_set_list_alone_gives_creations_not_told_by_events(tmp_path: Path) -> None:
    batch = read(SOURCE, CHANGES / "replicasets.json", context())
    (cart,) = batch.events
    assert cart.at == utc(2026, 3, 14, 11, 20, 12)
    assert cart.text == (
        "Replica set cart-6b5d4c8f7 of cart created "
        "(revision 31, registry.example.com/shop/cart:5.2.1)"
    )
    assert cart.service == "cart"
    assert batch.stats[0].skipped == {"replica set already told by its scaling events": 2}
    shutil.copy(CHANGES / "replicasets.json", tmp_path / "rs.json")
    alone = read(SOURCE, tmp_path / "rs.json")
    assert [event.service for event in alone.events] == ["checkout", "cart", "checkout"]


def test_events_k8s_io_shape_series_counts_and_bad_items() -> None:
    batch = read(SOURCE, AWKWARD / "kubectl_events_k8s_io.json")
    timeline = [(event.at, event.kind, event.service, event.count) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 15, 12, 0, 123456), SignalKind.ROLLOUT, "payments", 1),
        (utc(2026, 3, 14, 15, 14), SignalKind.LOG, "payments", 4),
        (utc(2026, 3, 14, 15, 15), SignalKind.LOG, "db", 3),
    ]
    assert batch.events[0].text == (
        "Rollout of payments to payments-6f7c9d8b4 (image unknown): "
        "replica set payments-6f7c9d8b4 scaled up to 2"
    )
    assert batch.events[1].end == utc(2026, 3, 14, 15, 20, 30)
    assert batch.stats[0].skipped == {
        "event without an involved object": 1,
        "event without a readable time": 1,
        "not an Event or ReplicaSet": 1,
    }


def test_items_that_are_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"kind": "List", "items": 7, "involvedObject": {}}')
    batch = read(SOURCE, path)
    assert batch.events == []
    assert batch.stats[0].skipped == {"not a kubectl list": 1}
