"""Persistence for hotwash: SQLite for one machine, PostgreSQL for a team.

The incident domain talks to :class:`~hotwash.incidents.repository.Store`; this
package is the only place that knows about SQL. Open a store with
:func:`open_store`, run work in ``store.transaction()``, and ``close()`` it.
"""

from __future__ import annotations

from hotwash.store.engine import open_store
from hotwash.store.repository import SqlRepository, SqlStore
from hotwash.store.schema import SCHEMA_HEAD
from hotwash.store.urls import sqlite_url

__all__ = ["SCHEMA_HEAD", "SqlRepository", "SqlStore", "open_store", "sqlite_url"]
