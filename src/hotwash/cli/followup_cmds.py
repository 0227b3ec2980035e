"""Follow-through commands: action items, tracker sync, the weekly digest, follow-up
reviews, and the pattern review with recurrence detection."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
import httpx

from hotwash.actions.digest import DigestInput, digest_markdown
from hotwash.actions.digest_post import find_target, post_digest
from hotwash.actions.edits import cleared, read_edits
from hotwash.actions.listing import ActionFilter, select
from hotwash.actions.model import ActionType, Priority
from hotwash.actions.presentation import HEADERS, action_json, action_row
from hotwash.actions.reviews import FollowUpService, record_json
from hotwash.actions.service import ActionService, NewAction
from hotwash.actions.values import read_due
from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_json, emit_table, info, show_time
from hotwash.errors import HotwashError, ValidationError, WorkspaceNotFoundError
from hotwash.review.from_files import read_folder
from hotwash.review.from_store import incidents_from_store
from hotwash.review.load import load_actions, load_folder, loaded_line
from hotwash.review.render import FORMATS, format_for, render
from hotwash.review.report import build_review
from hotwash.times import parse_duration
from hotwash.trackers.factory import configured, labels_of, only_tracker, open_tracker
from hotwash.trackers.sync import SyncRun
from hotwash.trackers.wording import describe, summary

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _service(app: AppContext) -> ActionService:
    return ActionService(app.store, app.now, app.viewer)


def _root(app: AppContext) -> Path | None:
    try:
        return app.workspace.root
    except WorkspaceNotFoundError:
        return None


# -- hotwash actions ---------------------------------------------------------------------


@click.group("actions")
def actions() -> None:
    """Action items: add, edit, close, list, sync to trackers, read from postmortems."""


@actions.command("add")
@click.argument("incident_id", metavar="INC")
@click.argument("action")
@click.option(
    "--type",
    "kind",
    default="prevent",
    show_default=True,
    help="prevent, mitigate, detect, process or repair.",
)
@click.option("--owner", help="Who will do it (a person).")
@click.option("--due", help="A date (2026-03-20) or a span from today (14d, 2w).")
@click.option("--priority", help="P1-P4.")
@click.option("--done-when", help="What done looks like (binary if possible).")
@click.option("--ticket", help="A ticket link, if one exists already.")
@click.option("--factor", type=int, help="The contributing factor (its number) it addresses.")
@pass_app
def actions_add(
    app: AppContext,
    incident_id: str,
    action: str,
    kind: str,
    owner: str | None,
    due: str | None,
    priority: str | None,
    done_when: str | None,
    ticket: str | None,
    factor: int | None,
) -> None:
    """Add an action item to an incident and print its id."""
    new = NewAction(
        incident_id=incident_id,
        action=action,
        type=ActionType.parse(kind),
        owner=cleared(owner),
        due=read_due(due, app.now().date()) if due else None,
        priority=Priority.parse(priority) if priority else None,
        done_when=cleared(done_when),
        ticket=cleared(ticket),
        factor=factor,
    )
    item = _service(app).add(new)
    click.echo(item.id)
    info(f"Added {item.id} to {item.incident_id}: {item.action}")


@actions.command("edit")
@click.argument("action_id", metavar="AI-NNN")
@click.option("--action", help="The action to take.")
@click.option("--type", help="prevent, mitigate, detect, process or repair.")
@click.option("--owner", help="Who will do it (- clears).")
@click.option("--due", help="A date or a span from today (- clears).")
@click.option("--priority", help="P1-P4 (- clears).")
@click.option("--done-when", help="What done looks like (- clears).")
@click.option("--status", help="open, in_progress, done or wont_do.")
@click.option("--ticket", help="Ticket link (- clears).")
@click.option("--factor", help="Contributing factor number (- clears).")
@pass_app
def actions_edit(app: AppContext, /, action_id: str, **given: str | None) -> None:
    """Change an action item's fields."""
    changes = read_edits({k: v for k, v in given.items() if v is not None}, app.now().date())
    if not changes:
        raise ValidationError("nothing to change: give at least one option")
    item = _service(app).edit(action_id, changes)
    info(f"Updated {item.id}: {', '.join(sorted(changes))}")


@actions.command("done")
@click.argument("action_id", metavar="AI-NNN")
@pass_app
def actions_done(app: AppContext, action_id: str) -> None:
    """Mark an action item done."""
    item = _service(app).done(action_id)
    info(f"{item.id} is done: {item.action}")


