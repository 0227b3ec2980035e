"""The timeline as Markdown: milestones and delays first, then the UTC event table."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from hotwash.incidents.milestones import Milestone
from hotwash.timeline.delays import LABELS
from hotwash.timeline.model import Timeline, TimelineEntry
from hotwash.times import format_duration


def timeline_markdown(timeline: Timeline, zone: tzinfo = UTC) -> str:
    zone_name = "UTC" if zone is UTC else str(getattr(zone, "key", zone))
    lines = ["# Timeline", "", *_milestones(timeline, zone), "", *_delays(timeline), ""]
    if timeline.changes:
        lines += [*_changes(timeline), ""]
    lines += [f"| Time ({zone_name}) | Event | Source | Actor |", "|---|---|---|---|"]
    lines += [_row(entry, zone) for entry in timeline.entries]
    lines += ["", *_files(timeline)]
    return "\n".join(lines) + "\n"


def _time(value: datetime, zone: tzinfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _milestones(timeline: Timeline, zone: tzinfo) -> list[str]:
    lines = [
        "## Milestones",
        "",
        "| Milestone | Time | How it was found | Confidence |",
        "|---|---|---|---|",
    ]
    for milestone in Milestone:
        finding = timeline.milestones.get(milestone)
        if finding is None:
            lines.append(f"| {milestone.label} | unknown | no evidence found | - |")
            continue
        how = finding.method + (
            f" (computed: {_time(finding.computed, zone)})"
            if finding.overridden and finding.computed
            else ""
        )
        evidence = "; ".join(str(ref) for ref in finding.evidence)
        how += f" [evidence: {evidence}]" if evidence else ""
        lines.append(
            f"| {milestone.label} | {_time(finding.at, zone)} | {_cell(how)} | "
            f"{finding.confidence:.0%} |"
        )
    return lines


def _delays(timeline: Timeline) -> list[str]:
    lines = ["## Delays", ""]
    for name, label in LABELS.items():
        delay = timeline.delays.get(name)
        lines.append(f"- {label}: {format_duration(delay) if delay is not None else 'unknown'}")
    return lines


def _changes(timeline: Timeline) -> list[str]:
    lines = ["## Changes in the hour before impact", ""]
    for change in timeline.changes:
        flag = " **errors started right after this change**" if change.suspicious else ""
        lines.append(
            f"- {format_duration(change.gap)} before impact: {_cell(change.text)} "
            f"({change.source}){flag}"
        )
    return lines


def _row(entry: TimelineEntry, zone: tzinfo) -> str:
    marks = "".join(f"**[{m.label}]** " for m in entry.milestones)
    return (
        f"| {_time(entry.at, zone)} | {marks}{_cell(entry.text)} | {_cell(entry.source)} | "
        f"{_cell(entry.actor or '-')} |"
    )


def _files(timeline: Timeline) -> list[str]:
    lines = [
        "## Evidence read",
        "",
        "| File | Format | Lines | Records | Skipped | Zone assumed |",
        "|---|---|---|---|---|---|",
    ]
    for stats in timeline.stats:
        skipped = ", ".join(f"{n} {reason}" for reason, n in stats.skipped.items()) or "0"
        lines.append(
            f"| {_cell(stats.path)} | {stats.format} | {stats.lines} | {stats.records} | "
            f"{_cell(skipped)} | {stats.assumed_zone or '-'} |"
        )
    if timeline.redactions:
        total = ", ".join(f"{n} {kind}" for kind, n in sorted(timeline.redactions.items()))
        lines += ["", f"Redacted: {total}."]
    return lines
