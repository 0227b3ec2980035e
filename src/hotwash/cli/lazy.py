"""The command group imports a command's module only when that command runs.

Start-up time is part of every command's cost (and of the log benchmark against
lnav): importing every command module pulls in matplotlib, SQLAlchemy and httpx,
which ``hotwash timeline DIR`` never needs. ``COMMAND_MODULES`` names each
command's module; a test checks it against the modules' ``COMMANDS`` lists.
"""

from __future__ import annotations

import importlib

import click

MODULES: dict[str, tuple[str, ...]] = {
    "workspace_cmds": ("init", "config"),
    "incident_cmds": (
        "declare",
        "status",
        "update",
        "note",
        "role",
        "severity",
        "milestone",
        "resolve",
        "reopen",
        "list",
        "show",
        "due",
    ),
    "transfer_cmds": ("export", "import-incident"),
    "comms_cmds": ("message", "deliver"),
    "logs_cmds": ("logs",),
    "timeline_cmds": ("timeline",),
    "evidence_cmds": ("evidence",),
    "live_cmds": ("collect", "triage", "fetch-logs", "changes", "report"),
    "lint_cmds": ("lint",),
    "postmortem_cmds": ("postmortem", "templates", "import", "runbook", "meeting", "publish"),
    "followup_cmds": ("actions", "digest", "followup", "review"),
    "demo_cmd": ("demo",),
}
COMMAND_MODULES = {name: module for module, names in MODULES.items() for name in names}


def load_module(module: str) -> list[click.Command]:
    """The commands a ``hotwash.cli`` module defines."""
    commands: list[click.Command] = importlib.import_module(f"hotwash.cli.{module}").COMMANDS
    return commands


class LazyGroup(click.Group):
    """A group whose subcommands are registered by name and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            for command in load_module(module):
                self.add_command(command)
        return self.commands.get(cmd_name)

    def load_all(self) -> None:
        """Import every command (for documentation and tests)."""
        for module in MODULES:
            for command in load_module(module):
                self.add_command(command)
