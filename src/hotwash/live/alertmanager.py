"""Alertmanager: the alerts it holds, from API v2 ``/api/v2/alerts``, saved as answered.

Alertmanager keeps only alerts that fire now or resolved recently; for history,
Prometheus' ``ALERTS`` series can be added as a query. The whole list is saved (it is
small) when at least one alert overlaps the window; the timeline reads the window.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hotwash.config.settings import Endpoint, Settings
from hotwash.evidence.sources.timestamps import parse_instant
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import write_atomic
from hotwash.live.unit import Fetched, Unit, UnitContext
from hotwash.live.window import Window

SOURCE = "alertmanager"
FILE = "alertmanager/alerts.json"


def alertmanager_units(settings: Settings) -> list[Unit]:
    endpoint = settings.sources.alertmanager
    if endpoint is None:
        return []
    return [Unit(f"{SOURCE}/alerts", SOURCE, lambda context: fetch_alerts(context, endpoint))]


def fetch_alerts(context: UnitContext, endpoint: Endpoint) -> Fetched:
    reply = context.client(SOURCE, endpoint).get("/api/v2/alerts")
    if not isinstance(reply.data, list):
        raise FetchError(Failure.PARTIAL, f"{SOURCE}: /api/v2/alerts did not answer a list")
    overlapping = sum(1 for alert in reply.data if _overlaps(alert, context.window))
    if not overlapping:
        held = len(reply.data)
        return Fetched(note=f"none of the {held} alert(s) Alertmanager holds overlaps the window")
    write_atomic(context.folder / FILE, reply.body)
    return Fetched([FILE])


def _overlaps(alert: object, window: Window) -> bool:
    if not isinstance(alert, dict):
        return False
    starts, ends = _instant(alert.get("startsAt")), _instant(alert.get("endsAt"))
    if starts is None:
        return False
    return starts <= window.until and (ends is None or ends >= window.since)


def _instant(value: object) -> datetime | None:
    return parse_instant(value, UTC).at
