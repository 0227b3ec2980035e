"""Postmortem commands: draft, templates, import, runbooks, the review meeting, publishing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.evidence_cmds import incident_evidence
from hotwash.cli.output import emit_json, emit_table, info
from hotwash.config.workspace import CONFIG_FILE
from hotwash.errors import ValidationError, WorkspaceNotFoundError
from hotwash.evidence.source import ReadContext
from hotwash.postmortem.catalog import BUILTIN, DEFAULT, Catalog
from hotwash.postmortem.draft import POSTMORTEMS_DIR, DraftRequest, write_draft
from hotwash.postmortem.failure_mode import failure_mode
from hotwash.postmortem.gather import Reading, evidence_folder
from hotwash.postmortem.html import export_html
from hotwash.postmortem.importer import import_file, postmortem_files
from hotwash.postmortem.meeting import agenda, agenda_markdown
from hotwash.postmortem.publish.settings import load_publish_settings
from hotwash.postmortem.publish.targets import publish_file
from hotwash.postmortem.record import load_record
from hotwash.postmortem.runbooks import (
    append_issue,
    check_service,
    new_runbook,
    runbook_location,
    write_new_runbook,
)
from hotwash.postmortem.subject import Subject, folder_subject, incident_subject, names_incident
from hotwash.redact import redaction_report
from hotwash.timeline.progress import byte_progress
from hotwash.times import resolve_zone

evidence_option = click.option(
    "--evidence",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Evidence for INC (repeatable; default: <workspace>/evidence/<INC>).",
)
zone_option = click.option(
    "--zone", metavar="ZONE", help="Zone for naive timestamps in the evidence (default: workspace)."
)


def _workspace_root(app: AppContext) -> Path | None:
    try:
        return app.workspace.root
    except WorkspaceNotFoundError:
        return None


@contextmanager
def _reading(app: AppContext, paths: list[Path], zone: tzinfo) -> Iterator[Reading]:
    with byte_progress(paths) as progress:
        yield Reading(zone=zone, on_file=progress.start_file, on_bytes=progress.advance)


def load_subject(
    app: AppContext, target: str, evidence: tuple[Path, ...], zone: str | None
) -> Subject:
    """The incident ``target`` names (with its evidence), or the evidence folder it is."""
    source_zone = resolve_zone(zone) if zone else app.zone
    if names_incident(target):
        record = load_record(app.incidents, app.store, target)
        # What `hotwash timeline INC` reads: the record and the attached evidence.
        recorded = incident_evidence(app, record.incident.id, ReadContext(source_zone))
        extra = list(evidence) or _unattached_folder(app, record.incident.id)
        with _reading(app, extra, source_zone) as reading:
            return incident_subject(record, recorded, extra, reading)
    if evidence:
        raise ValidationError("--evidence goes with an incident id; give folders directly")
    paths = [Path(target)]
    with _reading(app, [p for p in paths if p.exists()], source_zone) as reading:
        return folder_subject(paths, reading)


def _unattached_folder(app: AppContext, incident_id: str) -> list[Path]:
    """``<workspace>/evidence/<INC>`` when nothing is attached (attached evidence is read)."""
    _, _, attached = app.incidents.record_and_evidence(incident_id)
    folder = evidence_folder(app.workspace.root, incident_id)
    return [folder] if folder is not None and not attached else []


def _report_redactions(subject: Subject) -> None:
    if subject.redactor.counts:
        info(redaction_report(subject.redactor.counts))


@click.command()
@click.argument("target", metavar="INC|DIR")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead."
)
@click.option("--template", "template", default=DEFAULT, show_default=True, help="Template name.")
@click.option("--title", help="Title of the postmortem (default: the incident's title).")
@click.option("--html", "with_html", is_flag=True, help="Also write a single-file HTML copy.")
@evidence_option
@zone_option
@pass_app
def postmortem(
    app: AppContext,
    target: str,
    output: Path | None,
    template: str,
    title: str | None,
    with_html: bool,
    evidence: tuple[Path, ...],
    zone: str | None,
) -> None:
    """Draft a blameless postmortem for an incident or a folder of evidence."""
    root = _workspace_root(app)
    catalog = Catalog(root)
    catalog.source(template)  # an unknown template fails before any evidence is read
    subject = load_subject(app, target, evidence, zone)
    request = DraftRequest(
        timeline=subject.timeline,
        settings=app.settings_or_defaults,
        folder=(root or Path.cwd()) / POSTMORTEMS_DIR,
        record=subject.record,
        title=title,
        output=output,
        template=template,
        workspace_root=root,
        fallback_slug=subject.label,
        redactor=subject.redactor,
    )
    draft = write_draft(request, catalog)
    click.echo(str(draft.path))
    charts = ", ".join(chart.png.name for chart in draft.charts) or "none (no data to chart)"
    info(f"Wrote {draft.path} ({len(draft.placeholders)} placeholder(s) to fill; charts: {charts})")
    if with_html:
        info(f"Wrote {export_html(draft.path)}")
    _report_redactions(subject)


@click.group("templates")
def templates() -> None:
    """List and show the postmortem templates."""


@templates.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def templates_list(app: AppContext, as_json: bool) -> None:
    """List the templates: built-in ones and the workspace's own."""
    catalog = Catalog(_workspace_root(app))
    found = [catalog.info(name) for name in catalog.names()]
    if as_json:
        emit_json([vars(t) for t in found])
        return
    rows = [[t.name, t.origin, t.description] for t in found]
    emit_table("Postmortem templates", ["Name", "Origin", "Description"], rows)


