"""The command-line adapter: parses arguments, calls the domain, prints results."""

from __future__ import annotations

import sys

import click

from hotwash.cli import (
    comms_cmds,
    demo_cmd,
    evidence_cmds,
    followup_cmds,
    incident_cmds,
    lint_cmds,
    live_cmds,
    logs_cmds,
    postmortem_cmds,
    timeline_cmds,
    transfer_cmds,
    workspace_cmds,
)
from hotwash.cli.app import cli
from hotwash.errors import HotwashError

for module in (
    workspace_cmds,
    incident_cmds,
    transfer_cmds,
    comms_cmds,
    logs_cmds,
    timeline_cmds,
    evidence_cmds,
    live_cmds,
    lint_cmds,
    postmortem_cmds,
    followup_cmds,
    demo_cmd,
):
    for command in module.COMMANDS:
        cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors become one line on stderr and a non-zero exit code."""
    try:
        cli.main(args=argv, prog_name="hotwash", standalone_mode=False)
    except HotwashError as error:
        click.echo(f"hotwash: error: {error}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("hotwash: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as error:
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)


__all__ = ["cli", "main"]
