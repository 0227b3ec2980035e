"""Workspace discovery and configuration."""

from hotwash.config.loader import load_settings
from hotwash.config.policy import SeverityPolicy, SeverityRule
from hotwash.config.settings import NotificationTarget, Service, Settings, Team
from hotwash.config.workspace import Workspace, find_workspace, init_workspace

__all__ = [
    "NotificationTarget",
    "Service",
    "Settings",
    "SeverityPolicy",
    "SeverityRule",
    "Team",
    "Workspace",
    "find_workspace",
    "init_workspace",
    "load_settings",
]
