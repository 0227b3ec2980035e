"""Pytest fixtures for a real PostgreSQL server, started by the tests themselves.

Register from ``tests/conftest.py`` with ``pytest_plugins = ["plugins.postgres"]``.

* ``pg_server`` (session): the running server; see :class:`pg_server.PgServer`.
* ``pg_url``: a fresh, empty database for one test, dropped afterwards.

Without PostgreSQL binaries the tests that need them are skipped, except on CI
(``CI`` set), where a silent skip would hide that they never ran: they fail.

While the server runs, SIGTERM (``timeout``, CI cancellation) is turned into
KeyboardInterrupt, so that pytest still runs the teardown that stops it.
"""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Iterator
from types import FrameType
from typing import NoReturn

import pytest

from pg_server import (
    PgServer,
    PostgresUnavailable,
    create_database,
    drop_database,
    start_server,
    stop_server,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the server, so ``-m "not postgres"`` leaves them out."""
    for item in items:
        if {"pg_server", "pg_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_server()
    except PostgresUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run on CI: {error}", pytrace=False)
        pytest.skip(str(error))
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield server
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
        stop_server(server)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """``postgresql://postgres@127.0.0.1:PORT/NAME`` of a database made for this test."""
    name = f"hotwash_test_{uuid.uuid4().hex[:12]}"
    create_database(pg_server, name)
    try:
        yield pg_server.url(name)
    finally:
        drop_database(pg_server, name)


def _interrupt(_signal: int, _frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt("SIGTERM")
