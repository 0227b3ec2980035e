"""The human and pager side of an incident: alert, report, page, ack, declaration, all clear.

Alerts fire the way rules do: once the affected share crosses the rule's threshold,
after its ``for`` duration and an evaluation delay, and never if the impact stays
below the threshold or ends first. Detection is by alert or by a person, either first.
"""

from __future__ import annotations

import numpy as np

from bundles.model import Fault, People

ERROR_REPORTS = (
    "{svc} is throwing 500s",
    "customers say {svc} errors out when they submit",
    "seeing a spike of 502s on {svc}",
    "is {svc} down for anyone else?",
    "support here: users can't get through {svc}, tickets are piling up",
    "{svc} keeps failing for me, anyone else?",
)
SLOW_REPORTS = (
    "{svc} is really slow right now",
    "{svc} requests are timing out for some users",
    "users report {svc} latency through the roof",
)
DECLARATIONS = (
    "Declaring a SEV2 incident for {svc}, I'm IC",
    "declaring an incident: {svc} is degraded. I am incident commander",
    "This is a SEV1. Opening the incident channel for {svc}",
    "Incident declared for {svc}, I'll coordinate here",
    "We're declaring a sev-2 for {svc}, I'll be IC",
    "Opening a sev-1 for {svc}, I'm incident commander",
)


def draw_people(rng: np.random.Generator, fault: Fault, service: str) -> People:
    alert_at = _alert(rng, fault)
    report_at = _report(rng, fault, alert_at)
    first = min(t for t in (alert_at, report_at) if t is not None)
    declare_at = first + 60 * rng.uniform(2, 20)
    if alert_at is not None:
        page_at = alert_at + rng.uniform(3, 40)
        ack_at = page_at + rng.uniform(20, 600)
        declare_at = max(declare_at, ack_at + rng.uniform(30, 300))
    else:  # nobody was paged by a rule: the commander pages the team by hand
        page_at = declare_at + rng.uniform(10, 180)
        ack_at = page_at + rng.uniform(20, 300)
    templates = SLOW_REPORTS if fault.kind == "latency" else ERROR_REPORTS
    return People(
        alert_at=alert_at,
        report_at=report_at,
        report_text=_pick(rng, templates).format(svc=service),
        page_at=page_at,
        ack_at=ack_at,
        declare_at=declare_at,
        declare_text=_pick(rng, DECLARATIONS).format(svc=service),
        ask_at=_ask(rng, first, declare_at),
        mitigation_note_at=fault.end + 60 * rng.uniform(1, 6),
        resolve_at=fault.end + 60 * rng.uniform(10, 60),
    )


def _alert(rng: np.random.Generator, fault: Fault) -> float | None:
    if rng.random() < 0.15:
        return None  # no rule covers this service
    threshold = 0.02 if fault.kind == "latency" else float(rng.choice([0.02, 0.05, 0.1]))
    crossed = fault.time_to_reach(threshold)
    if crossed is None:
        return None
    fires = crossed + 60 * rng.uniform(1, 5) + rng.uniform(15, 75)
    return fires if fires < fault.end else None


def _report(rng: np.random.Generator, fault: Fault, alert_at: float | None) -> float | None:
    """A person's report: before the alert, after it, or not at all (but someone notices)."""
    human_first = alert_at is None or (rng.random() < 0.35 and alert_at - fault.onset > 120)
    if human_first:
        latest = alert_at - 30 if alert_at is not None else fault.onset + 60 * 40
        latest = min(latest, fault.end + 300)
        return fault.onset + rng.uniform(60, max(90.0, latest - fault.onset))
    assert alert_at is not None
    return alert_at + 60 * rng.uniform(1, 15) if rng.random() < 0.5 else None


def _ask(rng: np.random.Generator, first: float, declare_at: float) -> float | None:
    if rng.random() >= 0.2:
        return None
    return max(first + 10, declare_at - rng.uniform(60, 200))


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]
