"""The command-line adapter: parses arguments, calls the domain, prints results."""

from __future__ import annotations

import sys

import click

from hotwash.cli.app import cli
from hotwash.errors import HotwashError


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
