"""The timeline as instants: each row's time on a calendar, and the milestones it marks.

Rows without a date take the last date seen (or the document's ``Date`` field); a
row that jumps back by more than twelve hours without a date of its own is read as
the next day (a midnight crossing, flagged so a rule can ask for the date). A smaller
jump back is flagged as out of order.

Milestones come from explicit marks first (``**[detected]**``, ``Detected:``), else
from the wording of the first row that says so ("alert fires", "rolled back"). A
keyword milestone whose row also matches another milestone's wording is dropped:
a delay is only computed from rows that say one thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from hotwash.lint.zone_offsets import utc_offset
from hotwash.postmortem import TimelineRow, mask_markup

__all__ = ["MILESTONE_WORDS", "Chronology", "Instant", "build_chronology"]

_FALLBACK_DAY = date(2000, 1, 1)
_CROSSING = timedelta(hours=12)

MILESTONE_WORDS = {
    "impact_start": r"impact (?:start|starts|started|began|begins)|errors? (?:start|began|begin|"
    r"rise|rising|spike|appear)|first (?:5xx|errors?|failures?|timeouts?|failed)|outage "
    r"(?:start|starts|began|begins)|(?:started|began|start) (?:failing|returning|timing out|"
    r"erroring)|impact begins|users? (?:start|began) (?:seeing|getting)",
    "detected": r"alerts? (?:fire[sd]?|fired|triggered|trigger|goes off|went off)|first alert|"
    r"\bpaged\b|page (?:sent|fired)|detected|noticed|first (?:customer |user )?(?:report|"
    r"ticket|complaint)|(?:customer|user|support) (?:report|ticket)s? (?:received|filed|arrives?)",
    "acknowledged": r"acknowledg\w*|\backs?\b|\backed\b",
    "declared": r"incident (?:declared|opened|created)|declares? (?:an? )?(?:incident|sev)",
    "mitigated": r"mitigat\w*|rollback (?:complete|completed|finished|done)|rolled back|"
    r"error rate (?:returns?|back|drops?|dropping|normal)|back to normal|normali[sz]ed|"
    r"recovered|restored|stabili[sz]ed|failover (?:complete|done)",
    "resolved": r"resolved|all clear|incident closed|fully recovered|closed the incident",
}
_WORDS = {name: re.compile(rf"\b(?:{p})", re.IGNORECASE) for name, p in MILESTONE_WORDS.items()}
_MARK = re.compile(
    r"\*\*\s*\[?\s*(?P<a>impact[ _]start|impact|detected|detection|acknowledged|declared|"
    r"mitigated|mitigation|resolved|resolution)\s*\]?\s*\*\*|\[(?P<b>impact[ _]start|detected|"
    r"acknowledged|declared|mitigated|resolved)\]|^(?P<c>impact[ _]start|detected|acknowledged|"
    r"declared|mitigated|resolved)\s*[:—-]",
    re.IGNORECASE,
)
_CANONICAL = {"impact": "impact_start", "detection": "detected", "mitigation": "mitigated",
              "resolution": "resolved"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Instant:
    row: TimelineRow
    at: datetime | None
    crossed_midnight: bool = False
    backwards: bool = False


@dataclass
class Chronology:
    instants: list[Instant]
    # milestone name -> (instant, explicitly marked?)
    milestones: dict[str, tuple[Instant, bool]] = field(default_factory=dict)

    def delay(self, start: str, end: str) -> timedelta | None:
        first, last = self.milestones.get(start), self.milestones.get(end)
        if first is None or last is None or first[0].at is None or last[0].at is None:
            return None
        return last[0].at - first[0].at


def build_chronology(rows: list[TimelineRow], base_day: date | None) -> Chronology:
    instants = _instants(rows, base_day or _FALLBACK_DAY)
    return Chronology(instants, _milestones(instants))


def _instants(rows: list[TimelineRow], day: date) -> list[Instant]:
    found: list[Instant] = []
    previous: datetime | None = None
    for row in rows:
        if row.clock is None:
            found.append(Instant(row, None))
            continue
        explicit = row.day is not None
        day = row.day or _day_number(row.date_text, day)
        # A row in another zone is placed on the UTC line with the others.
        shift = utc_offset(row.zone, day, row.clock) if row.zone else None
        at = datetime.combine(day, row.clock) - (shift or timedelta())
        crossed = backwards = False
        if previous is not None and at < previous:
            crossed = not explicit and previous - at > _CROSSING
            backwards = not crossed
            if crossed:
                day, at = day + timedelta(days=1), at + timedelta(days=1)
        found.append(Instant(row, at, crossed, backwards))
        previous = at
    return found


def _day_number(text: str | None, day: date) -> date:
    match = re.fullmatch(r"(?i)(?:day\s+|d\+)(\d+)", text or "")
    return day if match is None else _FALLBACK_DAY + timedelta(days=int(match.group(1)))


def _milestones(instants: list[Instant]) -> dict[str, tuple[Instant, bool]]:
    marked: dict[str, tuple[Instant, bool]] = {}
    worded: dict[str, tuple[Instant, bool]] = {}
    for instant in instants:
        if instant.at is None:
            continue
        text = mask_markup(instant.row.event.text)
        for match in _MARK.finditer(instant.row.event.text):
            name = (match.group("a") or match.group("b") or match.group("c")).lower()
            name = _CANONICAL.get(name, name.replace(" ", "_"))
            marked.setdefault(name, (instant, True))
        said = [name for name, pattern in _WORDS.items() if pattern.search(text)]
        if len(said) == 1:
            worded.setdefault(said[0], (instant, False))
    return {**worded, **marked}
