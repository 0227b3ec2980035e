"""Fill a :class:`DraftContext` from an incident and its rebuilt timeline.

The header, the executive summary's computed facts and the quantified impact are
worked out here; the other sections in :mod:`hotwash.postmortem.sections` and
:mod:`hotwash.postmortem.appendix`. Text that comes from evidence has been redacted
by the timeline builder or is redacted here; the rendered document is redacted once
more as a whole, so nothing derived from evidence reaches a draft unmasked.
"""

from __future__ import annotations

from datetime import datetime

from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.appendix import (
    artifacts,
    chart_notes,
    chart_refs,
    evidence_files,
    milestone_rows,
    related,
    runbooks,
)
from hotwash.postmortem.formatting import count, exact_duration, percent, utc_date, utc_minute
from hotwash.postmortem.inputs import (
    Derived,
    DraftInput,
    declared_severity,
    derive,
    first_alert,
    incident_start,
)
from hotwash.postmortem.model import DraftContext, Pair
from hotwash.postmortem.placeholders import todo
from hotwash.postmortem.sections import (
    action_rows,
    delays,
    detection,
    factors,
    lessons,
    response,
    retrospective,
    timeline_section,
    trigger,
    whys,
)

DRAFT = "Draft"


def build_context(source: DraftInput) -> DraftContext:
    derived = derive(source)
    context = _header(source, derived)
    context.summary_facts = summary_facts(source, derived)
    context.summary_narrative = todo(
        "2-3 sentences for readers outside engineering: what broke, for how long, "
        "and what users and the business felt"
    )
    context.impact = impact(derived, source.record.incident.impact if source.record else None)
    timeline_section(context, source, derived)
    context.delays = delays(source.timeline)
    context.detection = detection(source, derived)
    context.response = response(source, derived)
    context.factors = factors(source, derived)
    context.trigger = trigger(derived)
    context.whys = whys(derived)
    context.went_well, context.went_poorly, context.lucky = retrospective()
    context.actions = action_rows(source)
    context.lessons = lessons()
    context.charts = chart_refs(source)
    context.chart_notes = chart_notes(source)
    context.artifacts = artifacts(source, derived)
    context.milestones = milestone_rows(source)
    context.evidence_files = evidence_files(source)
    context.related = related(source)
    context.runbooks = runbooks(source, derived)
    return context


def _header(source: DraftInput, derived: Derived) -> DraftContext:
    incident = source.record.incident if source.record else None
    start = incident_start(source.timeline, source.record)
    return DraftContext(
        title=_title(source),
        incident_id=incident.id if incident else todo("incident id, if one was declared"),
        date=utc_date(start) if start else todo("date of the incident (YYYY-MM-DD)"),
        owner=(incident.roles.commander if incident else None) or todo("owner of this postmortem"),
        status=DRAFT,
        severity=_severity(source),
        duration=_duration(derived),
    )


def _title(source: DraftInput) -> str:
    if source.title:
        return source.title
    if source.record:
        return source.record.incident.title
    alert = first_alert(source.timeline)
    hint = f"; the first alert was: {alert.text}" if alert else ""
    return todo(f"incident title{hint}")


def _severity(source: DraftInput) -> str:
    if source.record:
        return source.record.incident.severity.value
    if source.severity:
        return source.severity
    found = declared_severity(source.timeline)
    return found or todo("severity, SEV1 to SEV4")


def _duration(derived: Derived) -> str:
    figures = derived.figures
    if figures.start is None or figures.end is None or figures.duration is None:
        return todo("duration: impact start to mitigation (milestones missing)")
    span = f"{utc_minute(figures.start)} to {utc_minute(figures.end)}"
    return f"{exact_duration(figures.duration)} of user impact ({span})"


def summary_facts(source: DraftInput, derived: Derived) -> list[str]:
    figures, times = derived.figures, derived.times
    facts = []
    if figures.start and figures.end and figures.duration:
        facts.append(
            f"Users were affected from {utc_minute(figures.start)} to {utc_minute(figures.end)} "
            f"on {utc_date(figures.start)} ({exact_duration(figures.duration)})."
        )
    if figures.failed and figures.failed.total:
        failed = figures.failed
        facts.append(
            f"{count(failed.failed)} of {count(failed.total)} requests "
            f"({percent(failed.share)}) failed with a server error during the impact."
        )
    if figures.peak:
        facts.append(f"The worst moment: {_peak_text(derived)}.")
    facts += _delay_facts(source, times)
    return facts or [todo("the facts: when users were affected, how many, how badly")]


def _delay_facts(source: DraftInput, times: dict[Milestone, datetime]) -> list[str]:
    delays = source.timeline.delays
    facts = []
    if "detection" in delays:
        facts.append(f"Detected {exact_duration(delays['detection'])} after impact started.")
    if "mitigation_from_impact" in delays:
        facts.append(
            f"Mitigated {exact_duration(delays['mitigation_from_impact'])} after impact started."
        )
    if Milestone.RESOLVED in times and "resolution" in delays:
        facts.append(f"Resolved {exact_duration(delays['resolution'])} after impact started.")
    return facts


def _peak_text(derived: Derived) -> str:
    peak = derived.figures.peak
    if peak is None:
        return todo("peak of the impact")
    value = f"{peak.value:.1f}%" if peak.unit == "%" else f"{peak.value:.3g} {peak.unit}".strip()
    return f"{value} at {utc_minute(peak.at)} ({peak.label}, {peak.source})"


def impact(derived: Derived, reported: str | None = None) -> list[Pair]:
    figures = derived.figures
    failed = figures.failed
    pairs = [Pair("Duration", _duration(derived))]
    if reported and reported.strip():
        pairs.append(Pair("Reported during the incident", reported.strip()))
    if failed and failed.total:
        sources = ", ".join(failed.sources)
        pairs.append(
            Pair(
                "Failed requests",
                f"{count(failed.failed)} of {count(failed.total)} returned 5xx ({sources})",
            )
        )
        pairs.append(Pair("Error rate", f"{percent(failed.share)} of requests during the impact"))
    else:
        pairs.append(Pair("Failed requests", todo("failed requests: no access logs in evidence")))
    pairs.append(Pair("Peak", _peak_text(derived)))
    affected = ", ".join(figures.affected) or todo("affected services")
    pairs.append(Pair("Affected services", affected))
    pairs.append(Pair("Users affected", todo("number of users or customers affected")))
    pairs.append(Pair("Data loss", todo("yes or no; if yes, what was lost")))
    pairs.append(Pair("Revenue or SLA impact", todo("revenue, SLA or SLO impact, if any")))
    return pairs
