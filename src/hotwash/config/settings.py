"""The validated shape of a workspace's configuration (``hotwash.toml``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.severity import Severity
from hotwash.times.zones import resolve_zone

MessageEvent = Literal["declared", "update", "status", "resolved"]
MESSAGE_EVENTS: tuple[MessageEvent, ...] = ("declared", "update", "status", "resolved")


class _Strict(BaseModel):
    # Unknown keys are errors: a typo in a config file must not be silently ignored.
    model_config = ConfigDict(extra="forbid")


class TeamMember(_Strict):
    name: str
    handle: str | None = None
    email: str | None = None


class Team(_Strict):
    name: str = "Operations"
    channel: str = "#incidents"
    members: list[TeamMember] = Field(default_factory=list)


class LogSource(_Strict):
    path: str
    format: str = "auto"
    timezone: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return _check_zone(value) if value is not None else None


class Service(_Strict):
    owner: str | None = None
    health_url: str | None = None
    runbook: str | None = None
    log_sources: list[LogSource] = Field(default_factory=list)


class NotificationTarget(_Strict):
    """A place messages are posted to. ``url`` may hold a secret: it is never printed."""

    name: str
    kind: Literal["webhook", "slack"] = "webhook"
    url: str
    events: list[MessageEvent] = Field(default_factory=lambda: list(MESSAGE_EVENTS))
    min_severity: Severity = Severity.SEV4
    timeout_seconds: float = Field(default=10.0, gt=0)
    # Security incidents stay off shared channels unless a target is meant for them.
    include_restricted: bool = False

    def wants(self, event: str, severity: Severity) -> bool:
        return event in self.events and severity.level <= self.min_severity.level


class Settings(_Strict):
    timezone: str = "UTC"
    database_url: str | None = None
    user: str | None = None
    team: Team = Field(default_factory=Team)
    services: dict[str, Service] = Field(default_factory=dict)
    severity: SeverityPolicy = Field(default_factory=SeverityPolicy)
    notifications: list[NotificationTarget] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _check_zone(value)


def _check_zone(value: str) -> str:
    try:
        resolve_zone(value)
    except Exception as error:  # TimeParseError; pydantic wants ValueError
        raise ValueError(str(error)) from None
    return value
