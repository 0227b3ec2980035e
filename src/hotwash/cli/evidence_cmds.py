"""``hotwash evidence``: attach evidence to an incident, list it, verify its custody.

Evidence stays where it is unless ``--copy`` is given: hotwash records the absolute
path, size and SHA-256 at attach time, and ``verify`` (and ``timeline INC``) re-hash
to show whether what is read now is what was attached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_json, emit_table, info, show_time
from hotwash.evidence.attached import (
    AttachedEvidence,
    Custody,
    CustodyCheck,
    CustodyError,
    Inspection,
    Shape,
    check_custody,
    copy_read_only,
    inspect_evidence,
    remove_copy,
)
from hotwash.evidence.model import EvidenceBatch
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.incidents.model import INCIDENT_ID
from hotwash.incidents.transfer import plain
from hotwash.timeline.from_store import read_attached, store_batch, year_hint
from hotwash.timeline.progress import byte_progress
from hotwash.times import resolve_zone

EVIDENCE_DIR = "evidence"


@click.group("evidence")
def evidence() -> None:
    """Attach evidence to an incident and keep its chain of custody."""


@evidence.command("add")
@click.argument("incident_id", metavar="INC")
@click.argument(
    "files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path)
)
@click.option(
    "--source-zone", metavar="ZONE", help="Zone of timestamps without an offset in these files."
)
@click.option("--copy", "copy", is_flag=True, help="Also keep a read-only copy in the workspace.")
@pass_app
def add(
    app: AppContext, incident_id: str, files: tuple[Path, ...], source_zone: str | None, copy: bool
) -> None:
    """Attach files or folders to an incident (recorded by path and SHA-256, not copied)."""
    zone = _checked_zone(source_zone)
    incident, known = app.incidents.attached_evidence(incident_id)  # fails early if unknown
    sources = evidence_sources()
    # Every path is checked and hashed before anything is recorded: all or nothing.
    found = [inspect_evidence(path, sources) for path in files]
    copies = _make_copies(app, incident.id, found, {k.sha256 for k in known}) if copy else {}
    results = _attach(app, incident.id, found, copies, zone)
    for inspection, (stored, added) in zip(found, results, strict=True):
        _report_added(app, inspection, stored, added)
    _warn_overlaps([stored for stored, added in results if added], known)


@evidence.command("list")
@click.argument("incident_id", metavar="INC")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def list_evidence(app: AppContext, incident_id: str, as_json: bool) -> None:
    """List an incident's attached evidence with its digests."""
    incident, attached = app.incidents.attached_evidence(incident_id)
    if as_json:
        emit_json([{"id": item.label, **plain(asdict(item))} for item in attached])
        return
    headers = ["#", "Path", "Kind", "Source", "Size", "SHA-256", "Attached", "By", "Copy"]
    rows = [_row(app, item) for item in attached]
    emit_table(f"Evidence for {incident.id}", headers, rows)


@evidence.command("verify")
@click.argument("incident_id", metavar="INC")
@pass_app
def verify(app: AppContext, incident_id: str) -> None:
    """Re-hash attached evidence; exit 1 if any changed or went missing since attached."""
    incident, attached = app.incidents.attached_evidence(incident_id)
    checks = [check_custody(item, app.workspace.root) for item in attached]
    rows = [[c.evidence.label, c.status.value, str(c.location), c.describe] for c in checks]
    emit_table(f"Custody of {incident.id}'s evidence", ["#", "Status", "Path", "Detail"], rows)
    broken = [c for c in checks if c.status is not Custody.INTACT]
    if broken:
        names = ", ".join(f"{c.evidence.label} {c.status.value}" for c in broken)
        raise CustodyError(
            f"{len(broken)} of {len(checks)} evidence item(s) of {incident.id}"
            f" no longer match what was attached: {names}"
        )
    info(f"{incident.id}: all {len(checks)} evidence item(s) intact")


def looks_like_incident(text: str) -> bool:
    return INCIDENT_ID.match(text.strip().upper()) is not None


def incident_evidence(app: AppContext, incident_id: str, base: ReadContext) -> EvidenceBatch:
    """What ``timeline INC`` reads: the incident's record and its attached evidence.

    Evidence that changed since it was attached is read with a warning; evidence that is
    missing or unreadable stops the command, since the timeline would silently lack it.
    """
    incident, events, attached = app.incidents.record_and_evidence(incident_id)
    checks = [check_custody(item, app.workspace.root) for item in attached]
    _refuse_missing(checks)
    for check in checks:
        if check.status is Custody.CHANGED:
            info(f"warning: {check.evidence.label} {check.location}: {check.describe}")
    base.year_hint = base.year_hint or year_hint(incident)
    batch = store_batch(incident, events)
    located = [(check.evidence, check.location) for check in checks]
    with byte_progress([location for _item, location in located]) as progress:
        base.progress = progress.advance
        batch.extend(read_attached(located, base, evidence_sources(), progress.start_file))
    return batch


