"""hotwash: local-first incident response and blameless postmortems.

The public API is what ``__all__`` lists; everything else may change. Every
error hotwash raises for bad input is a :class:`HotwashError`.
"""

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("hotwash")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

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
