"""An imported postmortem back into a draft context, so it can be rendered again.

For a postmortem written by one of our templates, rendering this context with the
same template gives the same Markdown: render -> import -> render is lossless. For
a hand-written one it is a best effort that moves its content into our shape.
"""

from __future__ import annotations

from hotwash.postmortem.import_model import ImportedPostmortem
from hotwash.postmortem.model import (
    ActionRow,
    ChartRef,
    DraftContext,
    FileRow,
    MilestoneRow,
    Pair,
    TimelineRow,
    Why,
)
from hotwash.postmortem.placeholders import todo

_MISSING = todo("not found in the imported postmortem")


def context_from_import(found: ImportedPostmortem) -> DraftContext:
    fields = found.fields
    context = DraftContext(
        title=found.title or _MISSING,
        incident_id=fields.get("incident", _MISSING),
        date=fields.get("date", _MISSING),
        owner=fields.get("owner", _MISSING),
        status=fields.get("status", _MISSING),
        severity=fields.get("severity", _MISSING),
        duration=fields.get("duration", _MISSING),
        summary_facts=list(found.summary),
        summary_narrative=" ".join(found.summary_text),
        impact=[Pair(p.label, p.value) for p in found.impact],
        timeline_date=found.timeline_date or "",
        timeline=[
            _row(row.time, row.event, row.source, row.actor, row.milestones)
            for row in found.timeline
        ],
        timeline_notes=list(found.timeline_notes),
        delays=[Pair(p.label, p.value) for p in found.delays],
        detection=list(found.detection),
        response=list(found.response),
        factors=_factors(found),
        trigger=list(found.trigger),
        whys=[Why(w.question, w.answer, w.evidence or "") for w in found.analysis],
        went_well=list(found.went_well),
        went_poorly=list(found.went_poorly),
        lucky=list(found.lucky),
        actions=[_action(a.__dict__) for a in found.action_items],
        lessons=list(found.lessons),
    )
    _appendix(found, context)
    return context


def _row(
    time: str, event: str, source: str | None, actor: str | None, marks: tuple[str, ...]
) -> TimelineRow:
    return TimelineRow(time, event, source or "", actor or "-", tuple(marks))


def _factors(found: ImportedPostmortem) -> dict[str, list[str]]:
    factors: dict[str, list[str]] = {"immediate": [], "contributing": [], "systemic": []}
    for factor in found.contributing_factors:
        factors[factor.category or "contributing"].append(factor.text)
    return factors


def _action(values: dict[str, object]) -> ActionRow:
    def get(name: str) -> str:
        value = values.get(name)
        return str(value) if value is not None else ""

    return ActionRow(
        id=get("id"),
        action=get("action"),
        type=get("type"),
        owner=get("owner"),
        due=get("due"),
        priority=get("priority"),
        done_when=get("done_when"),
        ticket=get("ticket"),
    )


def _appendix(found: ImportedPostmortem, context: DraftContext) -> None:
    appendix = found.appendix
    context.charts = [
        ChartRef(_kind(c["png"]), c["title"], c["png"], c["svg"], c["caption"])
        for c in appendix.charts
    ]
    context.chart_notes = list(appendix.chart_notes)
    context.artifacts = [Pair(p.label, p.value) for p in appendix.artifacts]
    context.milestones = [MilestoneRow(*_padded(row, 5)) for row in appendix.milestones]
    context.evidence_files = [FileRow(*_padded(row, 5)) for row in appendix.evidence_files]
    context.notes = list(appendix.notes)
    context.runbooks = [Pair(p.label, p.value) for p in appendix.runbooks]
    context.related = list(appendix.related)


def _kind(png: str) -> str:
    for kind in ("error-rate", "latency", "request-rate"):
        if png.endswith(f"-{kind}.png"):
            return kind
    return "chart"


def _padded(row: list[str], width: int) -> list[str]:
    return (row + [""] * width)[:width]
