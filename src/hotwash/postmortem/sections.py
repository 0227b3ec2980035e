"""The body of a draft: timeline, delays, detection, response, factors, analysis, actions.

Each function returns ready-to-print text for one section. Computed facts are stated
plainly with their evidence; what only the team can say is a ``[TODO: ...]`` prompt.
Prompts ask "what" and "how", about systems and conditions, never about a person.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hotwash.actions.model import ActionItem
from hotwash.evidence.model import SignalKind
from hotwash.incidents.factors import FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.postmortem.formatting import exact_duration, utc_clock
from hotwash.postmortem.inputs import Derived, DraftInput
from hotwash.postmortem.model import ActionRow, DraftContext, Pair, TimelineRow, Why
from hotwash.postmortem.placeholders import todo
from hotwash.timeline.delays import LABELS
from hotwash.timeline.model import Timeline, TimelineEntry

# The draft's timeline runs from this long before impact started to this long after the end.
BEFORE_IMPACT = timedelta(hours=1)
AFTER_END = timedelta(minutes=30)
KEY_DELAYS = ("detection", "mitigation_from_impact")
_CHANGE_KINDS = {SignalKind.DEPLOY, SignalKind.ROLLOUT, SignalKind.CONFIG_CHANGE}
_PROMPTS = {
    FactorCategory.IMMEDIATE: "the condition that directly produced the impact "
    "(confirm or replace the suggestions)",
    FactorCategory.CONTRIBUTING: "conditions that allowed it or made it worse: "
    "monitoring, testing, runbook or capacity gaps",
    FactorCategory.SYSTEMIC: "what in process or design lets such conditions recur, "
    "e.g. a missing pre-deployment check",
}


def timeline_section(context: DraftContext, source: DraftInput, derived: Derived) -> None:
    entries, before, after = _window(source.timeline.entries, derived)
    days = {entry.at.date() for entry in entries}
    context.timeline_date = next(iter(days)).isoformat() if len(days) == 1 else ""
    context.timeline = [_row(entry, with_date=len(days) > 1) for entry in entries]
    if not entries:
        context.timeline_notes.append(todo("timeline: no events in the evidence or the record"))
    if before or after:
        context.timeline_notes.append(
            f"{before} earlier and {after} later entries are left out; "
            "`hotwash timeline` lists every one."
        )


def _window(entries: list[TimelineEntry], derived: Derived) -> tuple[list[TimelineEntry], int, int]:
    start = derived.times.get(Milestone.IMPACT_START)
    end = max(derived.times.values(), default=None)
    if start is None or end is None:
        return entries, 0, 0
    first, last = start - BEFORE_IMPACT, end + AFTER_END
    kept = [e for e in entries if e.milestones or first <= e.at <= last]
    before = sum(1 for e in entries if not e.milestones and e.at < first)
    return kept, before, len(entries) - len(kept) - before


def _row(entry: TimelineEntry, *, with_date: bool) -> TimelineRow:
    return TimelineRow(
        time=utc_clock(entry.at, with_date=with_date),
        event=entry.text,
        source=entry.source,
        actor=entry.actor or "-",
        milestones=tuple(m.label for m in entry.milestones),
    )


def delays(timeline: Timeline) -> list[Pair]:
    pairs = []
    for name, label in LABELS.items():
        delay = timeline.delays.get(name)
        if delay is not None:
            pairs.append(Pair(label, exact_duration(delay)))
        elif name in KEY_DELAYS:
            pairs.append(Pair(label, todo("unknown: a milestone is missing from the evidence")))
    return pairs


def _at(derived: Derived, milestone: Milestone) -> str:
    return f"{utc_clock(derived.times[milestone])} UTC"


def detection(source: DraftInput, derived: Derived) -> list[str]:
    found = source.timeline.milestones
    lines = []
    if Milestone.IMPACT_START in found:
        lines.append(f"Impact started at {_at(derived, Milestone.IMPACT_START)}.")
    detected = found.get(Milestone.DETECTED)
    if detected is None:
        lines.append(todo("when and how was the incident detected? The evidence shows no signal"))
    else:
        lines.append(f"Detected at {_at(derived, Milestone.DETECTED)} ({detected.method}).")
    if "detection" in source.timeline.delays:
        lines.append(f"Detection delay: {exact_duration(source.timeline.delays['detection'])}.")
    if "acknowledgement" in source.timeline.delays:
        delay = exact_duration(source.timeline.delays["acknowledgement"])
        lines.append(f"Acknowledged at {_at(derived, Milestone.ACKNOWLEDGED)}, {delay} later.")
    lines.append(todo("what worked in detection, and how the signal could have come sooner"))
    return lines


def response(source: DraftInput, derived: Derived) -> list[str]:
    timeline, times = source.timeline, derived.times
    lines = []
    if "declaration" in timeline.delays:
        delay = exact_duration(timeline.delays["declaration"])
        lines.append(f"Declared at {_at(derived, Milestone.DECLARED)}, {delay} after detection.")
    lines += [
        f"Change during the response at {utc_clock(e.at)} UTC: {e.text} ({e.source})."
        for e in _response_changes(timeline, times)
    ]
    mitigated = timeline.milestones.get(Milestone.MITIGATED)
    if mitigated is not None:
        lines.append(f"Mitigated at {_at(derived, Milestone.MITIGATED)} ({mitigated.method}).")
    lines += _mitigation_delays(timeline)
    if "resolution" in timeline.delays:
        delay = exact_duration(timeline.delays["resolution"])
        lines.append(f"Resolved at {_at(derived, Milestone.RESOLVED)}, {delay} after impact.")
    lines.append(todo("what worked in the response, and what made mitigation slower"))
    return lines


def _response_changes(timeline: Timeline, times: dict[Milestone, datetime]) -> list[TimelineEntry]:
    start = times.get(Milestone.DETECTED) or times.get(Milestone.IMPACT_START)
    end = times.get(Milestone.MITIGATED) or times.get(Milestone.RESOLVED)
    if start is None or end is None:
        return []
    return [e for e in timeline.entries if e.kind in _CHANGE_KINDS and start <= e.at <= end]


def _mitigation_delays(timeline: Timeline) -> list[str]:
    from_impact = timeline.delays.get("mitigation_from_impact")
    from_detection = timeline.delays.get("mitigation_from_detection")
    if from_impact is None:
        return [f"Mitigation delay: {todo('unknown: impact start or mitigation is missing')}."]
    text = f"Mitigation delay: {exact_duration(from_impact)} from impact start"
    if from_detection is not None:
        text += f", {exact_duration(from_detection)} from detection"
    return [text + "."]


def factors(source: DraftInput, derived: Derived) -> dict[str, list[str]]:
    recorded = source.record.factors if source.record else []
    found: dict[str, list[str]] = {}
    for category in FactorCategory:
        lines = [f.text for f in recorded if f.category is category]
        lines += [
            f"{s.text} _(Suggested by the evidence: {s.evidence}; confirm or remove.)_"
            for s in derived.suggestions
            if s.category is category
        ]
        if not any(f.category is category for f in recorded):
            lines.append(todo(_PROMPTS[category]))
        found[category.value] = lines
    return found


def trigger(derived: Derived) -> list[str]:
    changes = [s for s in derived.suggestions if s.text.startswith("A change ")]
    lines = [f"{s.text} _(Evidence: {s.evidence}.)_" for s in changes]
    return lines or [todo("the event that set the incident off, if there was one")]


def whys(derived: Derived) -> list[Why]:
    # The symptom's condition first (a limit hit), then what changed before it.
    causal = [s for s in derived.suggestions if s.text.startswith("A resource limit")]
    causal += [s for s in derived.suggestions if s.text.startswith("A change ")]
    evidence = [f"{s.text} ({s.evidence})" for s in causal]
    questions = ["Why were users affected?"] + ["Why did that happen?"] * 4
    found = []
    for number, question in enumerate(questions):
        seed = evidence[number] if number < len(evidence) else None
        found.append(
            Why(question, todo("answer about a condition or system"), seed or todo("evidence"))
        )
    return found


def retrospective() -> tuple[list[str], list[str], list[str]]:
    return (
        [todo("what went well: detection, response, tools, communication")],
        [todo("what went poorly: where time was lost, what was missing")],
        [todo("where we got lucky: what could have made it worse")],
    )


def lessons() -> list[str]:
    return [todo("2-3 sentences: the insight that changes how we work")]


def action_rows(source: DraftInput) -> list[ActionRow]:
    items = source.record.actions if source.record else []
    return [_action(item) for item in items] or [
        ActionRow(
            id="AI-001",
            action=todo("action starting with a verb, one per contributing factor"),
            type=todo("prevent, detect, mitigate, process or repair"),
            owner=todo("owner"),
            due=todo("YYYY-MM-DD"),
            priority=todo("P1 to P4"),
            done_when=todo("what done looks like"),
            ticket=todo("ticket"),
        )
    ]


def _action(item: ActionItem) -> ActionRow:
    return ActionRow(
        id=item.id,
        action=item.action,
        type=item.type.value,
        owner=item.owner or todo("owner"),
        due=item.due.isoformat() if item.due else todo("YYYY-MM-DD"),
        priority=item.priority.value if item.priority else todo("P1 to P4"),
        done_when=item.done_when or todo("what done looks like"),
        ticket=item.ticket or todo("ticket"),
    )
