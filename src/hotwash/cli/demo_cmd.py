"""``hotwash demo``: build a workspace and walk a realistic incident through its lifecycle."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from hotwash.cli.output import info
from hotwash.config import init_workspace
from hotwash.config.workspace import CONFIG_FILE, STATE_DIR
from hotwash.demo.evidence import write_evidence
from hotwash.demo.scenario import DAY, EVIDENCE_DIR, STEPS, Step
from hotwash.errors import ConfigError


@click.command()
@click.argument(
    "directory", type=click.Path(path_type=Path, file_okay=False), default="hotwash-demo"
)
@click.option("--force", is_flag=True, help="Rebuild the demo workspace if it exists.")
def demo(directory: Path, force: bool) -> None:
    """Create a demo workspace and run a sample SEV2 incident from declaration to resolution."""
    _prepare(directory, force)
    info(f"hotwash demo: a workspace in {directory.resolve()}\n")
    for step in STEPS:
        _run(directory, step)
    info(f"\nDone. Explore it: cd {directory} && hotwash list && hotwash show INC-2026-0001")


def _prepare(directory: Path, force: bool) -> None:
    if (directory / CONFIG_FILE).exists():
        if not force:
            raise ConfigError(f"{directory} already holds a workspace (use --force to rebuild it)")
        shutil.rmtree(directory / STATE_DIR, ignore_errors=True)
    init_workspace(directory, team="Payments SRE", timezone="Europe/Berlin", force=True)
    write_evidence(directory / EVIDENCE_DIR)


def _run(directory: Path, step: Step) -> None:
    from hotwash.cli import cli  # the full command group, with every command registered

    if step.narration:
        info(f"# {step.narration}")
    argv = [arg.replace("{workspace}", str(directory)) for arg in step.argv]
    click.echo(f"$ hotwash {' '.join(_quote(arg) for arg in argv)}")
    pinned = {"HOTWASH_NOW": f"{DAY}T{step.at}:00Z", "HOTWASH_USER": "Dana Kim"}
    with _environment(pinned):
        cli.main(args=["-C", str(directory), *argv], prog_name="hotwash", standalone_mode=False)
    click.echo("")


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Pin the clock and user for one step, then restore the caller's environment."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _quote(arg: str) -> str:
    return f'"{arg}"' if " " in arg else arg


COMMANDS = [demo]