@actions.command("list")
@click.option("--overdue", is_flag=True, help="Only items past their due date.")
@click.option("--owner", help="Only this owner's items (@bob, bob and Bob are one owner).")
@click.option("--incident", "incident_id", metavar="INC", help="Only this incident's items.")
@click.option("--all", "show_all", is_flag=True, help="Include done and won't-do items.")
@json_option
@pass_app
def actions_list(
    app: AppContext,
    overdue: bool,
    owner: str | None,
    incident_id: str | None,
    show_all: bool,
    as_json: bool,
) -> None:
    """List open action items by priority and age, with days overdue."""
    items, _ = _service(app).visible_items()
    wanted = ActionFilter(overdue, owner, incident_id.upper() if incident_id else None, show_all)
    aged = select(items, wanted, app.now())
    if as_json:
        emit_json([action_json(a) for a in aged])
    elif not aged:
        click.echo("No action items match.")
    else:
        emit_table("Action items", HEADERS, [action_row(a) for a in aged])


@actions.command("sync")
@click.option(
    "--to",
    "tracker_name",
    type=click.Choice(["github", "gitlab", "jira"]),
    help="Which tracker (default: the one configured).",
)
@click.option("--incident", "incident_id", metavar="INC", help="Only this incident's items.")
@click.option(
    "--dry-run", is_flag=True, help="Show exactly what would change; send and save nothing."
)
@click.option("--include-restricted", is_flag=True, help="Also sync items of restricted incidents.")
@pass_app
def actions_sync(
    app: AppContext,
    tracker_name: str | None,
    incident_id: str | None,
    dry_run: bool,
    include_restricted: bool,
) -> None:
    """Export action items to GitHub, GitLab or Jira; closed tickets mark items done."""
    trackers = app.settings.trackers
    name = tracker_name or only_tracker(configured(trackers))
    tracker = open_tracker(name, trackers, app.environ, app.workspace.root)
    try:
        run = SyncRun(
            app.store,
            tracker,
            labels_of(name, trackers),
            app.settings.followup,
            app.now,
            app.viewer,
            include_restricted,
        )
        changes = run.plan(incident_id)
        for note in dict.fromkeys(run.notes):
            info(f"note: {note}")
        if dry_run:
            for change in changes:
                click.echo(describe(change, tracker, dry_run=True))
        else:
            run.apply(changes, click.echo)
        info(summary(changes, dry_run=dry_run))
    finally:
        tracker.close()


@actions.command("import-from")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--incident", "incident_id", metavar="INC", help="The incident the postmortem is about."
)
@pass_app
def actions_import_from(app: AppContext, file: Path, incident_id: str | None) -> None:
    """Take the action items of a postmortem (Markdown) into the store; re-reading updates them."""
    loaded = load_actions(
        app.store,
        file,
        incident_id,
        viewer=app.viewer,
        root=_root(app),
        now=app.now(),
        review_after=app.settings.followup.review_after,
    )
    for problem in loaded.problems:
        info(f"note: {problem}")
    outcome = loaded.actions
    for label, items in (("created", outcome.created), ("updated", outcome.updated)):
        for item in items:
            click.echo(f"{label} {item.id}: {item.action}")
    for item in outcome.gone:
        info(f"note: {item.id} is no longer in {file}; it was left as it is")
    info(
        f"{loaded.incident_id}: {len(outcome.created)} created, {len(outcome.updated)} updated, "
        f"{len(outcome.unchanged)} unchanged"
    )


# -- hotwash digest ----------------------------------------------------------------------


@click.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead."
)
@click.option("--post", is_flag=True, help="Also post it to the digest's notification target.")
@click.option("--target", help="The [[notifications]] target (default: followup.digest_target).")
@pass_app
def digest(app: AppContext, output: Path | None, post: bool, target: str | None) -> None:
    """The weekly review of open post-incident items, by priority and age, as Markdown."""
    items, incidents = _service(app).visible_items()
    records = [record for _, record in FollowUpService(app.store, app.now, app.viewer).records()]
    text = digest_markdown(DigestInput(items, incidents, records, app.now()))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        info(f"Wrote {output}")
    if post:
        settings = app.settings
        chosen = find_target(settings.notifications, target or settings.followup.digest_target)
        with httpx.Client() as client:
            post_digest(chosen, text, client, app.now())
        info(f"Posted the digest to {chosen.name}")


