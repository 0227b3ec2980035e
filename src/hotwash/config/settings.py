"""The validated shape of a workspace's configuration (``hotwash.toml``)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hotwash.config.policy import Duration, SeverityPolicy
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
    """Where a service's logs live: exactly one of a file glob, a journald unit, a docker
    container, a Kubernetes workload, a Loki stream selector or an Elasticsearch query."""

    path: str | None = None
    journal_unit: str | None = None
    docker_container: str | None = None
    kubernetes: str | None = None  # "deployment/checkout", "pod/checkout-7d9f", "checkout"
    namespace: str | None = None
    container: str | None = None
    loki: str | None = None  # a LogQL stream selector: '{app="checkout"}'
    elasticsearch: str | None = None  # a query_string query: 'service.name:"checkout"'
    format: str = "auto"
    timezone: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return _check_zone(value) if value is not None else None

    @model_validator(mode="after")
    def _one_place(self) -> Self:
        given = [name for name in LOG_PLACES if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a log source needs exactly one of {', '.join(LOG_PLACES)}")
        return self

    @property
    def place(self) -> str:
        """Which kind of place this is: one of :data:`LOG_PLACES`."""
        return next(name for name in LOG_PLACES if getattr(self, name) is not None)


LOG_PLACES = ("path", "journal_unit", "docker_container", "kubernetes", "loki", "elasticsearch")


class Service(_Strict):
    owner: str | None = None
    health_url: str | None = None
    runbook: str | None = None
    log_sources: list[LogSource] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    queries: Queries = Field(default_factory=lambda: Queries())
    # `collect` lists only these PagerDuty services' incidents, not the whole account's.
    pagerduty_service_ids: list[str] = Field(default_factory=list)

    @field_validator("pagerduty_service_ids")
    @classmethod
    def _pagerduty_ids(cls, value: list[str]) -> list[str]:
        for item in value:
            if not _PAGERDUTY_ID.fullmatch(item):
                # A pasted service name or URL is the likely mistake; say what is wanted.
                raise ValueError(
                    f"{item!r} is not a PagerDuty service id (like PSVC123,"
                    " the last part of the service's address in PagerDuty)"
                )
        twice = sorted({item for item in value if value.count(item) > 1})
        if twice:
            raise ValueError(f"listed more than once: {', '.join(twice)}")
        return value


_PAGERDUTY_ID = re.compile(r"[A-Z0-9]{2,32}")


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
    sources: Sources = Field(default_factory=lambda: Sources())
    # Checked by hotwash.redact.RedactionConfig.from_mapping, which names bad keys.
    redaction: dict[str, object] = Field(default_factory=dict)
    # Checked by hotwash.postmortem.publish.settings when `hotwash publish` runs.
    publish: dict[str, object] = Field(default_factory=dict)
    # `hotwash lint` settings ([lint] or [tool.hotwash.lint]); checked, with the key named,
    # by hotwash.lint.config.config_from_table.
    lint: dict[str, object] = Field(default_factory=dict)
    tool: dict[str, object] = Field(default_factory=dict)
    trackers: Trackers = Field(default_factory=lambda: Trackers())
    followup: FollowUp = Field(default_factory=lambda: FollowUp())

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


# -- live evidence and triage (``hotwash collect``, ``triage``, ``fetch-logs``, ``changes``) ---

CheckKind = Literal["http", "tcp", "dns", "tls", "postgres", "redis"]
# What each kind of check needs to know where to look.
_CHECK_NEEDS: dict[str, tuple[str, ...]] = {
    "http": ("url",),
    "tcp": ("host", "port"),
    "dns": ("host",),
    "tls": ("host",),
    "postgres": ("host",),
    "redis": ("host",),
}


class Check(_Strict):
    """One health check of a service, run by ``hotwash triage``."""

    kind: CheckKind
    name: str | None = None
    url: str | None = None
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    expect_status: int | None = Field(default=None, ge=100, le=599)  # default: any 2xx
    body_match: str | None = None  # a regular expression the body must match
    max_latency_ms: float | None = Field(default=None, gt=0)  # slower is a warning
    warn_days: int = Field(default=14, ge=0)  # TLS: a certificate expiring sooner warns
    ca_file: str | None = None  # TLS and HTTPS: trust this CA bundle
    password_env: str | None = None  # Redis: AUTH password from this variable
    timeout_seconds: float = Field(default=5.0, gt=0)

    @model_validator(mode="after")
    def _has_target(self) -> Self:
        missing = [key for key in _CHECK_NEEDS[self.kind] if getattr(self, key) is None]
        if missing:
            raise ValueError(f"a {self.kind} check needs {' and '.join(missing)}")
        return self

    @property
    def label(self) -> str:
        return self.name or self.kind


class Queries(_Strict):
    """PromQL for a service's golden signals, fetched with ``query_range`` by ``collect``."""

    error_ratio: str | None = None
    latency: dict[str, str] = Field(default_factory=dict)  # {p50 = "...", p99 = "..."}
    request_rate: str | None = None
    saturation: str | None = None

    def named(self) -> dict[str, str]:
        """Each query under the name its saved file gets (``error_ratio``, ``latency_p99``)."""
        found = {"error_ratio": self.error_ratio, "request_rate": self.request_rate}
        found |= {f"latency_{key}": query for key, query in self.latency.items()}
        found["saturation"] = self.saturation
        return {name: query for name, query in found.items() if query}


