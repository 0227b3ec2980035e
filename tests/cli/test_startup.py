"""Commands are imported on first use, and ``import hotwash`` stays light."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
import pytest

import hotwash
from hotwash.cli import cli
from hotwash.cli.lazy import COMMAND_MODULES, MODULES, load_module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_the_map_names_exactly_the_commands_each_module_defines(module: str) -> None:
    assert sorted(command.name or "" for command in load_module(module)) == sorted(MODULES[module])


def test_every_registered_command_resolves_to_itself() -> None:
    context = click.Context(cli)
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        assert command is not None
        assert command.name == name


def test_an_unknown_command_is_not_found() -> None:
    assert cli.get_command(click.Context(cli), "no-such-command") is None
    assert "no-such-command" not in COMMAND_MODULES


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_the_timeline_command_does_not_import_the_store_charts_or_http() -> None:
    loaded = _modules_after(
        "from hotwash.cli import cli\nimport click\ncli.get_command(click.Context(cli), 'timeline')"
    )
    assert "hotwash.cli.timeline_cmds" in loaded
    assert not {"sqlalchemy", "matplotlib", "hotwash.cli.postmortem_cmds"} & loaded


def test_import_hotwash_is_light_and_every_public_name_resolves() -> None:
    assert not {"sqlalchemy", "matplotlib", "polars"} & _modules_after("import hotwash")
    for name in hotwash.__all__:
        assert getattr(hotwash, name) is not None, name
    assert (
        hotwash.IncidentService
        is importlib.import_module("hotwash.incidents.service").IncidentService
    )
    with pytest.raises(AttributeError):
        hotwash.no_such_name  # noqa: B018
