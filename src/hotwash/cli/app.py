"""The ``hotwash`` command group and its global options."""

from __future__ import annotations

from pathlib import Path

import click

from hotwash.cli.context import AppContext
from hotwash.cli.lazy import LazyGroup


def _parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--set")
        overrides[key.strip()] = setting
    return overrides


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hotwash")
@click.option(
    "-C",
    "--workspace",
    "workspace_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Use the workspace at or above this folder instead of the current one.",
)
@click.option("--tz", help="Display time zone for this command (overrides config).")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a config value, e.g. --set severity.SEV1.update_cadence=10m.",
)
@click.pass_context
def cli(
    ctx: click.Context, workspace_dir: Path | None, tz: str | None, settings: tuple[str, ...]
) -> None:
    """hotwash: run incidents, then rebuild what happened and write the blameless postmortem."""
    overrides = _parse_overrides(settings)
    if tz:
        overrides["timezone"] = tz
    app = AppContext(workspace_dir=workspace_dir, overrides=overrides)
    ctx.obj = app
    ctx.call_on_close(app.close)


pass_app = click.make_pass_decorator(AppContext)
