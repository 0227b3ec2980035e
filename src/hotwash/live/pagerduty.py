"""PagerDuty: the account's log entries in the window (REST API v2 ``/log_entries``).

Pages are saved one after the other, each exactly as PagerDuty sent it; the
evidence source reads such a file as one list and drops entries pages share.
Runs only when a token is configured (``sources.pagerduty``, token from its variable).
"""

from __future__ import annotations

from hotwash.config.settings import PagerDutyEndpoint, Settings
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import write_atomic
from hotwash.live.unit import Fetched, Unit, UnitContext

SOURCE = "pagerduty"
FILE = "pagerduty/log_entries.json"
PAGE_SIZE = 100
# PagerDuty stops offset paging at 10 000 entries; the window is narrowed before that.
MAX_PAGES = 100
ACCEPT = "application/vnd.pagerduty+json;version=2"


def pagerduty_units(settings: Settings) -> list[Unit]:
    endpoint = settings.sources.pagerduty
    if endpoint is None:
        return []
    return [
        Unit(f"{SOURCE}/log_entries", SOURCE, lambda context: fetch_log_entries(context, endpoint))
    ]


def fetch_log_entries(context: UnitContext, endpoint: PagerDutyEndpoint) -> Fetched:
    client = context.client(SOURCE, endpoint, authorization="Token token={token}")
    client.headers["Accept"] = ACCEPT
    bodies: list[bytes] = []
    entries = 0
    for page in range(MAX_PAGES):
        params: dict[str, str | int] = {
            "since": context.window.since.isoformat(),
            "until": context.window.until.isoformat(),
            "limit": PAGE_SIZE,
            "offset": page * PAGE_SIZE,
            "time_zone": "UTC",
            "is_overview": "false",
        }
        reply = client.get("/log_entries", params)
        found = _entries(reply.data)
        entries += len(found)
        if found:
            bodies.append(reply.body)
        if not (isinstance(reply.data, dict) and reply.data.get("more") is True):
            break
    else:
        note = f"stopped after {MAX_PAGES} pages; narrow the window for the rest"
        return _save(context, bodies, note)
    return _save(context, bodies, None) if entries else Fetched(note="no log entries in the window")


def _entries(data: object) -> list[object]:
    found = data.get("log_entries") if isinstance(data, dict) else None
    if not isinstance(found, list):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: answer without log_entries")
    return found


def _save(context: UnitContext, bodies: list[bytes], note: str | None) -> Fetched:
    write_atomic(context.folder / FILE, b"\n".join(bodies) + b"\n")
    return Fetched([FILE], note=note)
