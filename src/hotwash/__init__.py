"""hotwash: local-first incident response and blameless postmortems.

The public API is what ``__all__`` lists; everything else may change. Every
error hotwash raises for bad input is a :class:`HotwashError`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hotwash.actions.model import ActionItem, ActionStatus, ActionType, Priority
    from hotwash.config import Settings, Workspace, find_workspace, load_settings
    from hotwash.errors import (
        AmbiguousTimeError,
        ConfigError,
        ConflictError,
        DeliveryError,
        HotwashError,
        IncidentNotFoundError,
        InvalidTransitionError,
        StoreError,
        TimeParseError,
        ValidationError,
        WorkspaceNotFoundError,
    )
    from hotwash.incidents.events import EventKind, TimelineEvent
    from hotwash.incidents.factors import ContributingFactor, FactorCategory
    from hotwash.incidents.milestones import Milestone
    from hotwash.incidents.model import Incident, Role, Roles, Visibility
    from hotwash.incidents.service import Declaration, IncidentService
    from hotwash.incidents.severity import Severity
    from hotwash.incidents.status import Status
    from hotwash.times import parse_time

    __version__: str

# Exports are imported on first use (PEP 562), so that ``import hotwash`` and every
# command start fast: the service alone would pull in the store and httpx.
_EXPORTS: dict[str, str] = {
    "ActionItem": "hotwash.actions.model",
    "ActionStatus": "hotwash.actions.model",
    "ActionType": "hotwash.actions.model",
    "AmbiguousTimeError": "hotwash.errors",
    "ConfigError": "hotwash.errors",
    "ConflictError": "hotwash.errors",
    "ContributingFactor": "hotwash.incidents.factors",
    "Declaration": "hotwash.incidents.service",
    "DeliveryError": "hotwash.errors",
    "EventKind": "hotwash.incidents.events",
    "FactorCategory": "hotwash.incidents.factors",
    "HotwashError": "hotwash.errors",
    "Incident": "hotwash.incidents.model",
    "IncidentNotFoundError": "hotwash.errors",
    "IncidentService": "hotwash.incidents.service",
    "InvalidTransitionError": "hotwash.errors",
    "Milestone": "hotwash.incidents.milestones",
    "Priority": "hotwash.actions.model",
    "Role": "hotwash.incidents.model",
    "Roles": "hotwash.incidents.model",
    "Settings": "hotwash.config",
    "Severity": "hotwash.incidents.severity",
    "Status": "hotwash.incidents.status",
    "StoreError": "hotwash.errors",
    "TimeParseError": "hotwash.errors",
    "TimelineEvent": "hotwash.incidents.events",
    "ValidationError": "hotwash.errors",
    "Visibility": "hotwash.incidents.model",
    "Workspace": "hotwash.config",
    "WorkspaceNotFoundError": "hotwash.errors",
    "find_workspace": "hotwash.config",
    "load_settings": "hotwash.config",
    "parse_time": "hotwash.times",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hotwash' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hotwash")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


__all__ = [
    "ActionItem",
    "ActionStatus",
    "ActionType",
    "AmbiguousTimeError",
    "ConfigError",
    "ConflictError",
    "ContributingFactor",
    "Declaration",
    "DeliveryError",
    "EventKind",
    "FactorCategory",
    "HotwashError",
    "Incident",
    "IncidentNotFoundError",
    "IncidentService",
    "InvalidTransitionError",
    "Milestone",
    "Priority",
    "Role",
    "Roles",
    "Settings",
    "Severity",
    "Status",
    "StoreError",
    "TimeParseError",
    "TimelineEvent",
    "ValidationError",
    "Visibility",
    "Workspace",
    "WorkspaceNotFoundError",
    "__version__",
    "find_workspace",
    "load_settings",
    "parse_time",
]
