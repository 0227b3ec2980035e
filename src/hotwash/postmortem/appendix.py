"""The appendix: charts, required artifacts, milestones, evidence read, runbooks, related.

Seed 004's required artifacts are the alert that fired, the commit or image in effect
when impact started, and a chart at peak impact; each is taken from the evidence or
left as a placeholder.
"""

from __future__ import annotations

import os
from pathlib import Path

from hotwash.evidence.model import SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.chart_data import ChartKind
from hotwash.postmortem.charts import DrawnChart
from hotwash.postmortem.formatting import utc_clock, utc_date, utc_stamp
from hotwash.postmortem.inputs import Derived, DraftInput, first_alert
from hotwash.postmortem.model import ChartRef, FileRow, MilestoneRow, Pair
from hotwash.postmortem.placeholders import todo
from hotwash.postmortem.runbooks import runbook_location
from hotwash.timeline.model import TimelineEntry

MAX_VERSIONS = 3
_VERSION_KINDS = {SignalKind.DEPLOY, SignalKind.ROLLOUT, SignalKind.COMMIT}


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def chart_refs(source: DraftInput) -> list[ChartRef]:
    return [_chart_ref(chart, source) for chart in source.charts]


def _chart_ref(chart: DrawnChart, source: DraftInput) -> ChartRef:
    data = chart.data
    origin = "derived from logs" if data.derived_from_logs else "metrics"
    caption = f"Source: {', '.join(data.sources)} ({origin})"
    if chart.peak_at is not None and chart.peak_value is not None:
        unit = data.unit if data.unit == "%" else f" {data.unit}"
        caption += f"; peak {chart.peak_value:.3g}{unit} at {utc_clock(chart.peak_at)} UTC"
    return ChartRef(
        kind=data.kind.value,
        title=source.redactor.redact(chart.title),
        png=_relative(chart.png, source.output_dir),
        svg=_relative(chart.svg, source.output_dir),
        caption=source.redactor.redact(caption) + ".",
    )


def chart_notes(source: DraftInput) -> list[str]:
    drawn = {chart.data.kind for chart in source.charts}
    return [
        todo(f"{kind.label.lower()} chart: no such data in the evidence; attach one if it exists")
        for kind in ChartKind
        if kind not in drawn
    ]


def artifacts(source: DraftInput, derived: Derived) -> list[Pair]:
    alert = first_alert(source.timeline)
    alert_text = (
        f"{alert.text} at {utc_stamp(alert.at)} ({alert.ref or alert.source})"
        if alert
        else todo("the alert that fired: none in the evidence")
    )
    return [
        Pair("Alert that fired", alert_text),
        Pair("Version in effect at impact start", _versions(source, derived)),
        Pair("Chart at peak impact", _peak_chart(source)),
    ]


def _versions(source: DraftInput, derived: Derived) -> str:
    onset = derived.times.get(Milestone.IMPACT_START)
    if onset is None:
        return todo("commit or image in effect at impact start")
    latest: dict[str, TimelineEntry] = {}
    for entry in source.timeline.entries:
        if entry.kind in _VERSION_KINDS and entry.at <= onset:
            latest[entry.service or entry.source] = entry
    chosen = sorted(latest.values(), key=lambda e: e.at, reverse=True)[:MAX_VERSIONS]
    texts = [f"{e.text} (at {utc_stamp(e.at)}, {e.ref or e.source})" for e in chosen]
    return "; ".join(texts) or todo("commit or image in effect at impact start: none found")


def _peak_chart(source: DraftInput) -> str:
    errors = [c for c in source.charts if c.data.kind is ChartKind.ERROR_RATE]
    chart = errors[0] if errors else (source.charts[0] if source.charts else None)
    if chart is None or chart.peak_at is None:
        return todo("dashboard screenshot at peak impact")
    link = _relative(chart.png, source.output_dir)
    return f"[{chart.data.kind.label} chart]({link}), peak at {utc_stamp(chart.peak_at)}"


def milestone_rows(source: DraftInput) -> list[MilestoneRow]:
    rows = []
    for milestone in Milestone:
        finding = source.timeline.milestones.get(milestone)
        if finding is None:
            rows.append(MilestoneRow(milestone.label, "unknown", "no evidence found", "-", "-"))
            continue
        evidence = "; ".join(str(ref) for ref in finding.evidence) or "-"
        method = finding.method
        if finding.overridden and finding.computed is not None:
            method += f" (computed: {utc_stamp(finding.computed)})"
        rows.append(
            MilestoneRow(
                milestone.label,
                utc_stamp(finding.at),
                method,
                f"{finding.confidence:.0%}",
                source.redactor.redact(evidence),
            )
        )
    return rows


def evidence_files(source: DraftInput) -> list[FileRow]:
    rows = []
    for stats in source.timeline.stats:
        skipped = ", ".join(f"{n} {reason}" for reason, n in stats.skipped.items()) or "0"
        rows.append(
            FileRow(
                path=source.redactor.redact(stats.path),
                format=stats.format,
                records=f"{stats.records:,}",
                skipped=source.redactor.redact(skipped),
                zone=stats.assumed_zone or "-",
            )
        )
    return rows


def related(source: DraftInput) -> list[str]:
    if source.record is None:
        return [todo("related incidents or postmortems")]
    found = [
        f"{other.id} ({utc_date(other.started_at)}, {other.severity.value}): {other.title}"
        for other in source.record.related
    ]
    return found or ["None recorded in hotwash on the same services."]


def runbooks(source: DraftInput, derived: Derived) -> list[Pair]:
    configured = set(source.settings.services)
    services = derived.services + [s for s in derived.figures.affected if s in configured]
    services = list(dict.fromkeys(services)) or derived.figures.affected
    return [_runbook(source, service) for service in services]


def _runbook(source: DraftInput, service: str) -> Pair:
    root = source.workspace_root
    location = runbook_location(source.settings, root, service) if root else None
    if location is None or not location.is_file():
        hint = f"no runbook for {service}; create one with: hotwash runbook new {service}"
        return Pair(service, todo(hint))
    link = _relative(location, source.output_dir)
    return Pair(service, f"[{location.name}]({link})")
