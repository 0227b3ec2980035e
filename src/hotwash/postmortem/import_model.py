"""What ``hotwash import`` extracts from a postmortem, as plain data ready for JSON.

Extracted values keep the text as written (placeholders included) and the line they
came from. Anything the importer could not place (a timeline row without a time, an
action row without an action) goes to ``unparsed`` with its line and the reason:
nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportedRow:
    line: int
    time: str
    event: str
    source: str | None = None
    actor: str | None = None
    date: str | None = None
    zone: str | None = None
    utc: str | None = None  # ISO 8601 in UTC when date, clock and zone are all known
    milestones: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportedAction:
    line: int
    action: str
    id: str | None = None
    type: str | None = None
    owner: str | None = None
    due: str | None = None
    priority: str | None = None
    done_when: str | None = None
    ticket: str | None = None


@dataclass(frozen=True)
class ImportedFactor:
    line: int
    text: str
    category: str | None = None  # immediate, contributing, systemic, or unknown


@dataclass(frozen=True)
class ImportedWhy:
    line: int
    question: str
    answer: str
    evidence: str | None = None


@dataclass(frozen=True)
class LabelledValue:
    label: str
    value: str


@dataclass(frozen=True)
class Unparsed:
    line: int
    section: str
    text: str
    reason: str


@dataclass
class Appendix:
    charts: list[dict[str, str]] = field(default_factory=list)
    chart_notes: list[str] = field(default_factory=list)
    artifacts: list[LabelledValue] = field(default_factory=list)
    milestones: list[list[str]] = field(default_factory=list)
    evidence_files: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    runbooks: list[LabelledValue] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


@dataclass
class ImportedPostmortem:
    path: str
    title: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    date: str | None = None
    severity: str | None = None
    summary: list[str] = field(default_factory=list)
    summary_text: list[str] = field(default_factory=list)
    impact: list[LabelledValue] = field(default_factory=list)
    impact_text: list[str] = field(default_factory=list)
    timeline: list[ImportedRow] = field(default_factory=list)
    timeline_date: str | None = None
    timeline_notes: list[str] = field(default_factory=list)
    delays: list[LabelledValue] = field(default_factory=list)
    detection: list[str] = field(default_factory=list)
    response: list[str] = field(default_factory=list)
    trigger: list[str] = field(default_factory=list)
    contributing_factors: list[ImportedFactor] = field(default_factory=list)
    analysis: list[ImportedWhy] = field(default_factory=list)
    went_well: list[str] = field(default_factory=list)
    went_poorly: list[str] = field(default_factory=list)
    lucky: list[str] = field(default_factory=list)
    action_items: list[ImportedAction] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    appendix: Appendix = field(default_factory=Appendix)
    stats: dict[str, Any] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
