"""A workspace: a folder with ``hotwash.toml``, found by looking upwards like git."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hotwash.config.template import render_config
from hotwash.errors import ConfigError, WorkspaceNotFoundError

CONFIG_FILE = "hotwash.toml"
STATE_DIR = ".hotwash"
DATABASE_FILE = "hotwash.db"
WORKSPACE_DIRS = ("postmortems", "evidence", "docs/runbooks", "templates")


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def database_path(self) -> Path:
        return self.state_dir / DATABASE_FILE

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"


def find_workspace(start: Path) -> Workspace:
    """The nearest folder at or above ``start`` that holds ``hotwash.toml``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return Workspace(folder)
    raise WorkspaceNotFoundError(
        f"no {CONFIG_FILE} in {here} or any parent folder; run `hotwash init` to create one"
    )


def init_workspace(root: Path, *, team: str, timezone: str, force: bool = False) -> Workspace:
    """Create the folders and a commented ``hotwash.toml`` with the seed defaults."""
    workspace = Workspace(root.resolve())
    if workspace.config_path.exists() and not force:
        raise ConfigError(f"{workspace.config_path} already exists (use --force to overwrite)")
    try:
        workspace.root.mkdir(parents=True, exist_ok=True)
        workspace.state_dir.mkdir(exist_ok=True)
        for name in WORKSPACE_DIRS:
            (workspace.root / name).mkdir(parents=True, exist_ok=True)
        workspace.config_path.write_text(render_config(team=team, timezone=timezone))
        _ignore_state(workspace.root / ".gitignore")
    except OSError as error:
        raise ConfigError(f"cannot create workspace in {root}: {error.strerror}") from None
    return workspace


def _ignore_state(gitignore: Path) -> None:
    # The database is local state; postmortems and config belong in git.
    lines = gitignore.read_text().splitlines() if gitignore.exists() else []
    if f"{STATE_DIR}/" not in lines:
        gitignore.write_text("\n".join([*lines, f"{STATE_DIR}/"]) + "\n")
