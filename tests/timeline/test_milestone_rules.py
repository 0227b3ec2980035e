"""Milestone rules on small, hand-made evidence: each definition, and its edge cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from hotwash.evidence.model import EvidenceEvent, EvidenceRef, SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.changes import changes_before
from hotwash.timeline.delays import compute_delays
from hotwash.timeline.milestones import find_milestones
from hotwash.timeline.signals import ACCESS_LOG_RANK, APP_LOG_RANK, ImpactSignal

T0 = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def event(kind: SignalKind, minutes: float, text: str = "x", **labels: str) -> EvidenceEvent:
    return EvidenceEvent(
        at=at(minutes),
        kind=kind,
        text=text,
        source="test",
        ref=EvidenceRef("evidence.json", detail=f"{kind.value}@{minutes}"),
        labels=dict(labels),
    )


def ratio_signal(
    onset: int, recovery: int, rank: int = ACCESS_LOG_RANK, minutes: int = 90
) -> ImpactSignal:
    """Per-minute request counts with a 40% error burst from onset to recovery."""
    base = T0.timestamp() / 60
    rng = np.random.default_rng(7)
    index = np.arange(minutes, dtype=np.float64)
    totals = rng.poisson(200, minutes).astype(np.float64)
    share = np.where((index >= onset) & (index < recovery), 0.4, 0.002)
    errors = rng.binomial(totals.astype(np.int64), share).astype(np.float64)
    return ImpactSignal(
        "5xx ratio of edge", base + index, errors, totals, False, rank, EvidenceRef("access.log")
    )


def test_impact_start_and_mitigation_come_from_the_signal() -> None:
    found = find_milestones([], [ratio_signal(onset=30, recovery=55)])
    assert found[Milestone.IMPACT_START].at == at(30)
    assert found[Milestone.MITIGATED].at == at(55)
    assert found[Milestone.IMPACT_START].evidence == (EvidenceRef("access.log"),)


def test_user_facing_signals_win_over_error_logs() -> None:
    app_logs = ratio_signal(onset=25, recovery=60, rank=APP_LOG_RANK)
    found = find_milestones([], [app_logs, ratio_signal(onset=30, recovery=55)])
    assert found[Milestone.IMPACT_START].at == at(30)
    only_logs = find_milestones([], [app_logs])
    assert "error logs only" in only_logs[Milestone.IMPACT_START].method


def test_detected_is_the_earlier_of_alert_and_human_report() -> None:
    signals = [ratio_signal(onset=30, recovery=55)]
    events = [
        event(SignalKind.ALERT_FIRING, 36, "Alert HighErrors firing"),
        event(SignalKind.CHAT_MESSAGE, 33, "customers report checkout errors"),
        event(SignalKind.CHAT_MESSAGE, 31, "lunch anyone?"),
    ]
    found = find_milestones(events, signals)
    assert found[Milestone.DETECTED].at == at(33)
    assert found[Milestone.DETECTED].method.startswith("first human report")


def test_alerts_long_before_impact_do_not_count_as_detection() -> None:
    events = [
        event(SignalKind.ALERT_FIRING, 2, "Alert DiskSpace firing"),
        event(SignalKind.ALERT_FIRING, 34, "Alert HighErrors firing"),
    ]
    found = find_milestones(events, [ratio_signal(onset=30, recovery=55)])
    assert found[Milestone.DETECTED].at == at(34)


def test_acknowledged_declared_and_resolved() -> None:
    events = [
        event(SignalKind.PAGE_TRIGGERED, 34),
        event(SignalKind.PAGE_ACKNOWLEDGED, 36),
        event(SignalKind.CHAT_MESSAGE, 38, "declaring SEV2, I'm IC"),
        event(SignalKind.PAGE_RESOLVED, 70),
    ]
    found = find_milestones(events, [ratio_signal(onset=30, recovery=55)])
    assert [
        found[m].at for m in (Milestone.ACKNOWLEDGED, Milestone.DECLARED, Milestone.RESOLVED)
    ] == [at(36), at(38), at(70)]


def test_recorded_milestones_win_and_overrides_keep_the_computed_time() -> None:
    events = [
        event(SignalKind.ALERT_FIRING, 34),
        event(SignalKind.STATUS_CHANGE, 35.5, "detected", milestone="detected"),
    ]
    found = find_milestones(
        events, [ratio_signal(onset=30, recovery=55)], overrides={Milestone.IMPACT_START: at(28)}
    )
    assert found[Milestone.DETECTED].at == at(35.5)
    assert found[Milestone.DETECTED].method == "recorded in hotwash"
    impact = found[Milestone.IMPACT_START]
    assert (impact.at, impact.overridden, impact.computed) == (at(28), True, at(30))


def test_no_evidence_gives_no_milestones_and_no_delays() -> None:
    assert find_milestones([], []) == {}
    assert compute_delays({}) == {}


def test_delays_need_both_ends() -> None:
    delays = compute_delays(
        {Milestone.IMPACT_START: at(0), Milestone.DETECTED: at(12), Milestone.RESOLVED: at(60)}
    )
    assert delays == {"detection": timedelta(minutes=12), "resolution": timedelta(hours=1)}


def test_changes_in_the_hour_before_onset_nearest_first() -> None:
    events = [
        event(SignalKind.DEPLOY, 27, "deploy api v2"),
        event(SignalKind.COMMIT, 29, "fix typo"),
        event(SignalKind.DEPLOY, -40, "deploy web v9"),
        event(SignalKind.CONFIG_CHANGE, 5, "raise pool size"),
        event(SignalKind.CHAT_MESSAGE, 29, "hello"),
    ]
    found = changes_before(events, at(30))
    assert [c.text for c in found] == ["fix typo", "deploy api v2", "raise pool size"]
    assert [c.suspicious for c in found] == [False, True, False]
    assert changes_before(events, None) == []
