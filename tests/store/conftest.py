"""Every store test runs twice: on a SQLite file and on a real PostgreSQL database.

The ``pg_url`` fixture comes from ``tests/plugins/postgres.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import make_incident

from hotwash.incidents.model import Incident
from hotwash.store import SqlStore, open_store, sqlite_url

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
WARM_IMPORTS = (
    "import hotwash.store, alembic.command, alembic.script, psycopg, "
    "sqlalchemy.dialects.postgresql.psycopg, sqlalchemy.dialects.sqlite.pysqlite"
)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database (not yet opened, so not yet migrated)."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "hotwash.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def incident(store: SqlStore) -> Incident:
    """An incident already committed to ``store``."""
    stored = make_incident()
    with store.transaction() as repo:
        repo.add_incident(stored)
    return stored


@pytest.fixture(scope="session")
def subprocess_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for Python subprocesses, with a bytecode cache filled once.

    The concurrency tests start eight Python processes at a time. Where bytecode
    is not written (PYTHONDONTWRITEBYTECODE, read-only installs) each would compile
    hotwash and SQLAlchemy from source, three times slower than loading bytecode.
    A private cache directory keeps the source tree and the venv untouched.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    subprocess.run([sys.executable, "-c", WARM_IMPORTS], env=env, check=True, timeout=300)
    return env
