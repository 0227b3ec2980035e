from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from store_helpers import make_incident

from hotwash.errors import StoreError
from hotwash.store import SqlStore, open_store, sqlite_url
from hotwash.store.urls import parse_store_url
from pg_server import PgServer

PASSWORD = "s3cret-Pa55"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # nothing listens once the probe is closed


def _open_fails(url: str) -> StoreError:
    started = time.monotonic()
    with pytest.raises(StoreError) as raised:
        open_store(url)
    assert time.monotonic() - started < 5, "gave up too slowly"
    error = raised.value
    assert "\n" not in str(error), "the CLI prints one line"
    assert PASSWORD not in str(error)
    assert error.__cause__ is None, "no chained traceback"
    assert error.__suppress_context__
    return error


def test_unreachable_postgresql_fails_fast_naming_host_and_port() -> None:
    port = _closed_port()
    error = _open_fails(f"postgresql://hotwash:{PASSWORD}@127.0.0.1:{port}/hotwash")

    assert str(error).startswith(f"cannot connect to PostgreSQL at 127.0.0.1:{port}/hotwash: ")
    assert "refused" in str(error).lower()


@pytest.mark.slow
def test_a_silent_postgresql_server_times_out_after_five_seconds() -> None:
    # The server accepts the TCP connection but never answers, like a hung host.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(StoreError, match="timeout") as raised:
            open_store(f"postgresql://hotwash:{PASSWORD}@127.0.0.1:{port}/hotwash")
        elapsed = time.monotonic() - started

    assert 4 < elapsed < 10
    assert f"127.0.0.1:{port}" in str(raised.value)


def test_a_missing_postgresql_database_is_reported(pg_server: PgServer) -> None:
    url = pg_server.url("no_such_database").replace("postgres@", f"postgres:{PASSWORD}@")

    error = _open_fails(url)

    assert f"{pg_server.host}:{pg_server.port}/no_such_database" in str(error)
    assert "does not exist" in str(error)


@pytest.mark.parametrize("problem", ["directory", "missing parent", "not a database"])
def test_an_unopenable_sqlite_file_is_reported(tmp_path: Path, problem: str) -> None:
    path = {
        "directory": tmp_path,
        "missing parent": tmp_path / "nowhere" / "hotwash.db",
        "not a database": tmp_path / "notes.txt",
    }[problem]
    if problem == "not a database":
        path.write_text("these are not the tables you are looking for\n" * 100)

    error = _open_fails(sqlite_url(path))

    assert str(error).startswith(f"cannot open SQLite database {path}: ")


def test_a_lost_postgresql_connection_is_a_store_error(pg_server: PgServer, pg_url: str) -> None:
    def lose_connection_mid_transaction(store: SqlStore) -> None:
        with store.transaction() as repo:
            repo.add_incident(make_incident())
            _terminate_sessions(pg_server, pg_url.rsplit("/", 1)[1])
            repo.list_incidents()

    with open_store(pg_url) as store:
        with pytest.raises(StoreError) as raised:
            lose_connection_mid_transaction(store)

        assert str(raised.value).startswith(f"PostgreSQL at 127.0.0.1:{pg_server.port}/")
        assert "\n" not in str(raised.value)
        # The pool recovers: the next transaction works on a new connection.
        with store.transaction() as repo:
            assert repo.list_incidents() == []


def _terminate_sessions(server: PgServer, dbname: str) -> None:
    with server.admin_connection() as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (dbname,),
        )


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@db.example.com:6543/hotwash",
        "postgres://u@db.example.com:6543/hotwash",
        "postgresql+psycopg://u@db.example.com:6543/hotwash",
    ],
)
def test_postgresql_urls_use_psycopg_3(url: str) -> None:
    target = parse_store_url(url)

    assert target.url.drivername == "postgresql+psycopg"
    assert target.description == "PostgreSQL at db.example.com:6543/hotwash"


def test_the_description_never_shows_the_password() -> None:
    target = parse_store_url(f"postgresql://hotwash:{PASSWORD}@db.example.com/hotwash")

    assert target.description == "PostgreSQL at db.example.com:5432/hotwash"


@pytest.mark.parametrize(
    "url", [f"mysql://root:{PASSWORD}@localhost/hotwash", f"not a url {PASSWORD}"]
)
def test_unsupported_urls_are_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(StoreError, match="expected sqlite:///") as raised:
        parse_store_url(url)

    assert PASSWORD not in str(raised.value)


def test_sqlite_url_opens_the_file_at_that_path(tmp_path: Path) -> None:
    path = tmp_path / "state" / "hotwash.db"
    path.parent.mkdir()

    with open_store(sqlite_url(path)) as store, store.transaction() as repo:
        repo.add_incident(make_incident())

    assert path.is_file()


def test_sqlite_is_set_up_for_several_processes(tmp_path: Path) -> None:
    with open_store(sqlite_url(tmp_path / "hotwash.db")) as store:
        settings = _pragmas(store, "journal_mode", "foreign_keys", "busy_timeout")

    assert settings == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30_000}


def _pragmas(store: SqlStore, *names: str) -> dict[str, object]:
    with store.engine.connect() as connection:
        return {name: connection.execute(text(f"PRAGMA {name}")).scalar() for name in names}
