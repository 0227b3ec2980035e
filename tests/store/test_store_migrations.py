from __future__ import annotations

import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from hotwash.errors import StoreError
from hotwash.store import SCHEMA_HEAD, SqlStore, open_store
from hotwash.store import schema as schema_module
from hotwash.store.schema import alembic_config, current_revision
from hotwash.store.tables import Base

TABLES = {
    "incidents",
    "incident_counters",
    "timeline_events",
    "contributing_factors",
    "action_items",
    "action_counter",
    "deliveries",
    "attached_evidence",
    "postmortems",
    "tracker_links",
    "alembic_version",
}


def _revision(store: SqlStore) -> str | None:
    with store.engine.connect() as connection:
        return current_revision(connection)


def test_schema_head_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_a_new_database_is_created_at_head(store: SqlStore) -> None:
    assert _revision(store) == SCHEMA_HEAD
    assert set(inspect(store.engine).get_table_names()) == TABLES


def test_migrations_create_exactly_the_model_schema(store: SqlStore) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_downgrade_and_upgrade_again(store: SqlStore) -> None:
    with store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        assert current_revision(connection) is None
        command.upgrade(alembic_config(connection), "head")

    assert _revision(store) == SCHEMA_HEAD
    assert set(inspect(store.engine).get_table_names()) == TABLES


def test_reopening_at_head_does_not_migrate(
    store: SqlStore, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise AssertionError("migrated a database that was already at head")

    monkeypatch.setattr(schema_module, "_upgrade", fail)

    with open_store(store_url) as reopened, reopened.transaction() as repo:
        assert repo.list_incidents() == []


def test_reopening_at_head_does_not_even_import_alembic(
    store: SqlStore, store_url: str, subprocess_env: dict[str, str]
) -> None:
    script = (
        "import sys; from hotwash.store import open_store; "
        f"open_store({store_url!r}).close(); print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=subprocess_env,
    )

    assert result.stdout.strip() == "False"


def test_a_database_from_a_newer_hotwash_is_refused(store: SqlStore, store_url: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))

    with pytest.raises(StoreError) as raised:
        open_store(store_url)

    message = str(raised.value)
    assert "'9999'" in message
    assert "newer hotwash" in message
    assert "\n" not in message
