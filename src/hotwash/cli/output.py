"""Output for people and for programs: rich tables on a terminal, plain text or JSON when piped."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

import click
from rich.console import Console
from rich.table import Table


def is_terminal() -> bool:
    return sys.stdout.isatty()


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def emit_table(title: str | None, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A rich table on a terminal; tab-separated lines (header first) when piped."""
    if is_terminal():
        table = Table(title=title, header_style="bold")
        for header in headers:
            table.add_column(header)
        for row in rows:
            table.add_row(*row)
        Console().print(table)
        return
    click.echo("\t".join(headers))
    for row in rows:
        click.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))


def emit_fields(pairs: Sequence[tuple[str, str]]) -> None:
    width = max((len(label) for label, _ in pairs), default=0)
    for label, value in pairs:
        click.echo(f"{label + ':':<{width + 1}} {value}")


def info(message: str) -> None:
    """Progress and confirmations go to stderr so stdout stays clean for pipes."""
    click.echo(message, err=True)


def show_time(value: datetime | None, zone: tzinfo) -> str:
    """UTC always; the display zone alongside when it differs."""
    if value is None:
        return "-"
    utc = f"{value:%Y-%m-%d %H:%M:%S} UTC"
    local = value.astimezone(zone)
    if local.utcoffset() == value.utcoffset():
        return utc
    return f"{utc} ({local:%H:%M %Z})"
