"""Incident and action item numbers that concurrent processes never share.

A counter row is bumped with ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``:
one statement that creates or increments the row and keeps it locked until
the transaction ends, so a second process waits and then sees the new value
(PostgreSQL row lock; on SQLite ``BEGIN IMMEDIATE`` already serialises writers).

Imported incidents and action items bring their own numbers, which the counter
never handed out; a reservation therefore also skips past every id in use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Insert, Table, select, update
from sqlalchemy.orm import Session

from hotwash.actions.model import ACTION_ID
from hotwash.incidents.model import INCIDENT_ID
from hotwash.store.tables import (
    ACTION_COUNTER_ROW,
    ActionCounterRow,
    ActionItemRow,
    Base,
    IncidentCounterRow,
    IncidentRow,
)

_INCIDENT_COUNTERS = Base.metadata.tables[IncidentCounterRow.__tablename__]
_ACTION_COUNTER = Base.metadata.tables[ActionCounterRow.__tablename__]


def next_incident_number(session: Session, year: int) -> int:
    number = _bump(session, _INCIDENT_COUNTERS, "year", year)
    ids = session.scalars(select(IncidentRow.id).where(IncidentRow.id.like(f"INC-{year:04d}-%")))
    used = _highest(ids, INCIDENT_ID, group=2)
    if used < number:
        return number
    session.execute(
        update(IncidentCounterRow)
        .where(IncidentCounterRow.year == year)
        .values(last_number=used + 1)
    )
    return used + 1


def next_action_number(session: Session) -> int:
    number = _bump(session, _ACTION_COUNTER, "id", ACTION_COUNTER_ROW)
    used = _highest(session.scalars(select(ActionItemRow.id)), ACTION_ID, group=1)
    if used < number:
        return number
    session.execute(
        update(ActionCounterRow)
        .where(ActionCounterRow.id == ACTION_COUNTER_ROW)
        .values(last_number=used + 1)
    )
    return used + 1


def _bump(session: Session, table: Table, key: str, value: int) -> int:
    """Create the counter at 1 or add 1 to it, atomically, and return the new value."""
    row = {key: value, "last_number": 1}
    increment = {"last_number": table.c.last_number + 1}
    # Imported here: a SQLite user should not pay for loading the PostgreSQL dialect.
    statement: Insert
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        pg = postgresql_insert(table).values(row)
        statement = pg.on_conflict_do_update(index_elements=[key], set_=increment)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        lite = sqlite_insert(table).values(row)
        statement = lite.on_conflict_do_update(index_elements=[key], set_=increment)
    return int(session.execute(statement.returning(table.c.last_number)).scalar_one())


def _highest(ids: Iterable[str], pattern: re.Pattern[str], *, group: int) -> int:
    numbers = (pattern.match(i) for i in ids)
    return max((int(m.group(group)) for m in numbers if m), default=0)
