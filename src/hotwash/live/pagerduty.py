"""PagerDuty: the log entries of the window (REST API v2), of the incident's services if named.

``/log_entries`` lists the whole account's entries and has no service filter. So when
the incident's services name PagerDuty services (``services.NAME.pagerduty_service_ids``),
the incidents of those services created in the window are listed instead
(``/incidents?service_ids[]=...``) and each one's ``/incidents/{id}/log_entries`` fetched;
without any, the account's entries are fetched as before. Every list is paged with
``offset``/``limit`` until PagerDuty says there is no ``more``.

Pages are saved one after the other, each exactly as PagerDuty sent it; the evidence
source reads such a file as one list and drops entries pages share. Runs only when a
token is configured (``sources.pagerduty``, token from its variable).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hotwash.config.settings import PagerDutyEndpoint, Settings
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import write_atomic
from hotwash.live.http import ApiClient
from hotwash.live.unit import Fetched, Unit, UnitContext

SOURCE = "pagerduty"
FILE = "pagerduty/log_entries.json"
PAGE_SIZE = 100
# PagerDuty stops offset paging at 10 000 entries; the window is narrowed before that.
MAX_PAGES = 100
ACCEPT = "application/vnd.pagerduty+json;version=2"
TRUNCATED = f"stopped after {MAX_PAGES} pages; narrow the window for the rest"
# An incident id from an answer goes into a request path: nothing but letters and digits.
_INCIDENT_ID = re.compile(r"[A-Za-z0-9]+")

Pairs = tuple[tuple[str, str | int], ...]


@dataclass
class Pages:
    """What one or more paged listings returned: the bodies as sent, and their items."""

    bodies: list[bytes] = field(default_factory=list)
    items: list[object] = field(default_factory=list)
    complete: bool = True  # False: MAX_PAGES reached while PagerDuty still had more

    def extend(self, other: Pages) -> None:
        self.bodies += other.bodies
        self.items += other.items
        self.complete = self.complete and other.complete


def pagerduty_units(settings: Settings, services: list[str]) -> list[Unit]:
    endpoint = settings.sources.pagerduty
    if endpoint is None:
        return []
    ids = pagerduty_service_ids(settings, services)
    return [
        Unit(
            f"{SOURCE}/log_entries",
            SOURCE,
            lambda context: fetch_log_entries(context, endpoint, ids),
        )
    ]


def pagerduty_service_ids(settings: Settings, services: list[str]) -> list[str]:
    """The PagerDuty service ids ``services`` name, each once, in configuration order."""
    named = [item for name in services for item in settings.services[name].pagerduty_service_ids]
    return list(dict.fromkeys(named))


def fetch_log_entries(
    context: UnitContext, endpoint: PagerDutyEndpoint, service_ids: Sequence[str] = ()
) -> Fetched:
    client = context.client(SOURCE, endpoint, authorization="Token token={token}")
    client.headers["Accept"] = ACCEPT
    if service_ids:
        return _of_services(context, client, service_ids)
    pages = _paged(client, "/log_entries", "log_entries", _entry_params(context))
    return _saved(context, pages, "no log entries in the window")


def _of_services(context: UnitContext, client: ApiClient, service_ids: Sequence[str]) -> Fetched:
    services = f"PagerDuty service(s) {', '.join(service_ids)}"
    chosen: Pairs = tuple(("service_ids[]", item) for item in service_ids)
    incidents = _paged(client, "/incidents", "incidents", (*chosen, *_window(context)))
    ids = _incident_ids(incidents.items)
    if not ids:
        return Fetched(note=f"no incidents of {services} in the window")
    entries = Pages(complete=incidents.complete)
    for incident in ids:
        path = f"/incidents/{incident}/log_entries"
        entries.extend(_paged(client, path, "log_entries", _entry_params(context)))
    about = f"{len(ids)} incident(s) of {services}"
    return _saved(context, entries, f"no log entries for the {about}", about)


def _paged(client: ApiClient, path: str, key: str, params: Pairs) -> Pages:
    """Every page of one listing, up to MAX_PAGES."""
    pages = Pages()
    for page in range(MAX_PAGES):
        paging: Pairs = (("limit", PAGE_SIZE), ("offset", page * PAGE_SIZE))
        reply = client.get(path, (*params, *paging))
        items = _listed(reply.data, key, path)
        if items:
            pages.bodies.append(reply.body)
            pages.items += items
        if not (isinstance(reply.data, dict) and reply.data.get("more") is True):
            return pages
    pages.complete = False
    return pages


def _window(context: UnitContext) -> Pairs:
    since, until = context.window.since, context.window.until
    return (("since", since.isoformat()), ("until", until.isoformat()), ("time_zone", "UTC"))


def _entry_params(context: UnitContext) -> Pairs:
    # Every entry, not only the latest change per incident.
    return (*_window(context), ("is_overview", "false"))


def _listed(data: object, key: str, path: str) -> list[object]:
    found = data.get(key) if isinstance(data, dict) else None
    if not isinstance(found, list):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: {path} answered without {key}")
    return found


def _incident_ids(incidents: list[object]) -> list[str]:
    ids = []
    for incident in incidents:
        found = incident.get("id") if isinstance(incident, dict) else None
        if not isinstance(found, str) or not _INCIDENT_ID.fullmatch(found):
            raise FetchError(Failure.PARTIAL, f"{SOURCE}: an incident in the list has no usable id")
        ids.append(found)
    # An incident created while paging shifts the pages, so one may be listed twice.
    return list(dict.fromkeys(ids))


def _saved(context: UnitContext, pages: Pages, empty: str, about: str | None = None) -> Fetched:
    if not pages.items:
        return Fetched(note=empty if pages.complete else f"{empty}; {TRUNCATED}")
    write_atomic(context.folder / FILE, b"\n".join(pages.bodies) + b"\n")
    notes = [note for note in (about, None if pages.complete else TRUNCATED) if note]
    return Fetched([FILE], note="; ".join(notes) or None)
