"""PostgreSQL, as ``pg_isready`` sees it: does the server accept connections?

libpq's ``PQping`` (through psycopg) sends a startup packet and reads the answer
without needing a password: a server that asks for authentication is accepting
connections; one that is starting, stopping or in recovery rejects them; no answer
means it is not there. Exactly pg_isready's three outcomes, and its exit codes.
"""

from __future__ import annotations

import time

from psycopg import pq

from hotwash.config.settings import Check
from hotwash.triage.model import Health, Verdict

# PQping's results, as pg_isready reports them.
_OUTCOMES = {
    pq.Ping.OK: (Health.OK, "accepting connections"),
    pq.Ping.REJECT: (
        Health.FAIL,
        "rejecting connections (starting up, shutting down or in recovery)",
    ),
    pq.Ping.NO_RESPONSE: (Health.FAIL, "no response"),
    pq.Ping.NO_ATTEMPT: (Health.FAIL, "no attempt made (invalid connection parameters)"),
}
DEFAULT_PORT = 5432


def check_postgres(check: Check) -> Verdict:
    assert check.host is not None
    # libpq's connect_timeout is whole seconds, at least 2.
    timeout = max(2, round(check.timeout_seconds))
    conninfo = (
        f"host={_quote(check.host)} port={check.port or DEFAULT_PORT} connect_timeout={timeout}"
    )
    started = time.perf_counter()
    outcome = pq.PGconn.ping(conninfo.encode())
    took = (time.perf_counter() - started) * 1000
    health, detail = _OUTCOMES.get(pq.Ping(outcome), (Health.FAIL, f"unknown answer {outcome}"))
    return Verdict(health, detail, took)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"