@templates.command("show")
@click.argument("name")
@pass_app
def templates_show(app: AppContext, name: str) -> None:
    """Print a template's source (the workspace's override if it has one)."""
    catalog = Catalog(_workspace_root(app))
    click.echo(catalog.source(name), nl=False)
    info(f"({catalog.info(name).origin}; built-in names: {', '.join(BUILTIN)})")


@click.group("runbook")
def runbook() -> None:
    """Create runbooks and add the failure modes incidents reveal."""


@runbook.command("new")
@click.argument("service")
@click.option("--force", is_flag=True, help="Overwrite an existing runbook.")
@pass_app
def runbook_new(app: AppContext, service: str, force: bool) -> None:
    """Create docs/runbooks/<service>-runbook.md in the seed's shape."""
    check_service(service)
    path = runbook_location(app.settings, app.workspace.root, service)
    write_new_runbook(path, new_runbook(app.settings, service), force=force)
    click.echo(str(path))
    info(f"Wrote {path}")


@runbook.command("add-issue")
@click.argument("service")
@click.option("--from", "incident_id", required=True, metavar="INC", help="The incident.")
@evidence_option
@zone_option
@pass_app
def runbook_add_issue(
    app: AppContext, service: str, incident_id: str, evidence: tuple[Path, ...], zone: str | None
) -> None:
    """Append the incident's failure mode to the service's runbook as a common issue."""
    check_service(service)
    path = runbook_location(app.settings, app.workspace.root, service)
    if not path.is_file():
        raise ValidationError(
            f"no runbook at {path}; create it with: hotwash runbook new {service}"
        )
    subject = load_subject(app, incident_id, evidence, zone)
    if subject.record is None:
        raise ValidationError(f"{incident_id!r} is not an incident id")
    mode = failure_mode(subject.timeline, subject.record, subject.redactor)
    text = append_issue(
        path.read_text(encoding="utf-8"),
        mode.title,
        mode.symptoms,
        mode.diagnosis,
        mode.resolution,
        mode.seen_in,
    )
    path.write_text(text, encoding="utf-8")
    info(f"Added {mode.seen_in} to {path}")
    _report_redactions(subject)


@click.command()
@click.argument("target", metavar="INC")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead."
)
@evidence_option
@zone_option
@pass_app
def meeting(
    app: AppContext,
    target: str,
    output: Path | None,
    evidence: tuple[Path, ...],
    zone: str | None,
) -> None:
    """Print the 60-minute blameless review agenda, filled in for this incident."""
    subject = load_subject(app, target, evidence, zone)
    items = agenda(subject.timeline, subject.record, subject.redactor)
    heading = f"{subject.record.incident.id}: {subject.title}" if subject.record else subject.title
    text = agenda_markdown(subject.redactor.redact(heading), items)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        info(f"Wrote {output}")


@click.command("import")
@click.argument("target", metavar="FILE|DIR", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
@click.option(
    "--store",
    "into_store",
    is_flag=True,
    help="Also load them into the store (backfill), so review and recurrence "
    "detection work from day one.",
)
@pass_app
def import_postmortems(app: AppContext, target: Path, as_json: bool, into_store: bool) -> None:
    """Read existing postmortems (Markdown) into structure: timeline, factors, actions..."""
    if into_store:
        from hotwash.cli.followup_cmds import store_postmortems

        store_postmortems(app, target)
        return
    found = [import_file(path) for path in postmortem_files(target)]
    for item in found:
        for problem in item.unparsed:
            info(f"{item.path}:{problem.line}: not parsed ({problem.reason}): {problem.text}")
    if as_json:
        emit_json(found[0].to_json() if target.is_file() else [f.to_json() for f in found])
        return
    rows = [
        [
            f.path,
            f.title or "-",
            f.date or "-",
            f.severity or "-",
            str(len(f.timeline)),
            str(len(f.contributing_factors)),
            str(len(f.action_items)),
            str(len(f.unparsed)),
        ]
        for f in found
    ]
    headers = ["File", "Title", "Date", "Severity", "Rows", "Factors", "Actions", "Unparsed"]
    emit_table("Postmortems", headers, rows)


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--to",
    "target",
    type=click.Choice(["bookstack", "confluence", "html"]),
    required=True,
    help="Where to publish.",
)
@click.option("--name", help="Page name (default: Postmortem YYYY-MM-DD: <title>).")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="HTML file (html)."
)
@pass_app
def publish(
    app: AppContext, file: Path, target: str, name: str | None, output: Path | None
) -> None:
    """Publish a postmortem: a BookStack or Confluence page (updated if it exists), or HTML."""
    if target == "html":
        if not file.is_file():
            raise ValidationError(f"no such postmortem file: {file}")
        written = export_html(file, output)
        click.echo(str(written))
        info(f"Wrote {written} (charts inline)")
        return
    root = _workspace_root(app)
    config = root / CONFIG_FILE if root is not None else None
    result = publish_file(file, target, load_publish_settings(config, app.environ), name=name)
    click.echo(result.url)
    verb = "Created" if result.created else "Updated"
    info(f"{verb} {target} page {result.page_id} ({result.attachments} chart file(s))")


COMMANDS = [postmortem, templates, import_postmortems, runbook, meeting, publish]
