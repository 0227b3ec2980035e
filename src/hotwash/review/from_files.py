"""A folder of postmortems, read into past incidents: ``hotwash review DIR`` needs no store.

Each file is read once by the importer; what the review needs that the importer does
not extract (services, alert names and log lines, action status) is read here on top
of the same parse. Files are named by their file name, or by their path under the
folder when two files share a name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from hotwash.actions.drafts import ActionDraft, action_drafts
from hotwash.actions.model import ActionStatus
from hotwash.actions.values import read_day
from hotwash.errors import HotwashError
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.severity import Severity
from hotwash.postmortem.document import Document, parse_document
from hotwash.postmortem.import_model import ImportedPostmortem
from hotwash.postmortem.import_text import pieces
from hotwash.postmortem.importer import import_text, postmortem_files
from hotwash.recurrence.signals import signals_in
from hotwash.review.history import PastAction, PastIncident, delays_from_milestones
from hotwash.review.services import services_of

_DAY_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LEADING_MARK = re.compile(
    r"^\W*(impact[ _]start|detected|acknowledged|declared|mitigated|resolved)\]", re.IGNORECASE
)


@dataclass(frozen=True)
class PostmortemFile:
    path: Path
    key: str
    digest: str  # sha256 of the text, to tell a changed file on re-import
    found: ImportedPostmortem
    drafts: tuple[ActionDraft, ...]
    problems: tuple[str, ...]
    incident: PastIncident
    reviewed: date | None = None  # the "Reviewed:" date, when the postmortem gives one


def read_folder(target: Path, skipped: list[str] | None = None) -> list[PostmortemFile]:
    """Every Markdown postmortem at or under ``target``, in file-name order.

    A file that cannot be read is left out and its reason added to ``skipped``: one
    unreadable file must not hide what the others say.
    """
    paths = list(postmortem_files(target))
    keys = _keys(paths, target)
    found = []
    for path in paths:
        try:
            found.append(read_postmortem(path, keys[path]))
        except HotwashError as error:
            if skipped is not None:
                skipped.append(str(error))
    return found


def read_postmortem(path: Path, key: str | None = None) -> PostmortemFile:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise HotwashError(f"cannot read {path}: {error.strerror}") from None
    try:
        found = import_text(text, str(path))
    except ValueError as error:  # the importer chokes on some impossible dates
        raise HotwashError(f"cannot read {path} as a postmortem: {error}") from None
    document = parse_document(text, str(path))
    drafts, problems = action_drafts(found, document)
    name = key or path.name
    incident = _incident(name, path, found, document, drafts)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    reviewed = read_day(
        next(iter(_field(document, "reviewed", "review date", "reviewed on")), None)
    )
    return PostmortemFile(
        path, name, digest, found, tuple(drafts), tuple(problems), incident, reviewed
    )


def _keys(paths: list[Path], root: Path) -> dict[Path, str]:
    names = [path.name for path in paths]
    base = root if root.is_dir() else root.parent
    return {
        path: path.name if names.count(path.name) == 1 else path.relative_to(base).as_posix()
        for path in paths
    }


def _incident(
    key: str,
    path: Path,
    found: ImportedPostmortem,
    document: Document,
    drafts: list[ActionDraft],
) -> PastIncident:
    milestones = _milestones(found)
    started = _started(found, milestones, path)
    return PastIncident(
        key=key,
        title=found.title or path.stem,
        started_at=started,
        severity=Severity(found.severity) if found.severity else None,
        services=services_of(found, document),
        milestones=milestones,
        delays=_delays(found, milestones),
        summary=" ".join([*found.summary_text, *found.summary]) or " ".join(found.impact_text),
        trigger=" ".join([*_field(document, "trigger"), *found.trigger]),
        factors=tuple(factor.text for factor in found.contributing_factors),
        details=" ".join(_details(found)),
        body=" ".join(
            piece.text for section in document.walk() for piece in pieces(section.blocks)
        ),
        signals=frozenset(signals_in(_evidence_texts(found))),
        actions=tuple(_action(draft, started) for draft in drafts),
        path=str(path),
        category=next(iter(_field(document, "category", "incident category")), None),
    )


def _field(document: Document, *names: str) -> list[str]:
    field = document.field(*names)
    return [field.value.text.strip()] if field is not None else []


def _milestones(found: ImportedPostmortem) -> dict[Milestone, datetime]:
    marks: dict[Milestone, datetime] = {}
    for row in found.timeline:
        if row.utc is None:
            continue
        for label in row.milestones or _leading_mark(row.event):
            try:
                marks.setdefault(Milestone.parse(label), _utc(row.utc))
            except HotwashError:
                continue
    return marks


def _leading_mark(event: str) -> tuple[str, ...]:
    """A marker the importer left in the text of a list row ("impact start]** ...")."""
    match = _LEADING_MARK.match(event)
    return (match.group(1),) if match else ()


def _started(
    found: ImportedPostmortem, milestones: dict[Milestone, datetime], path: Path
) -> datetime | None:
    for milestone in (Milestone.IMPACT_START, Milestone.DETECTED, Milestone.DECLARED):
        if milestone in milestones:
            return milestones[milestone]
    timed = sorted(_utc(row.utc) for row in found.timeline if row.utc)
    if timed:
        return timed[0]
    day = _day(found.date) or _day(found.timeline_date) or _day_in_name(path.name)
    return datetime.combine(day, time(0), tzinfo=UTC) if day else None


def _delays(found: ImportedPostmortem, milestones: dict[Milestone, datetime]) -> dict[str, float]:
    """Minutes per delay: the timeline's milestones win over figures stated in prose."""
    stated = found.stats.get("stated", {})
    timeline = found.stats.get("from_timeline", {})
    minutes = {name: value["seconds"] / 60.0 for name, value in stated.items()}
    minutes |= delays_from_milestones(milestones)
    minutes |= {name: seconds / 60.0 for name, seconds in timeline.items()}
    return minutes


def _evidence_texts(found: ImportedPostmortem) -> list[str]:
    rows = [f"{row.event} {row.source or ''}" for row in found.timeline]
    return [*rows, *found.summary_text, *found.summary, *found.detection, *found.trigger] + [
        factor.text for factor in found.contributing_factors
    ]


def _details(found: ImportedPostmortem) -> list[str]:
    whys = [f"{why.question} {why.answer}" for why in found.analysis]
    rows = [row.event for row in found.timeline]
    return [*rows, *found.detection, *found.went_poorly, *found.lessons, *whys]


def _action(draft: ActionDraft, started: datetime | None) -> PastAction:
    status = draft.status or ActionStatus.OPEN
    return PastAction(
        action=draft.action,
        status=status,
        id=draft.id,
        owner=draft.owner,
        due=draft.due,
        priority=draft.priority,
        type=draft.type,
        created_at=started,  # a file does not say when an item was written down
        ticket=draft.ticket,
    )


def _utc(text: str) -> datetime:
    """The importer's UTC times ("2026-03-14T14:02:00Z")."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _day_in_name(name: str) -> date | None:
    match = _DAY_IN_NAME.search(name)
    return _day(match.group(0)) if match else None
