"""The ``hotwash.toml`` that ``hotwash init`` writes: the seed defaults, spelled out."""

from __future__ import annotations

import json
from datetime import timedelta

from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.severity import Severity

_HEADER = """\
# hotwash workspace configuration.
# Precedence: this file < HOTWASH_* environment variables < command-line flags.
# Nested keys map to variables with double underscores, for example
# HOTWASH_SEVERITY__SEV1__UPDATE_CADENCE=10m. HOTWASH_DATABASE_URL selects PostgreSQL.

# Display zone for times shown to people. Everything is stored in UTC.
timezone = {timezone}

[team]
name = {team}
channel = "#incidents"
members = []  # e.g. [{{ name = "Alex Doe", handle = "@alex" }}]

# One table per service. Log sources are read by later commands (timeline, collect).
# [services.checkout]
# owner = "payments-team"
# health_url = "https://checkout.internal/healthz"
# runbook = "docs/runbooks/checkout-runbook.md"
# log_sources = [{{ path = "/var/log/checkout/*.log", timezone = "UTC" }}]

# Live sources for `hotwash collect`, `report`, `triage` and `changes` (docs/configuration.md).
# Tokens are never written here: token_env names the environment variable that holds one.
# [sources.prometheus]
# url = "http://prometheus:9090"
# [sources.alertmanager]
# url = "http://alertmanager:9093"
# [services.checkout.queries]
# error_ratio = 'sum(rate(http_requests_total{{code=~"5.."}}[1m])) / sum(rate(...[1m]))'
# Health checks are listed per service, e.g. under [services.checkout]:
# checks = [{{ kind = "http", url = "https://checkout.internal/healthz" }},
#           {{ kind = "redis", host = "cache" }}]

# Redaction of evidence-derived text (docs/redaction.md); secrets and emails are on by default.
# [redaction]
# ip_addresses = true

# Where update messages are posted. The URL may carry a secret; it is never printed.
# [[notifications]]
# name = "incidents-channel"
# kind = "slack"          # or "webhook" for a generic JSON webhook
# url = "https://hooks.slack.com/services/..."
# events = ["declared", "update", "status", "resolved"]
# min_severity = "SEV2"   # only SEV1 and SEV2 are posted here
"""


def render_config(*, team: str, timezone: str) -> str:
    parts = [_HEADER.format(team=json.dumps(team), timezone=json.dumps(timezone))]
    parts.append("# Severity policy (seed defaults). Every value may be changed.")
    policy = SeverityPolicy()
    for severity in Severity:
        parts.append(_severity_table(severity, policy))
    return "\n".join(parts)


def _severity_table(severity: Severity, policy: SeverityPolicy) -> str:
    rule = policy.rule(severity)
    lines = [
        f"[severity.{severity.value}]",
        f"description = {json.dumps(rule.description)}",
        f'response_time = "{_short(rule.response_time)}"',
        f'update_cadence = "{_short(rule.update_cadence)}"',
        f"escalation = {json.dumps(rule.escalation)}",
        f"postmortem_required = {str(rule.postmortem_required).lower()}",
    ]
    if rule.postmortem_due is not None:
        lines.append(f'postmortem_due = "{_short(rule.postmortem_due)}"')
    lines.append(f"status_page = {str(rule.status_page).lower()}")
    return "\n".join(lines) + "\n"


def _short(delta: timedelta) -> str:
    """The most natural single unit: 5m, 2h, 48h, 1d."""
    seconds = int(delta.total_seconds())
    if seconds == 86400:
        return "1d"
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
