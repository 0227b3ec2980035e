"""A postmortem draft as the templates see it: every value ready to print.

The drafting code fills it from an incident and its rebuilt timeline; ``hotwash
import`` fills it back from a Markdown file, which is how render -> import -> render
stays lossless for our own templates. Missing facts are placeholders
(``[TODO: ...]``), never empty strings, so a template cannot hide a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FACTOR_CATEGORIES = ("immediate", "contributing", "systemic")


@dataclass(frozen=True)
class Pair:
    """A labelled fact: ``- **Failed requests:** 393 of 1,160 (33.9%)``."""

    label: str
    value: str


@dataclass(frozen=True)
class TimelineRow:
    time: str
    event: str
    source: str
    actor: str
    milestones: tuple[str, ...] = ()


@dataclass(frozen=True)
class MilestoneRow:
    milestone: str
    time: str
    method: str
    confidence: str
    evidence: str


@dataclass(frozen=True)
class ActionRow:
    id: str
    action: str
    type: str
    owner: str
    due: str
    priority: str
    done_when: str
    ticket: str


@dataclass(frozen=True)
class Why:
    question: str
    answer: str
    evidence: str


@dataclass(frozen=True)
class ChartRef:
    """A chart written next to the Markdown; paths are relative to the Markdown file."""

    kind: str
    title: str
    png: str
    svg: str
    caption: str


@dataclass(frozen=True)
class FileRow:
    path: str
    format: str
    records: str
    skipped: str
    zone: str


@dataclass
class DraftContext:
    title: str
    incident_id: str
    date: str
    owner: str
    status: str
    severity: str
    duration: str
    summary_facts: list[str] = field(default_factory=list)
    summary_narrative: str = ""
    impact: list[Pair] = field(default_factory=list)
    timeline_date: str = ""
    timeline: list[TimelineRow] = field(default_factory=list)
    timeline_notes: list[str] = field(default_factory=list)
    delays: list[Pair] = field(default_factory=list)
    detection: list[str] = field(default_factory=list)
    response: list[str] = field(default_factory=list)
    factors: dict[str, list[str]] = field(default_factory=dict)
    trigger: list[str] = field(default_factory=list)
    whys: list[Why] = field(default_factory=list)
    went_well: list[str] = field(default_factory=list)
    went_poorly: list[str] = field(default_factory=list)
    lucky: list[str] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    charts: list[ChartRef] = field(default_factory=list)
    chart_notes: list[str] = field(default_factory=list)
    artifacts: list[Pair] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    evidence_files: list[FileRow] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    runbooks: list[Pair] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def factors_in(self, category: str) -> list[str]:
        return self.factors.get(category, [])