class Endpoint(_Strict):
    """An HTTP API evidence is fetched from. A token is only ever read from ``token_env``."""

    url: str
    token_env: str | None = None  # sent as a bearer token (PagerDuty: as its API token)
    timeout_seconds: float | None = Field(default=None, gt=0)  # default: sources.timeout_seconds
    retries: int | None = Field(default=None, ge=0, le=10)  # default: sources.retries


class LokiEndpoint(Endpoint):
    line_limit: int = Field(default=1000, ge=1, le=5000)  # raw lines per request


class ElasticsearchEndpoint(Endpoint):
    index: str = "logs-*"
    time_field: str = "@timestamp"
    level_field: str = "log.level"
    message_field: str = "message"
    username: str | None = None
    password_env: str | None = None
    line_limit: int = Field(default=1000, ge=1, le=10000)


class PagerDutyEndpoint(Endpoint):
    url: str = "https://api.pagerduty.com"
    token_env: str | None = "HOTWASH_PAGERDUTY_TOKEN"


class SlackEndpoint(Endpoint):
    url: str = "https://slack.com/api"
    token_env: str | None = "HOTWASH_SLACK_TOKEN"
    channels: list[str] = Field(default_factory=list)  # channel ids, e.g. C0123456


class Sources(_Strict):
    """Where live evidence comes from, and how hard hotwash tries to get it."""

    timeout_seconds: float = Field(default=10.0, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    max_requests: int = Field(default=500, ge=1)  # per collect run, all sources together
    prometheus: Endpoint | None = None
    alertmanager: Endpoint | None = None
    loki: LokiEndpoint | None = None
    elasticsearch: ElasticsearchEndpoint | None = None
    pagerduty: PagerDutyEndpoint | None = None
    slack: SlackEndpoint | None = None
    deploys: str | None = None  # the deploy feed: a URL or a file (CSV or JSON records)
    git_repos: list[str] = Field(default_factory=list)  # repositories `changes` reads
    kubernetes_namespace: str | None = None  # `changes`: rollouts and events from here


# -- follow-through (``hotwash actions sync``, ``digest``, ``due``) ---------------------------


class TrackerBase(_Strict):
    """Where action items are exported. The token is read from ``token_env`` (an environment
    variable) or ``token_file`` (a file holding only the token); never from a flag."""

    token_env: str
    token_file: str | None = None
    labels: list[str] = Field(default_factory=lambda: ["postmortem"])
    timeout_seconds: float = Field(default=30.0, gt=0)


class GitHubTracker(TrackerBase):
    repo: str  # "owner/name"
    url: str = "https://api.github.com"
    token_env: str = "GITHUB_TOKEN"
    assignees: dict[str, str] = Field(default_factory=dict)  # owner -> GitHub login

    @field_validator("repo")
    @classmethod
    def _owner_and_name(cls, value: str) -> str:
        owner, sep, name = value.partition("/")
        if not (owner and sep and name) or "/" in name:
            raise ValueError(f"expected owner/name, got {value!r}")
        return value


class GitLabTracker(TrackerBase):
    project: str  # numeric id or "group/project"
    url: str = "https://gitlab.com"
    token_env: str = "GITLAB_TOKEN"
    # owner -> GitLab user id, or a username that is looked up once per sync
    assignees: dict[str, int | str] = Field(default_factory=dict)


class JiraTracker(TrackerBase):
    site: str  # "https://example.atlassian.net"
    project: str  # project key, e.g. "OPS"
    email: str  # the account the API token belongs to
    token_env: str = "JIRA_API_TOKEN"
    issue_type: str = "Task"
    assignees: dict[str, str] = Field(default_factory=dict)  # owner -> Atlassian accountId


class Trackers(_Strict):
    github: GitHubTracker | None = None
    gitlab: GitLabTracker | None = None
    jira: JiraTracker | None = None


class FollowUp(_Strict):
    """Follow-through after a postmortem: review dates, the weekly digest, links back."""

    review_after: Duration = Field(default_factory=lambda: timedelta(weeks=4))
    digest_target: str | None = None  # a [[notifications]] name the digest is posted to
    incident_url: str | None = None  # "https://ops.example.com/incidents/{incident}"
    postmortem_url: str | None = None  # "https://github.com/acme/ops/blob/main/{path}"


Service.model_rebuild()
Settings.model_rebuild()
