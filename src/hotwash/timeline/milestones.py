"""Every milestone from the evidence, each with its method, confidence and evidence.

Definitions (docs/timeline.md says the same for users):
- impact start: onset of user-facing errors or latency (see ``impact.py``);
- detected: the first alert firing or page, or the first human report (a declaration
  is one), whichever is earlier, from shortly before impact start on (without an impact
  start, from an hour before the first page or declaration on);
- acknowledged: the first acknowledgement of a page after detection;
- declared: the incident's declaration (recorded in hotwash, or announced in chat);
- mitigated: user-facing signals back to baseline;
- resolved: the incident's resolution (hotwash, PagerDuty, or the last alert resolving).
A milestone recorded in hotwash by a person wins over one inferred from other evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from hotwash.evidence.model import EvidenceEvent, SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.chat import declares, reports_trouble, resolves
from hotwash.timeline.impact import impact_milestones
from hotwash.timeline.model import MilestoneFinding
from hotwash.timeline.signals import ImpactSignal

# Onsets are minute-grained; an alert a few minutes "early" still belongs to the episode.
EARLY_SLACK = timedelta(minutes=5)
RECORDED = "milestone"  # label key on store events that carry a recorded milestone
RESPONSE_LOOKBACK = timedelta(hours=1)

Rule = Callable[[list[EvidenceEvent], dict[Milestone, MilestoneFinding]], MilestoneFinding | None]


def find_milestones(
    events: list[EvidenceEvent],
    signals: list[ImpactSignal],
    overrides: dict[Milestone, datetime] | None = None,
) -> dict[Milestone, MilestoneFinding]:
    ordered = sorted(events, key=lambda e: e.at)
    found = impact_milestones(signals, [e.at for e in ordered if _responds(e)])
    found.update(_recorded(ordered, {Milestone.IMPACT_START, Milestone.MITIGATED}))
    for milestone, rule in _RULES.items():
        recorded = _recorded(ordered, {milestone}).get(milestone)
        finding = recorded or rule(ordered, found)
        if finding is not None:
            found[milestone] = finding
    return _apply_overrides(found, overrides or {})


def _recorded(
    events: list[EvidenceEvent], wanted: set[Milestone]
) -> dict[Milestone, MilestoneFinding]:
    """Milestones a person recorded in hotwash; the latest record of each wins."""
    found = {}
    for event in events:
        name = event.labels.get(RECORDED)
        if name in {m.value for m in wanted}:
            milestone = Milestone(name)
            found[milestone] = MilestoneFinding(
                milestone, event.at, "recorded in hotwash", 1.0, (event.ref,)
            )
    return found


def _detected(
    events: list[EvidenceEvent], found: dict[Milestone, MilestoneFinding]
) -> MilestoneFinding | None:
    start = _start(found) or _response_floor(events)
    alerts = _first(
        events, start, lambda e: e.kind in {SignalKind.ALERT_FIRING, SignalKind.PAGE_TRIGGERED}
    )
    report = _first(events, start, reports_trouble)
    candidates = [
        (e, m)
        for e, m in ((alerts, "first alert or page"), (report, "first human report"))
        if e is not None
    ]
    if not candidates:
        return None
    event, method = min(candidates, key=lambda pair: pair[0].at)
    return _finding(Milestone.DETECTED, event, f"{method}: {event.text}", 0.9)


def _acknowledged(
    events: list[EvidenceEvent], found: dict[Milestone, MilestoneFinding]
) -> MilestoneFinding | None:
    after = found.get(Milestone.DETECTED)
    start = after.at if after else _start(found)
    event = _first(events, start, lambda e: e.kind is SignalKind.PAGE_ACKNOWLEDGED)
    return (
        _finding(Milestone.ACKNOWLEDGED, event, f"page acknowledged: {event.text}", 0.95)
        if event
        else None
    )


def _declared(
    events: list[EvidenceEvent], found: dict[Milestone, MilestoneFinding]
) -> MilestoneFinding | None:
    event = _first(events, _start(found), declares)
    return (
        _finding(Milestone.DECLARED, event, f"declared in chat: {event.text}", 0.7)
        if event
        else None
    )


def _resolved(
    events: list[EvidenceEvent], found: dict[Milestone, MilestoneFinding]
) -> MilestoneFinding | None:
    # Resolution follows the trouble itself; a declaration may come after it.
    bounds = (Milestone.IMPACT_START, Milestone.DETECTED, Milestone.MITIGATED)
    after = max((found[m].at for m in bounds if m in found), default=None)
    pages = [e for e in _since(events, after) if e.kind is SignalKind.PAGE_RESOLVED]
    if pages:
        return _finding(Milestone.RESOLVED, pages[-1], f"page resolved: {pages[-1].text}", 0.9)
    chat = _first(events, after, resolves)
    if chat:
        return _finding(Milestone.RESOLVED, chat, f"resolved in chat: {chat.text}", 0.7)
    alerts = [e for e in _since(events, after) if e.kind is SignalKind.ALERT_RESOLVED]
    if alerts:
        return _finding(
            Milestone.RESOLVED, alerts[-1], f"last alert resolved: {alerts[-1].text}", 0.6
        )
    return None


_RULES: dict[Milestone, Rule] = {
    Milestone.DETECTED: _detected,
    Milestone.ACKNOWLEDGED: _acknowledged,
    Milestone.DECLARED: _declared,
    Milestone.RESOLVED: _resolved,
}


def _start(found: dict[Milestone, MilestoneFinding]) -> datetime | None:
    impact = found.get(Milestone.IMPACT_START)
    return impact.at - EARLY_SLACK if impact else None


def _responds(event: EvidenceEvent) -> bool:
    """A rule or a person acting on trouble: an alert, a page, a declaration."""
    kinds = {SignalKind.ALERT_FIRING, SignalKind.PAGE_TRIGGERED}
    return event.kind in kinds or declares(event)


def _response_floor(events: list[EvidenceEvent]) -> datetime | None:
    """Without an impact start: an hour before the first page or declaration. An alert
    that was already firing long before anyone responded (a disk filling up all week)
    did not detect this incident."""
    responses = [e.at for e in events if e.kind is SignalKind.PAGE_TRIGGERED or declares(e)]
    return min(responses) - RESPONSE_LOOKBACK if responses else None


def _since(events: Iterable[EvidenceEvent], start: datetime | None) -> list[EvidenceEvent]:
    return [e for e in events if start is None or e.at >= start]


def _first(
    events: list[EvidenceEvent], start: datetime | None, wanted: Callable[[EvidenceEvent], bool]
) -> EvidenceEvent | None:
    return next((e for e in _since(events, start) if wanted(e)), None)


def _finding(
    milestone: Milestone, event: EvidenceEvent, method: str, confidence: float
) -> MilestoneFinding:
    return MilestoneFinding(milestone, event.at, method, confidence, (event.ref,))


def _apply_overrides(
    found: dict[Milestone, MilestoneFinding], overrides: dict[Milestone, datetime]
) -> dict[Milestone, MilestoneFinding]:
    for milestone, at in overrides.items():
        computed = found.get(milestone)
        found[milestone] = MilestoneFinding(
            milestone,
            at,
            "set by hand (override)",
            1.0,
            computed.evidence if computed else (),
            overridden=True,
            computed=computed.at if computed else None,
        )
    return found
