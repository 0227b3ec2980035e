"""Alembic environment, run in code by :mod:`hotwash.store.schema`.

hotwash passes the connection it already holds (under the migration lock, in
its transaction) through ``config.attributes``. A developer writing a new
migration can instead set ``sqlalchemy.url`` on :func:`alembic_config`'s result
and call ``alembic.command.revision(config, autogenerate=True)``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from hotwash.store.schema import VERSION_TABLE
from hotwash.store.tables import Base


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _migrate(connection)
            connection.commit()
    finally:
        engine.dispose()


_run()
