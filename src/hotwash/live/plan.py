"""What a collection fetches: every configured source, for the services that matter."""

from __future__ import annotations

from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.live.alertmanager import alertmanager_units
from hotwash.live.logs import log_units
from hotwash.live.pagerduty import pagerduty_units
from hotwash.live.prometheus import prometheus_units
from hotwash.live.slack import slack_units
from hotwash.live.unit import Unit


def services_for(settings: Settings, named: list[str]) -> list[str]:
    """The configured services among ``named``; all configured ones if none of them is."""
    known = [service for service in named if service in settings.services]
    return known or sorted(settings.services)


def plan_units(settings: Settings, services: list[str], root: Path | None = None) -> list[Unit]:
    return [
        *prometheus_units(settings, services),
        *alertmanager_units(settings),
        *pagerduty_units(settings, services),
        *slack_units(settings),
        *log_units(settings, services, root),
    ]
