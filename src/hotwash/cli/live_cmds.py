"""Live evidence and triage: collect, triage, fetch-logs, changes, report.

``collect`` and ``report`` fetch the incident window from the team's systems and save
it as files the evidence sources read; ``triage``, ``fetch-logs`` and ``changes`` are the
seed's helper scripts (health checks, log fetching, recent changes) as commands.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_json, emit_table, info
from hotwash.errors import ConfigError, HotwashError, ValidationError
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.incidents.severity import Severity
from hotwash.live.changes import ChangeReport, recent_changes
from hotwash.live.collection import CollectionRun, attach_collected, open_collection, run_collection
from hotwash.live.fetch_logs import fetch_service_logs, log_rows
from hotwash.live.plan import plan_units, services_for
from hotwash.live.progress import collection_progress, human_bytes
from hotwash.live.report import rebuild_timeline, write_report
from hotwash.live.state import CollectionState
from hotwash.live.unit import Unit
from hotwash.live.window import Window
from hotwash.times import parse_duration
from hotwash.triage.model import CheckResult
from hotwash.triage.session import TriageOutcome, TriageRequest, run_triage

COLLECTED_DIR = "collected"


@click.command()
@click.argument("incident_id", metavar="INC")
@click.option("--margin", default="30m", show_default=True, help="Widen the window both ways.")
@click.option("--fresh", is_flag=True, help="Start over instead of resuming an unfinished run.")
@pass_app
def collect(app: AppContext, incident_id: str, margin: str, fresh: bool) -> None:
    """Fetch the incident window from every configured source and attach it as evidence."""
    incident = app.incidents.get(incident_id)
    window = incident_window(incident, app.now(), parse_duration(margin))
    units = _units(app, services_for(app.settings, incident.services))
    parent = app.workspace.root / "evidence" / incident.id / COLLECTED_DIR
    state = open_collection(parent, window, fresh=fresh)
    info(f"Collecting {incident.id}, {state.window.describe()}, into {state.folder}")
    run = _run(app, state, units)
    added = attach_collected(run, app.incidents, incident.id)
    click.echo(f"{incident.id}: {_summary(run)}; {added} new evidence item(s) attached")
    if run.failed:
        names = ", ".join(outcome.key for outcome in run.failed)
        raise HotwashError(
            f"{len(run.failed)} of {len(run.outcomes)} source(s) failed ({names});"
            f" the others were collected; run `hotwash collect {incident.id}` again to retry"
        )


@click.command()
@click.option("--incident", "incident_id", metavar="INC", help="Record on this incident.")
@click.option("--service", "services", multiple=True, help="Only this service (repeatable).")
@click.option("--changes-since", default="2h", show_default=True, help="Look back for changes.")
@click.option(
    "--compare-with",
    default="1h",
    show_default=True,
    help="Compare error ratio and latency with this long ago.",
)
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), help="Save here.")
@click.option("--json", "as_json", is_flag=True, help="Print the check results as JSON.")
@pass_app
def triage(
    app: AppContext,
    incident_id: str | None,
    services: tuple[str, ...],
    changes_since: str,
    compare_with: str,
    output_dir: Path | None,
    as_json: bool,
) -> None:
    """Health-check every service at once and fill in the 5-minute triage checklist."""
    request = _triage_request(app, incident_id, services, changes_since, compare_with)
    outcome = run_triage(request)
    _show_triage(outcome, as_json)
    if output_dir is not None:
        for path in outcome.save(output_dir):
            info(f"Wrote {path}")
    if outcome.recorded_on:
        info(f"Recorded the triage on {outcome.recorded_on}")
    elif outcome.why_not_recorded:
        info(f"Not recorded on an incident: {outcome.why_not_recorded}")
    if outcome.failing:
        raise HotwashError(f"{len(outcome.failing)} of {len(outcome.results)} check(s) failing")


def _triage_request(
    app: AppContext,
    incident_id: str | None,
    services: tuple[str, ...],
    changes_since: str,
    compare_with: str,
) -> TriageRequest:
    settings = app.settings_or_defaults
    unknown = sorted(set(services) - set(settings.services))
    if unknown:
        raise ValidationError(f"unknown service(s): {', '.join(unknown)}")
    return TriageRequest(
        settings=settings,
        environ=app.environ,
        now=app.now(),
        root=_root(app),
        services=list(services),
        changes_since=parse_duration(changes_since),
        compare_with=parse_duration(compare_with),
        incidents=app.incidents if _root_or_none(app) is not None else None,
        incident_id=incident_id,
    )


def _show_triage(outcome: TriageOutcome, as_json: bool) -> None:
    if as_json:
        emit_json([asdict(result) for result in outcome.results])
        return
    rows = [_result_row(result) for result in outcome.results]
    emit_table("Health checks", ["Service", "Check", "Target", "Health", "Detail", "ms"], rows)
    click.echo("")
    click.echo(outcome.checklist, nl=False)


@click.command("fetch-logs")
@click.option("--service", required=True, help="The service whose logs to fetch.")
@click.option("--since", default="15 minutes ago", show_default=True, metavar="TIME")
@click.option("--until", metavar="TIME", help="End of the window (default: now).")
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("incident-logs"),
    show_default=True,
)
@pass_app
def fetch_logs(
    app: AppContext, service: str, since: str, until: str | None, output_dir: Path
) -> None:
    """Fetch a service's logs for a window from wherever they live, and summarise them."""
    settings = app.settings_or_defaults
    if service not in settings.services:
        raise ValidationError(f"unknown service {service!r}: not in the configuration")
    window = Window(app.parse_time(since), app.parse_time(until) if until else app.now())
    fetched = fetch_service_logs(
        settings, service, window, output_dir, app.environ, root=_root(app), zone=app.zone
    )
    for outcome in fetched.outcomes:
        info(outcome)
    headers = ["File", "Format", "Records", "Errors", "Top error"]
    emit_table(f"Logs of {service}", headers, log_rows(fetched.batch))
    info(f"Saved in {fetched.folder}")
    if fetched.failed:
        raise HotwashError(f"{fetched.failed} log source(s) of {service} could not be fetched")


