"""One triage: run the checks, read the error rates, look for changes, fill in the checklist.

Prometheus is asked for each service's error ratio and latency while the health checks
run, so neither waits for the other. The results go on the incident's timeline as
notes (the incident named, else the only open one), so the postmortem later shows what
was checked and what was found.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.evidence.model import SignalKind
from hotwash.incidents.model import Incident
from hotwash.incidents.service import IncidentService
from hotwash.live.changes import recent_changes
from hotwash.live.window import Window
from hotwash.timeline.changes import CHANGE_KINDS
from hotwash.triage.checklist import IncidentFacts, RecentChange, TriageFacts, render_checklist
from hotwash.triage.model import CheckResult, Health
from hotwash.triage.prometheus_now import read_signals
from hotwash.triage.runner import planned_checks, run_checks
from hotwash.triage.signals import Signals, signals_note


@dataclass(frozen=True)
class TriageRequest:
    settings: Settings
    environ: Mapping[str, str]
    now: datetime
    root: Path
    services: list[str] = field(default_factory=list)
    changes_since: timedelta = timedelta(hours=2)
    compare_with: timedelta = timedelta(hours=1)  # error ratio and latency: now vs then
    incidents: IncidentService | None = None
    incident_id: str | None = None  # None: the only open incident, if there is exactly one


@dataclass
class TriageOutcome:
    facts: TriageFacts
    checklist: str
    recorded_on: str | None = None
    why_not_recorded: str | None = None

    @property
    def results(self) -> list[CheckResult]:
        return self.facts.results

    @property
    def failing(self) -> list[CheckResult]:
        return [result for result in self.results if result.health is Health.FAIL]

    def save(self, folder: Path) -> list[Path]:
        """``triage-<time>.md`` (the checklist) and ``.json`` (the results) in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"triage-{self.facts.at:%Y%m%dT%H%M%SZ}"
        markdown, results = stem.with_suffix(".md"), stem.with_suffix(".json")
        markdown.write_text(self.checklist, encoding="utf-8")
        document = [asdict(result) for result in self.results]
        results.write_text(
            json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return [markdown, results]


def run_triage(request: TriageRequest) -> TriageOutcome:
    incident, why = _incident(request)
    results, signals = _checks_and_signals(request)
    window = Window(request.now - request.changes_since, request.now)
    found = recent_changes(request.settings, window, request.root, request.environ)
    facts = TriageFacts(
        at=request.now,
        results=results,
        channel=request.settings.team.channel,
        incident=_incident_facts(request, incident),
        changes=[
            RecentChange(e.at, e.text, e.source, e.kind is not SignalKind.COMMIT)
            for e in found.events
            if e.kind in CHANGE_KINDS
        ],
        change_problems=found.problems,
        change_places=found.places,
        signals=signals,
    )
    outcome = TriageOutcome(facts, render_checklist(facts), why_not_recorded=why)
    if incident is not None and request.incidents is not None:
        notes = [triage_note(results), signals_note(signals)]
        for note in filter(None, notes):
            request.incidents.add_note(incident.id, note, at=request.now)
        outcome.recorded_on = incident.id
    return outcome


def _checks_and_signals(request: TriageRequest) -> tuple[list[CheckResult], Signals | None]:
    """The health checks, with Prometheus asked at the same time in a thread of its own."""
    settings = request.settings
    with ThreadPoolExecutor(max_workers=1) as pool:
        signals = pool.submit(
            read_signals, settings, request.services, request.now, request.environ,
            request.compare_with,
        )  # fmt: skip
        results = run_checks(planned_checks(settings, request.services), request.environ)
        return results, signals.result()


def triage_note(results: list[CheckResult]) -> str:
    """One note for the timeline: the counts, then every check that is not OK."""
    if not results:
        return "Triage: no health checks configured"
    failing = [result for result in results if result.health is not Health.OK]
    healthy = len(results) - len(failing)
    text = f"Triage: {healthy} of {len(results)} health checks OK"
    return text + "".join(f"; {result.line(timing=False)}" for result in failing)


def _incident(request: TriageRequest) -> tuple[Incident | None, str | None]:
    if request.incidents is None:
        return None, "no workspace"
    if request.incident_id is not None:
        return request.incidents.get(request.incident_id), None
    open_ones = request.incidents.list_incidents(open_only=True)
    if len(open_ones) == 1:
        return open_ones[0], None
    if not open_ones:
        return None, "no open incident"
    return None, f"{len(open_ones)} open incidents; name one with --incident"


def _incident_facts(request: TriageRequest, incident: Incident | None) -> IncidentFacts | None:
    if incident is None:
        return None
    rule = request.settings.severity.rule(incident.severity)
    return IncidentFacts(
        id=incident.id,
        title=incident.title,
        severity=incident.severity.value,
        commander=incident.roles.commander,
        declared_at=incident.created_at,
        status_page=rule.status_page,
    )
