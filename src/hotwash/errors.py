"""The one exception hierarchy hotwash raises for anything a user can cause.

Every error a user can trigger (bad input, bad config, a missing incident,
an unreachable database) is a :class:`HotwashError`. The CLI turns these into a
one-line message and a non-zero exit code; anything else is a bug.
"""

from __future__ import annotations


class HotwashError(Exception):
    """Base class for every error hotwash reports to a user."""

    exit_code = 1


class ConfigError(HotwashError):
    """The workspace configuration is missing, unreadable or invalid."""

    exit_code = 2


class WorkspaceNotFoundError(ConfigError):
    """No ``hotwash.toml`` was found in the current directory or its parents."""


class TimeParseError(HotwashError):
    """A time given by the user could not be understood."""

    exit_code = 2


class AmbiguousTimeError(TimeParseError):
    """A local time falls in a DST fold or gap and has two or no readings."""


class IncidentNotFoundError(HotwashError):
    """No visible incident has the given id."""


class InvalidTransitionError(HotwashError):
    """A status change is not allowed from the incident's current status."""


class ValidationError(HotwashError):
    """A value given by the user is not acceptable (severity, role, ...)."""

    exit_code = 2


class ConflictError(HotwashError):
    """The store already holds something the operation would overwrite."""


class StoreError(HotwashError):
    """The store could not be opened or used (e.g. PostgreSQL is unreachable)."""


class DeliveryError(HotwashError):
    """A message could not be delivered to a notification target."""
