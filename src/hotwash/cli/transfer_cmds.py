"""``hotwash export`` and ``hotwash import-incident``: move an incident between stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_json, info
from hotwash.errors import ValidationError


@click.command()
@click.argument("incident_id", metavar="INC")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    default=True,
    help="Export as JSON (the only format; accepted for clarity).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@pass_app
def export(app: AppContext, incident_id: str, as_json: bool, output: Path | None) -> None:
    """Export everything about an incident as one JSON document."""
    document = app.incidents.export(incident_id)
    if output is None:
        emit_json(document)
        return
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    info(f"Wrote {output}")


@click.command("import-incident")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@pass_app
def import_incident(app: AppContext, file: Path) -> None:
    """Import an incident exported with `hotwash export`."""
    incident = app.incidents.import_document(_read_document(file))
    click.echo(f"Imported {incident.id}: {incident.title}")


def _read_document(file: Path) -> dict[str, Any]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValidationError(f"cannot read {file}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(f"{file} is not valid JSON: {error}") from None
    if not isinstance(document, dict):
        raise ValidationError(f"{file} does not hold an incident document")
    return document


COMMANDS = [export, import_incident]
