"""Open a store: pick the driver, tune the connection, migrate, report failures.

SQLite is tuned for several hotwash processes sharing one file: WAL lets
readers run beside a writer, ``busy_timeout`` makes a writer wait instead of
failing with "database is locked", and every transaction starts with
``BEGIN IMMEDIATE``. The last one matters most: a deferred transaction that
reads and then writes cannot wait for the lock (SQLite would deadlock), so it
fails at once; taking the write lock at BEGIN makes writers queue instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from hotwash.store.errors import opening
from hotwash.store.repository import SqlStore
from hotwash.store.schema import ensure_schema
from hotwash.store.urls import Target, parse_store_url

SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_CONNECT_TIMEOUT_S = 5


def open_store(url: str) -> SqlStore:
    """Open (and if needed create or migrate) the database at ``url``.

    Raises :class:`~hotwash.errors.StoreError` with a one-line message when the
    database cannot be reached or opened.
    """
    target = parse_store_url(url)
    engine = _create_engine(target)
    try:
        with opening(target):
            ensure_schema(engine, target)
    except BaseException:
        engine.dispose()
        raise
    return SqlStore(engine, target)


def _create_engine(target: Target) -> Engine:
    if target.is_sqlite:
        engine = create_engine(target.url)
        _tune_sqlite(engine, in_memory=target.sqlite_path is None)
        return engine
    return create_engine(
        target.url,
        connect_args={
            "connect_timeout": POSTGRES_CONNECT_TIMEOUT_S,
            "application_name": "hotwash",
        },
        # A long-running process may hold a pooled connection the server has since dropped.
        pool_pre_ping=True,
    )


def _tune_sqlite(engine: Engine, *, in_memory: bool) -> None:
    """The SQLAlchemy "pysqlite serializable" recipe plus the pragmas for sharing a file."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop the driver from issuing its own BEGIN; _on_begin issues ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # The journal mode is stored in the file; switching needs an exclusive lock,
            # so only ask for it when the file is not in WAL mode yet.
            if not in_memory and cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, much faster
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
