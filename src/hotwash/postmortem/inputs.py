"""Everything a draft is made from, gathered in one place before any text is written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.evidence.model import SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.charts import DrawnChart
from hotwash.postmortem.figures import ImpactFigures, impact_figures
from hotwash.postmortem.record import IncidentRecord
from hotwash.postmortem.suggestions import Suggestion, suggest_factors
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline, TimelineEntry

_SEVERITY = re.compile(r"\bSEV ?([1-4])\b", re.IGNORECASE)


@dataclass
class DraftInput:
    """The rebuilt timeline, what the store recorded (if anything), and where files go.

    ``output_dir`` is the folder of the Markdown file (links are relative to it);
    ``workspace_root`` is where runbooks are looked up.
    """

    timeline: Timeline
    settings: Settings
    redactor: Redactor
    output_dir: Path
    record: IncidentRecord | None = None
    title: str | None = None
    workspace_root: Path | None = None
    charts: list[DrawnChart] = field(default_factory=list)
    severity: str | None = None


@dataclass
class Derived:
    """Facts worked out once from the input and shared by every section."""

    figures: ImpactFigures
    suggestions: list[Suggestion]
    services: list[str]
    times: dict[Milestone, datetime]


def derive(source: DraftInput) -> Derived:
    services = list(source.record.incident.services) if source.record else []
    figures = impact_figures(source.timeline, services)
    times = {m: f.at for m, f in source.timeline.milestones.items()}
    return Derived(figures, suggest_factors(source.timeline, source.redactor), services, times)


def incident_start(timeline: Timeline, record: IncidentRecord | None) -> datetime | None:
    """Impact start from the evidence, else what the incident record says, else the first entry."""
    finding = timeline.milestones.get(Milestone.IMPACT_START)
    if finding is not None:
        return finding.at
    if record is not None:
        return record.incident.started_at
    return timeline.entries[0].at if timeline.entries else None


def declared_severity(timeline: Timeline) -> str | None:
    """``SEV2`` when the declaration found in the evidence names a severity."""
    finding = timeline.milestones.get(Milestone.DECLARED)
    match = _SEVERITY.search(finding.method) if finding else None
    return f"SEV{match.group(1)}" if match else None


def first_alert(timeline: Timeline) -> TimelineEntry | None:
    return next((e for e in timeline.entries if e.kind is SignalKind.ALERT_FIRING), None)