def _refuse_missing(checks: list[CustodyCheck]) -> None:
    gone = [c for c in checks if c.status in {Custody.MISSING, Custody.UNREADABLE}]
    if gone:
        where = "; ".join(f"{c.evidence.label} {c.location} {c.describe}" for c in gone)
        raise CustodyError(f"attached evidence cannot be read: {where}")


def _checked_zone(source_zone: str | None) -> str | None:
    if source_zone is None:
        return None
    resolve_zone(source_zone)  # an unknown zone fails now, not when the timeline is built
    return source_zone.strip()


def _make_copies(
    app: AppContext, incident_id: str, found: list[Inspection], known: set[str]
) -> dict[str, str]:
    """Read-only copies (workspace-relative paths) by digest, for content not yet attached."""
    copies: dict[str, str] = {}
    try:
        for inspection in found:
            sha256 = inspection.digest.sha256
            if sha256 not in known and sha256 not in copies:
                copies[sha256] = _copy(app, incident_id, inspection)
    except BaseException:
        _discard(app, copies.values())
        raise
    return copies


def _attach(
    app: AppContext,
    incident_id: str,
    found: list[Inspection],
    copies: dict[str, str],
    zone: str | None,
) -> list[tuple[AttachedEvidence, bool]]:
    pairs = [(inspection, copies.get(inspection.digest.sha256)) for inspection in found]
    try:
        results = app.incidents.attach_evidence(incident_id, pairs, source_zone=zone)
    except BaseException:
        _discard(app, copies.values())
        raise
    # Another process may have attached the same content meanwhile: its copy is not needed.
    used = {stored.copy_path for stored, added in results if added}
    _discard(app, [copy_path for copy_path in copies.values() if copy_path not in used])
    return results


def _copy(app: AppContext, incident_id: str, inspection: Inspection) -> str:
    folder = app.workspace.root / EVIDENCE_DIR / incident_id
    return copy_read_only(inspection, folder).relative_to(app.workspace.root).as_posix()


def _discard(app: AppContext, copies: Iterable[str]) -> None:
    """Remove copies this command made for content it did not record."""
    for copy_path in copies:
        remove_copy(app.workspace.root / copy_path)


def _report_added(
    app: AppContext, inspection: Inspection, stored: AttachedEvidence, added: bool
) -> None:
    if not added:
        info(
            f"{inspection.path}: same content already attached to {stored.incident_id}"
            f" as {stored.label} ({stored.path}); nothing to do"
        )
        return
    kind = stored.source or "unknown format"
    click.echo(
        f"{stored.incident_id}: attached {stored.label} {stored.path}"
        f" ({kind}; {_size(stored.size)}; sha256 {stored.sha256[:12]}…)"
    )
    if stored.copy_path:
        info(f"  read-only copy: {app.workspace.root / stored.copy_path}")
    if stored.unrecognised:
        shown = ", ".join(stored.unrecognised[:5]) + (", …" if len(stored.unrecognised) > 5 else "")
        info(
            f"warning: no evidence source recognises {len(stored.unrecognised)} file(s)"
            f" in {stored.label}: {shown}; attached anyway, timelines will report them as unknown"
        )


def _warn_overlaps(added: list[AttachedEvidence], known: list[AttachedEvidence]) -> None:
    """Evidence inside other attached evidence would be read, and counted, twice."""
    for item in added:
        for other in [*known, *added]:
            relation = _overlap(Path(item.path), Path(other.path))
            # Each pair once: the later item is the one reported.
            if relation and (other.seq or 0) < (item.seq or 0):
                info(
                    f"warning: {item.label} {relation} {other.label} ({other.path});"
                    " the timeline reads both"
                )


def _overlap(path: Path, other: Path) -> str | None:
    if path == other:
        return "has the same path but other content than"
    if path.is_relative_to(other):
        return "lies inside"
    return "contains" if other.is_relative_to(path) else None


def _row(app: AppContext, item: AttachedEvidence) -> list[str]:
    return [
        item.label,
        item.path,
        item.shape.value if item.shape is Shape.FILE else f"folder ({item.files} files)",
        item.source or "unknown",
        _size(item.size),
        item.sha256,
        show_time(item.attached_at, app.zone),
        item.attached_by or "-",
        item.copy_path or "-",
    ]


def _size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    scaled, unit = float(size), "B"
    for larger in ("kB", "MB", "GB", "TB"):
        if scaled < 1000:
            break
        scaled, unit = scaled / 1000, larger
    return f"{scaled:.1f} {unit}"


COMMANDS = [evidence]
