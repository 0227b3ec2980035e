"""Bring a database to the schema this hotwash expects, cheaply and only once.

Every CLI command opens the store, so the common case (already at head) must
cost one small query: Alembic is imported only when the revision differs.
Several processes may open a new database at the same moment; they take a
lock (an advisory lock on PostgreSQL, a file lock next to a SQLite file) and
re-check the revision under it, so exactly one of them migrates.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from hotwash.errors import StoreError
from hotwash.store.urls import Target

if TYPE_CHECKING:
    from alembic.config import Config

SCHEMA_HEAD = "0003"
MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
# Any constant works; it only has to be the same in every hotwash process.
_ADVISORY_LOCK_KEY = 0x686F7477617368  # "hotwash"


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or ``None`` for an empty database."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def ensure_schema(engine: Engine, target: Target) -> None:
    """Migrate to :data:`SCHEMA_HEAD` unless the database is there already."""
    with engine.connect() as connection:
        if current_revision(connection) == SCHEMA_HEAD:
            return
    with _file_lock(target.sqlite_path), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Transaction-scoped: released by the commit that also ends the migration.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY}
            )
        revision = current_revision(connection)
        if revision != SCHEMA_HEAD:
            _upgrade(connection, revision, target)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code: hotwash ships no ``alembic.ini``."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolation would read a '%' in the install path as a reference.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str | None, target: Target) -> None:
    from alembic import command
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    try:
        command.upgrade(alembic_config(connection), SCHEMA_HEAD)
    except (CommandError, RevisionError):
        raise StoreError(
            f"{target.description} has schema revision {revision!r}, which this version of"
            f" hotwash does not know (expected {SCHEMA_HEAD}); is it from a newer hotwash?"
        ) from None


@contextmanager
def _file_lock(database: Path | None) -> Iterator[None]:
    """Serialise first opens of one SQLite file; released when the file closes."""
    if database is None:
        yield
        return
    with database.with_name(database.name + ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
