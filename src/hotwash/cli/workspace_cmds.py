"""``hotwash init`` and ``hotwash config``: create a workspace and inspect its settings."""

from __future__ import annotations

from pathlib import Path

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_json, info
from hotwash.config import init_workspace
from hotwash.errors import ConfigError, HotwashError
from hotwash.times import resolve_zone


@click.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--team", default="Operations", show_default=True, help="Team name.")
@click.option(
    "--timezone",
    "timezone",
    default="UTC",
    show_default=True,
    help="Display time zone (IANA name). Times are always stored in UTC.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing hotwash.toml.")
@click.option("-i", "--interactive", is_flag=True, help="Ask for the team and time zone.")
def init(directory: Path, team: str, timezone: str, force: bool, interactive: bool) -> None:
    """Create a workspace: hotwash.toml, .hotwash/ (the SQLite store) and the usual folders."""
    if interactive:
        team = click.prompt("Team name", default=team)
        timezone = click.prompt("Display time zone", default=timezone)
    try:
        resolve_zone(timezone)
    except HotwashError as error:
        raise ConfigError(f"--timezone: {error}") from None
    workspace = init_workspace(directory, team=team, timezone=timezone, force=force)
    info(f"Created workspace in {workspace.root}")
    info('Next: hotwash declare "What users see" --sev 2 --service NAME')


@click.command("config")
@pass_app
def config_show(app: AppContext) -> None:
    """Print the effective configuration (file < environment < flags) as JSON."""
    data = app.settings.model_dump(mode="json")
    for target in data["notifications"]:
        target["url"] = "<hidden>"  # webhook URLs carry secrets
    if data.get("database_url"):
        data["database_url"] = _hide_password(data["database_url"])
    data["workspace"] = str(app.workspace.root)
    emit_json(data)


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


COMMANDS = [init, config_show]
