"""``hotwash timeline``: rebuild an incident's timeline from evidence.

The evidence is files and folders, or an incident id: then the incident's attached
evidence plus what was recorded in hotwash about it (notes, updates, status changes
and milestones, which win over inferred ones). Both may be given together.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.evidence_cmds import incident_evidence, looks_like_incident
from hotwash.cli.output import emit_json, info
from hotwash.errors import ValidationError
from hotwash.evidence.model import EvidenceBatch
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.incidents.milestones import Milestone
from hotwash.redact import redaction_report
from hotwash.timeline.build import BuildOptions, build_timeline
from hotwash.timeline.collect import collect
from hotwash.timeline.model import Timeline
from hotwash.timeline.progress import byte_progress
from hotwash.timeline.render_csv import timeline_csv
from hotwash.timeline.render_json import timeline_json
from hotwash.timeline.render_md import timeline_markdown
from hotwash.times import resolve_zone


@click.command()
@click.argument("evidence", nargs=-1, required=True, metavar="INC|DIR|FILE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv", "json"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option("--since", metavar="TIME", help="Only events at or after this time.")
@click.option("--until", metavar="TIME", help="Only events at or before this time.")
@click.option("--tz", "display_tz", metavar="ZONE", help="Display zone (md and csv only).")
@click.option(
    "--zone",
    "source_zone",
    metavar="ZONE",
    help="Zone for naive timestamps in the evidence (default: workspace zone).",
)
@click.option(
    "--milestone",
    "overrides",
    multiple=True,
    metavar="NAME=TIME",
    help="Override a milestone, e.g. --milestone detected=14:06Z (repeatable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@pass_app
def timeline(
    app: AppContext,
    evidence: tuple[str, ...],
    fmt: str,
    since: str | None,
    until: str | None,
    display_tz: str | None,
    source_zone: str | None,
    overrides: tuple[str, ...],
    output: Path | None,
) -> None:
    """Rebuild a timeline, with milestones and delays, from an incident or evidence files."""
    incident_id, paths = _split(evidence)
    # The window narrows what is shown, not what is read: milestones need the evidence
    # from before and after it (a baseline before onset, the recovery after).
    context = ReadContext(
        default_zone=resolve_zone(source_zone) if source_zone else app.zone,
        root=paths[0] if len(paths) == 1 and paths[0].is_dir() else None,
    )
    options = BuildOptions(
        since=_time(app, since),
        until=_time(app, until),
        overrides=dict(_override(app, text) for text in overrides),
        redactor=app.redactor(),
    )
    batch = EvidenceBatch()
    if incident_id is not None:
        batch.extend(incident_evidence(app, incident_id, replace(context, root=None)))
    if paths:
        batch.extend(_read(paths, context))
    built = build_timeline(batch, options)
    # Postmortem timelines are UTC; --tz is a presentation choice for md and csv.
    _emit(built, fmt, resolve_zone(display_tz) if display_tz else UTC, output)
    _summarise(built)


def _split(evidence: tuple[str, ...]) -> tuple[str | None, list[Path]]:
    """At most one incident id (an argument shaped like one that is not a path) and paths."""
    ids = [item for item in evidence if looks_like_incident(item) and not Path(item).exists()]
    if len(ids) > 1:
        raise ValidationError(f"one incident at a time, not {', '.join(ids)}")
    paths = _existing([item for item in evidence if item not in ids])
    return (ids[0] if ids else None), paths


def _existing(evidence: list[str]) -> list[Path]:
    paths = [Path(item) for item in evidence]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise ValidationError(f"no such evidence file or folder: {', '.join(missing)}")
    return paths


def _read(paths: list[Path], context: ReadContext) -> EvidenceBatch:
    with byte_progress(paths) as progress:
        context.progress = progress.advance
        return collect(paths, context, evidence_sources(), on_file=progress.start_file)


def _time(app: AppContext, text: str | None) -> datetime | None:
    return app.parse_time(text) if text else None


def _override(app: AppContext, text: str) -> tuple[Milestone, datetime]:
    name, sep, when = text.partition("=")
    if not sep:
        raise ValidationError(f"--milestone {text!r}: expected NAME=TIME")
    return Milestone.parse(name), app.parse_time(when)


def _emit(built: Timeline, fmt: str, zone: tzinfo, output: Path | None) -> None:
    if fmt == "json":
        if output is None:
            emit_json(timeline_json(built))
            return
        text = json.dumps(timeline_json(built), indent=2, ensure_ascii=False) + "\n"
    else:
        text = timeline_markdown(built, zone) if fmt == "md" else timeline_csv(built, zone)
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    info(f"Wrote {output}")


def _summarise(built: Timeline) -> None:
    skipped = sum(sum(s.skipped.values()) for s in built.stats)
    info(
        f"Read {len(built.stats)} evidence file(s); {skipped} item(s) skipped "
        "(see the per-file report)."
    )
    if built.redactions:
        info(redaction_report(built.redactions))


COMMANDS = [timeline]