# -- hotwash followup --------------------------------------------------------------------


@click.group("followup")
def followup() -> None:
    """Postmortem follow-up reviews: finalise a postmortem, record its review."""


def _reviews(app: AppContext) -> FollowUpService:
    return FollowUpService(app.store, app.now, app.viewer, app.settings.followup.review_after)


@followup.command("finalise")
@click.argument("incident_id", metavar="INC")
@click.option("--file", "path", help="The postmortem's file.")
@click.option("--at", metavar="TIME", help="When it was finalised (default: now).")
@pass_app
def followup_finalise(app: AppContext, incident_id: str, path: str | None, at: str | None) -> None:
    """Mark a postmortem final and schedule its follow-up review (4 weeks later by default)."""
    record = _reviews(app).finalise(incident_id, path=path, at=app.parse_time(at) if at else None)
    info(f"{record.incident_id}: follow-up review due {show_time(record.follow_up_at, app.zone)}")


@followup.command("reviewed")
@click.argument("incident_id", metavar="INC")
@click.option("--at", metavar="TIME", help="When the review was held (default: now).")
@pass_app
def followup_reviewed(app: AppContext, incident_id: str, at: str | None) -> None:
    """Record that a postmortem's follow-up review was held."""
    record = _reviews(app).reviewed(incident_id, at=app.parse_time(at) if at else None)
    info(
        f"{record.incident_id}: follow-up review held {show_time(record.followed_up_at, app.zone)}"
    )


@followup.command("list")
@json_option
@pass_app
def followup_list(app: AppContext, as_json: bool) -> None:
    """Postmortems on record, with when they were finalised and reviewed."""
    found = _reviews(app).records()
    if as_json:
        emit_json([record_json(record) for _, record in found])
        return
    rows = [
        [
            incident.id,
            incident.title,
            show_time(record.finalised_at, app.zone),
            show_time(record.follow_up_at, app.zone),
            show_time(record.followed_up_at, app.zone),
            record.path or "-",
        ]
        for incident, record in found
    ]
    emit_table("Postmortems", ["ID", "Title", "Finalised", "Review due", "Reviewed", "File"], rows)


# -- hotwash review ----------------------------------------------------------------------


@click.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--since", metavar="SPAN|DATE", help="Only incidents since then: 90d, 6w, 2026-01-01."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from -o's extension, else markdown).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead."
)
@json_option
@pass_app
def review(
    app: AppContext,
    folder: Path | None,
    since: str | None,
    fmt: str | None,
    output: Path | None,
    as_json: bool,
) -> None:
    """Pattern review: response times, triggers, themes, action follow-through, recurrences.

    Reads the store, or a folder of postmortems (no store needed)."""
    now = app.now()
    skipped: list[str] = []
    history = (
        [f.incident for f in read_folder(folder, skipped)]
        if folder is not None
        else incidents_from_store(app.store, app.viewer)
    )
    for reason in skipped:
        info(f"skipped: {reason}")
    source = str(folder) if folder is not None else f"store ({app.store.description})"
    result = build_review(history, source=source, now=now, since=_since(app, since, now))
    chosen = "json" if as_json else fmt or format_for(output)
    _write(render(result, chosen), output, chosen)


def _since(app: AppContext, text: str | None, now: datetime) -> datetime | None:
    if text is None:
        return None
    try:
        return now - parse_duration(text)
    except HotwashError:  # not a span ("90d"): a date or a time ("2026-01-01")
        return app.parse_time(text)


def _write(text: str, output: Path | None, fmt: str) -> None:
    if output is None:
        if fmt == "html":
            raise ValidationError("the HTML report is a file: add -o review.html")
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    info(f"Wrote {output}")


# -- hotwash import DIR --store (called by the postmortem commands' `import`) ------------


def store_postmortems(app: AppContext, target: Path) -> None:
    """Load a folder of postmortems into the store; print one line per file."""
    skipped: list[str] = []
    loaded = load_folder(
        app.store, target, _root(app), app.now(), app.settings.followup.review_after, skipped
    )
    for reason in skipped:
        info(f"skipped: {reason}")
    for result in loaded:
        for problem in result.problems:
            info(f"note: {problem}")
        click.echo(loaded_line(result))
    created = sum(1 for r in loaded if r.created)
    info(f"Loaded {len(loaded)} postmortem(s): {created} new incident(s)")


COMMANDS = [actions, digest, followup, review]