@click.command()
@click.option("--since", default="2h", show_default=True, help="A duration back or a time.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def changes(app: AppContext, since: str, as_json: bool) -> None:
    """Recent deploys and changes: git, Kubernetes rollouts and events, the deploy feed."""
    now = app.now()
    window = Window(_since(app, since, now), now)
    root = _root(app)
    report = recent_changes(app.settings_or_defaults, window, root, app.environ)
    _emit_changes(report, as_json)


@click.command()
@click.option("--title", required=True, help="What happened, in a few words.")
@click.option("--severity", required=True, help="SEV1-SEV4.")
@click.option("--start-time", required=True, metavar="TIME", help="When it started.")
@click.option("--end-time", required=True, metavar="TIME", help="When it ended.")
@click.option("--output-dir", required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option("--margin", default="30m", show_default=True, help="Widen the window both ways.")
@pass_app
def report(
    app: AppContext,
    title: str,
    severity: str,
    start_time: str,
    end_time: str,
    output_dir: Path,
    margin: str,
) -> None:
    """Collect a window, rebuild its timeline and draft the postmortem, in one step."""
    level = Severity.parse(severity)
    start, end = app.parse_time(start_time), app.parse_time(end_time)
    window = Window.of(start, min(end, app.now()), parse_duration(margin))
    settings = app.settings_or_defaults
    units = _units(app, sorted(settings.services))
    state = open_collection(output_dir / "evidence", window)
    info(f"Report {title!r} ({level.value}): collecting {state.window.describe()}")
    run = _run(app, state, units)
    for outcome in run.failed:
        info(f"warning: {outcome.key} failed; the report lacks it: {outcome.record.message}")
    timeline = rebuild_timeline(run, app.zone)
    written = write_report(
        timeline, settings, output_dir, title, _root_or_none(app), severity=level.value
    )
    click.echo(str(written.timeline_md))
    if written.postmortem is not None:
        click.echo(str(written.postmortem))
    else:
        info(f"Wrote the timeline only: {written.why_no_postmortem}")
    info(f"{_summary(run)}; timeline: {written.timeline_md}, {written.timeline_json}")


def incident_window(incident: Incident, now: datetime, margin: timedelta) -> Window:
    """From the earliest known moment of the incident to its resolution (or now), widened.

    A resolved incident's window is fixed (its end may lie a little in the future, which
    the sources answer up to now), so collecting it again finds the same collection.
    """
    start = min([incident.created_at, *incident.milestones.values()])
    resolved = incident.milestones.get(Milestone.RESOLVED)
    return Window(start - margin, resolved + margin if resolved else now)


def _units(app: AppContext, services: list[str]) -> list[Unit]:
    units = plan_units(app.settings_or_defaults, services, _root(app))
    if not units:
        raise ConfigError(
            "nothing to collect: configure [sources] (prometheus, alertmanager, loki,"
            " elasticsearch, pagerduty, slack) and services' queries or log_sources"
        )
    return units


def _run(app: AppContext, state: CollectionState, units: list[Unit]) -> CollectionRun:
    with collection_progress(len(units), info) as done:
        return run_collection(state, units, app.settings_or_defaults.sources, app.environ, done)


def _summary(run: CollectionRun) -> str:
    done = sum(1 for o in run.outcomes if o.record.finished)
    return (
        f"{done} of {len(run.outcomes)} source(s) collected"
        f" ({run.requests} request(s), {human_bytes(run.bytes)} this run)"
    )


def _since(app: AppContext, text: str, now: datetime) -> datetime:
    try:
        return now - parse_duration(text)
    except ValidationError:
        return app.parse_time(text)


def _root(app: AppContext) -> Path:
    return _root_or_none(app) or Path.cwd()


def _root_or_none(app: AppContext) -> Path | None:
    try:
        return app.workspace.root
    except ConfigError:
        return None


def _emit_changes(report: ChangeReport, as_json: bool) -> None:
    for problem in report.problems:
        info(f"warning: {problem}")
    if as_json:
        emit_json([
            {"at": e.at.isoformat(), "kind": e.kind.value, "service": e.service, "text": e.text,
             "actor": e.actor, "source": e.source, "ref": str(e.ref)}
            for e in report.events
        ])  # fmt: skip
        return
    rows = [
        [
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            e.kind.value,
            e.service or "-",
            e.text,
            e.actor or "-",
            e.source,
        ]
        for e in report.events
    ]
    emit_table("Recent changes (UTC)", ["Time", "Kind", "Service", "What", "Who", "Source"], rows)
    info(f"Looked at: {', '.join(report.places) or 'nothing configured (see [sources])'}")


def _result_row(result: CheckResult) -> list[str]:
    latency = f"{result.latency_ms:.0f}" if result.latency_ms is not None else "-"
    return [
        result.service,
        result.check,
        result.target,
        result.health.value,
        result.detail,
        latency,
    ]


COMMANDS = [collect, triage, fetch_logs, changes, report]
