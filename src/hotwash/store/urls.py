"""Database URLs as users write them, turned into what SQLAlchemy should open.

Users write ``sqlite:///path`` or a plain ``postgresql://`` URL as libpq tools
accept it. Messages describe a database by host, port and name only: the URL
may carry a password, and error messages end up in terminals and CI logs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from hotwash.errors import StoreError

POSTGRES_DRIVER = "postgresql+psycopg"
_POSTGRES_NAMES = {"postgresql", "postgres", POSTGRES_DRIVER}
_SQLITE_NAMES = {"sqlite", "sqlite+pysqlite"}
_EXPECTED = "expected sqlite:///path/to/hotwash.db or postgresql://user@host:port/dbname"


@dataclass(frozen=True)
class Target:
    """A database to open: the SQLAlchemy URL and a password-free description."""

    url: URL

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, or ``None`` for PostgreSQL and in-memory SQLite."""
        database = self.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)

    @property
    def description(self) -> str:
        if self.is_sqlite:
            return f"SQLite database {self.url.database or ':memory:'}"
        host = self.url.host or os.environ.get("PGHOST") or "localhost"
        port = self.url.port or 5432
        return f"PostgreSQL at {host}:{port}/{self.url.database or ''}"


def parse_store_url(text: str) -> Target:
    """Check a user's database URL and pick the driver hotwash ships with."""
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        # The parser's message may quote the URL, password included.
        raise StoreError(f"invalid database URL: {_EXPECTED}") from None
    if url.drivername in _SQLITE_NAMES:
        return Target(url.set(drivername="sqlite"))
    if url.drivername in _POSTGRES_NAMES:
        # psycopg 3 is the driver hotwash depends on; SQLAlchemy < 2.1 defaults to psycopg2.
        return Target(url.set(drivername=POSTGRES_DRIVER))
    raise StoreError(f"unsupported database URL scheme {url.drivername!r}: {_EXPECTED}")


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The URL of a SQLite database file (relative paths stay relative)."""
    return f"sqlite:///{Path(path)}"
