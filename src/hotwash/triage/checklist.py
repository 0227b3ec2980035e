"""The seed's 5-minute triage checklist, filled in with what triage found.

Each step of the seed's workflow is a Markdown checkbox: ticked when what hotwash
found settles it (health checks ran, a severity is set), open with the finding or
the next command when a person still has to act.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from hotwash.triage.model import CheckResult, Health
from hotwash.triage.signals import Signals, describe_service


@dataclass(frozen=True)
class RecentChange:
    at: datetime
    text: str
    source: str
    deploy_like: bool


@dataclass(frozen=True)
class IncidentFacts:
    id: str
    title: str
    severity: str
    commander: str | None
    declared_at: datetime
    status_page: bool


@dataclass(frozen=True)
class TriageFacts:
    at: datetime
    results: list[CheckResult]
    channel: str
    incident: IncidentFacts | None = None
    changes: list[RecentChange] = field(default_factory=list)
    change_problems: list[str] = field(default_factory=list)
    change_places: list[str] = field(default_factory=list)  # what was looked at for changes
    signals: Signals | None = None  # error ratio and latency from Prometheus, if configured


def render_checklist(facts: TriageFacts) -> str:
    lines = [f"# Triage checklist, {_clock(facts.at)}", ""]
    for title, items in _steps(facts):
        lines += [
            f"## {title}",
            "",
            *(f"- [{'x' if done else ' '}] {text}" for done, text in items),
            "",
        ]
    return "\n".join(lines)


Item = tuple[bool, str]


def _steps(facts: TriageFacts) -> list[tuple[str, list[Item]]]:
    return [
        ("Minute 0-1: Acknowledge and classify", _classify(facts.incident)),
        ("Minute 1-2: Assess scope", [*_scope(facts.results), *_dashboards(facts.signals)]),
        ("Minute 2-3: Identify recent changes", _changes(facts)),
        ("Minute 3-4: Initial communication", _communicate(facts)),
        ("Minute 4-5: Begin investigation or mitigate", _act(facts)),
    ]


def _classify(incident: IncidentFacts | None) -> list[Item]:
    if incident is None:
        return [(False, 'No open incident: declare one with `hotwash declare "TITLE" --sev N`')]
    return [
        (
            True,
            f"Acknowledged: {incident.id} declared {_clock(incident.declared_at)}"
            f" ({incident.title})",
        ),
        (True, f"Severity: {incident.severity}"),
        (
            incident.commander is not None,
            f"Incident commander: {incident.commander}"
            if incident.commander
            else f"Incident commander: not assigned (`hotwash role {incident.id} commander NAME`)",
        ),
    ]


def _scope(results: list[CheckResult]) -> list[Item]:
    if not results:
        return [(False, "Health checks: none configured (services.NAME.health_url or checks)")]
    counts = Counter(result.health for result in results)
    summary = ", ".join(f"{counts[h]} {h.value}" for h in Health if counts[h])
    items: list[Item] = [(True, f"Health checks: {len(results)} run, {summary}")]
    items += [
        (True, f"{r.health.value.upper()}: {r.service} {r.check} ({r.target}): {r.detail}")
        for r in results
        if r.health is not Health.OK
    ]
    affected = sorted({r.service for r in results if r.health is Health.FAIL})
    items.append(
        (
            True,
            "Affected services: " + (", ".join(affected) if affected else "none failing a check"),
        )
    )
    return items


def _dashboards(signals: Signals | None) -> list[Item]:
    """The dashboards step, with Prometheus' current values filled in when it has them."""
    if signals is None:
        where = "sources.prometheus and services.NAME.queries"
        return [(False, f"Check error rate and latency dashboards (not configured: {where})")]
    if signals.problem is not None:
        said = f"Prometheus did not answer ({signals.problem})"
        return [(False, f"Error rate and latency: {said}; check the dashboards")]
    compare = signals.compare_with
    return [
        (service.complete, f"Error rate and latency, {describe_service(service, compare)}")
        for service in signals.services
    ]


def _changes(facts: TriageFacts) -> list[Item]:
    if not facts.change_places:
        unknown = "not checked: configure sources.deploys, git_repos or kubernetes_namespace"
        problems = [(False, f"Could not check: {problem}") for problem in facts.change_problems]
        return [(False, f"Recent deployment: {unknown}"), *problems, *_external(facts)]
    deploys = [c for c in facts.changes if c.deploy_like]
    others = [c for c in facts.changes if not c.deploy_like]
    items: list[Item] = [
        (True, "Recent deployment: " + (_change(deploys[0]) if deploys else "none found")),
        (
            True,
            f"Other changes: {len(others)} (commits and config)"
            if others
            else "Other changes: none found",
        ),
    ]
    items += [(False, f"Could not check: {problem}") for problem in facts.change_problems]
    return [*items, *_external(facts)]


def _external(facts: TriageFacts) -> list[Item]:
    failing = [r for r in facts.results if r.health is Health.FAIL and r.kind in {"dns", "tls"}]
    found = "; ".join(r.line(timing=False) for r in failing)
    return [(False, "External dependencies: " + (found or "check status pages of providers"))]


def _communicate(facts: TriageFacts) -> list[Item]:
    items: list[Item] = [(False, f'Post in {facts.channel} (`hotwash update INC "..."`)')]
    if facts.incident is not None and facts.incident.status_page:
        items.append((False, f"Update the status page: required for {facts.incident.severity}"))
    items.append((False, "Page additional responders if needed"))
    return items


def _act(facts: TriageFacts) -> list[Item]:
    deploys = [c for c in facts.changes if c.deploy_like]
    failing = sorted({r.service for r in facts.results if r.health is Health.FAIL})
    items: list[Item] = []
    if deploys:
        items.append((False, f"Recent deploy: consider an immediate rollback of {deploys[0].text}"))
    for service in failing:
        items.append(
            (
                False,
                f"Diagnose {service}: `hotwash fetch-logs --service {service}"
                ' --since "15 minutes ago"`',
            )
        )
    recorded = facts.incident is not None
    items.append(
        (
            recorded,
            f"Timeline: triage recorded on {facts.incident.id}"
            if facts.incident
            else "Timeline: start one by declaring the incident",
        )
    )
    return items


def _change(change: RecentChange) -> str:
    return f"{change.text} at {_clock(change.at)} ({change.source})"


def _clock(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"
