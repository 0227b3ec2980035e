"""Which column (or JSON key) of a deploy record holds what, recognised by its name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ROLES: dict[str, frozenset[str]] = {
    "time": frozenset(
        {
            "time",
            "timestamp",
            "date",
            "datetime",
            "deployed_at",
            "deploy_time",
            "deployed",
            "deploy_date",
            "started_at",
            "start_time",
            "finished_at",
            "completed_at",
            "created_at",
            "at",
            "when",
            "ts",
        }
    ),
    "service": frozenset(
        {
            "service",
            "app",
            "application",
            "component",
            "project",
            "deployment",
            "service_name",
            "app_name",
            "system",
            "repo",
            "repository",
        }
    ),
    "version": frozenset(
        {"version", "tag", "release", "image", "image_tag", "build", "revision", "artifact"}
    ),
    "actor": frozenset(
        {
            "actor",
            "author",
            "user",
            "deployer",
            "deployed_by",
            "by",
            "who",
            "triggered_by",
            "owner",
            "username",
            "requested_by",
            "operator",
        }
    ),
    "description": frozenset(
        {
            "description",
            "message",
            "notes",
            "note",
            "summary",
            "comment",
            "change",
            "changes",
            "title",
            "details",
            "reason",
        }
    ),
    "commit": frozenset({"commit", "sha", "git_sha", "commit_sha", "git_commit", "hash"}),
    "environment": frozenset({"environment", "env", "stage", "cluster"}),
    "status": frozenset({"status", "result", "outcome", "state"}),
}
# Columns that mark a log table, which deploy tables never have.
LOG_COLUMNS = frozenset({"level", "severity", "msg", "log", "logger", "loglevel", "lvl"})


def normalise(name: str) -> str:
    """``"Deployed At"`` -> ``deployed_at``."""
    return re.sub(r"[\s\-.]+", "_", name.strip().strip("\"'").strip().lower())


@dataclass(frozen=True)
class DeployColumns:
    """The original column name for each role found (``time`` always present)."""

    by_role: dict[str, str]

    def get(self, role: str) -> str | None:
        return self.by_role.get(role)


def deploy_columns(names: Iterable[str]) -> DeployColumns | None:
    """The roles of a deploy table's columns, or None if these are not deploy columns."""
    by_role: dict[str, str] = {}
    normalised = {name: normalise(name) for name in names}
    if LOG_COLUMNS & set(normalised.values()):
        return None
    for name, key in normalised.items():
        role = next((role for role, keys in ROLES.items() if key in keys), None)
        if role is not None and role not in by_role:
            by_role[role] = name
    has_change = "version" in by_role or "commit" in by_role
    if "time" not in by_role or not (has_change or {"service", "actor"} <= by_role.keys()):
        return None
    return DeployColumns(by_role)
