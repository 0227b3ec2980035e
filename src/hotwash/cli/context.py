"""Everything a command needs, built lazily from the workspace, environment and flags."""

from __future__ import annotations

import getpass
import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from hotwash.config import Settings, Workspace, find_workspace, load_settings
from hotwash.errors import ConfigError, HotwashError, WorkspaceNotFoundError
from hotwash.redact import RedactionConfig, Redactor
from hotwash.times import parse_time, resolve_zone

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported only by commands that open it
    from hotwash.comms.delivery import Delivery
    from hotwash.incidents.service import IncidentService
    from hotwash.store import SqlStore


@dataclass
class AppContext:
    """Per-invocation state. Nothing is opened until a command asks for it."""

    workspace_dir: Path | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    _store: SqlStore | None = None

    @cached_property
    def workspace(self) -> Workspace:
        start = self.workspace_dir or Path(self.environ.get("HOTWASH_WORKSPACE", "."))
        return find_workspace(start)

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.workspace.config_path, self.environ, self.overrides)

    @cached_property
    def zone(self) -> tzinfo:
        return resolve_zone(self.settings_or_defaults.timezone)

    def redactor(self) -> Redactor:
        """A fresh redactor (it counts what it masks) configured by ``[redaction]``."""
        return Redactor(RedactionConfig.from_mapping(self.settings_or_defaults.redaction))

    @cached_property
    def settings_or_defaults(self) -> Settings:
        """Workspace settings if there is a workspace; defaults (plus env and flags) if not.

        Stateless commands such as ``hotwash timeline DIR`` work anywhere.
        """
        try:
            return self.settings
        except WorkspaceNotFoundError:
            return load_settings(None, self.environ, self.overrides)

    @property
    def database_url(self) -> str:
        from hotwash.store import sqlite_url

        return self.settings.database_url or sqlite_url(self.workspace.database_path)

    @property
    def store(self) -> SqlStore:
        if self._store is None:
            from hotwash.store import open_store

            self.workspace.state_dir.mkdir(exist_ok=True)
            self._store = open_store(self.database_url)
        return self._store

    @cached_property
    def viewer(self) -> str:
        """Who is running the command: config ``user``, then git's user.name, then the login."""
        return self.settings.user or _git_user_name() or getpass.getuser()

    def now(self) -> datetime:
        # HOTWASH_NOW pins the clock for demos and tests; real use leaves it unset.
        pinned = self.environ.get("HOTWASH_NOW")
        if pinned:
            try:
                return parse_time(pinned, zone=UTC, now=datetime.now(UTC))
            except HotwashError as error:
                raise ConfigError(f"HOTWASH_NOW: {error}") from None
        return datetime.now(UTC)

    def parse_time(self, text: str) -> datetime:
        return parse_time(text, zone=self.zone, now=self.now())

    def store_deliveries(self, incident_id: str | None) -> list[Delivery]:
        with self.store.transaction() as repo:
            return repo.deliveries(incident_id=incident_id)

    @cached_property
    def incidents(self) -> IncidentService:
        from hotwash.incidents.service import IncidentService

        return IncidentService(self.store, self.settings.severity, self.now, self.viewer)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _git_user_name() -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None
