"""Detection and declaration from chat and pages, as responders write and page.

Each case broke a milestone on randomised bundles (``benchmarks/milestones_accuracy.py``)
before the rule it is named after.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hotwash.evidence.model import EvidenceEvent, EvidenceRef, SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.milestones import find_milestones

T0 = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def said(minutes: float, text: str) -> EvidenceEvent:
    return event(SignalKind.CHAT_MESSAGE, minutes, text)


def event(kind: SignalKind, minutes: float, text: str = "x") -> EvidenceEvent:
    ref = EvidenceRef("evidence.json", detail=f"{kind.value}@{minutes}")
    return EvidenceEvent(at=at(minutes), kind=kind, text=text, source="test", ref=ref)


def test_a_status_code_in_the_plural_is_a_report() -> None:
    found = find_milestones([said(3, "checkout is throwing 500s"), said(9, "looking")], [])
    assert found[Milestone.DETECTED].at == at(3)


def test_a_question_about_declaring_is_not_the_declaration() -> None:
    events = [said(5, "should we declare an incident for this?"), said(8, "Declaring a SEV2")]
    assert find_milestones(events, [])[Milestone.DECLARED].at == at(8)


def test_a_declaration_is_a_detection_too() -> None:
    events = [said(6, "We're declaring a sev-2 for checkout, I'll be IC"), said(9, "on it")]
    found = find_milestones(events, [])
    assert found[Milestone.DETECTED].at == found[Milestone.DECLARED].at == at(6)


def test_an_alert_firing_all_week_did_not_detect_the_incident() -> None:
    # No impact start in the evidence: detection is looked for from an hour before
    # the first page or declaration on, not since the oldest alert still active.
    events = [
        event(SignalKind.ALERT_FIRING, -300, "Alert DiskSpaceLow firing"),
        event(SignalKind.PAGE_TRIGGERED, 0, "Page triggered: checkout"),
        said(4, "Declaring a SEV2 for checkout"),
    ]
    assert find_milestones(events, [])[Milestone.DETECTED].at == at(0)
