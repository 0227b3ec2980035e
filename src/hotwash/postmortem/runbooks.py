"""Runbooks at ``docs/runbooks/<service>-runbook.md``, in the incident-response seed's shape.

A new runbook has the service overview (purpose, dependencies, critical paths), common
issues (each with symptoms, diagnosis and resolution) and escalation; what the config
knows (owner, health check, team channel) is filled in, the rest is placeholders.
``add-issue`` appends one incident's failure mode as a new common issue, from its
evidence: the alert and errors it showed, the change before it, what mitigated it.
"""

from __future__ import annotations

import re
from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.errors import ConflictError, ValidationError
from hotwash.postmortem.placeholders import todo

RUNBOOK_DIR = Path("docs/runbooks")
COMMON_ISSUES = "## Common issues"
ESCALATION = "## Escalation"
_SERVICE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_ISSUE_HEADING = re.compile(r"^### Issue (\d+):", re.MULTILINE)


def check_service(name: str) -> str:
    """A service name safe to put in a file name."""
    if not _SERVICE.match(name) or ".." in name:
        raise ValidationError(
            f"invalid service name {name!r}: use letters, digits, '.', '_' and '-'"
        )
    return name


def runbook_location(settings: Settings, root: Path, service: str) -> Path:
    """The runbook the config names for ``service``, else ``docs/runbooks/<service>-runbook.md``."""
    configured = settings.services.get(service)
    if configured is not None and configured.runbook:
        return root / configured.runbook
    return root / RUNBOOK_DIR / f"{check_service(service)}-runbook.md"


def new_runbook(settings: Settings, service: str) -> str:
    configured = settings.services.get(service)
    owner = configured.owner if configured and configured.owner else None
    health = configured.health_url if configured and configured.health_url else None
    lines = [
        f"# Runbook: {service}",
        "",
        "## Service overview",
        "",
        f"- **Purpose:** {todo(f'what {service} does for its users')}",
        f"- **Owner:** {owner or todo('owning team')}",
        f"- **Dependencies:** {todo('databases, queues and services it calls')}",
        f"- **Critical paths:** {todo('the user journeys that fail when it fails')}",
        f"- **Health check:** {health or todo('health endpoint or dashboard')}",
        "",
        COMMON_ISSUES,
        "",
        *_issue_lines(1, todo("description"), [], [], [], []),
        ESCALATION,
        "",
        f"- **On-call:** {settings.team.channel}",
        f"- **Service owner:** {owner or todo('owning team or handle')}",
        "",
    ]
    return "\n".join(lines)


def write_new_runbook(path: Path, text: str, *, force: bool) -> None:
    if path.exists() and not force:
        raise ConflictError(f"{path} already exists (use --force to overwrite)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _issue_lines(
    number: int,
    title: str,
    symptoms: list[str],
    diagnosis: list[str],
    resolution: list[str],
    seen: list[str],
) -> list[str]:
    lines = [f"### Issue {number}: {title}", ""]
    for label, items, hint in (
        ("Symptoms", symptoms, "what you see: alerts, errors, dashboards"),
        ("Diagnosis", diagnosis, "commands to run and what they show"),
        ("Resolution", resolution, "steps that fix it, and how to verify"),
    ):
        lines.append(f"- **{label}:**")
        lines += [f"  - {item}" for item in items or [todo(hint)]]
    lines += [f"- **Seen in:** {item}" for item in seen]
    return [*lines, ""]


def append_issue(
    runbook: str,
    title: str,
    symptoms: list[str],
    diagnosis: list[str],
    resolution: list[str],
    seen: str,
) -> str:
    """``runbook`` with a new common issue added after the last one (before Escalation)."""
    if seen in runbook:
        raise ConflictError(f"the runbook already has an issue from {seen.split()[0]}")
    numbers = [int(n) for n in _ISSUE_HEADING.findall(runbook)]
    block = "\n".join(
        _issue_lines(max(numbers, default=0) + 1, title, symptoms, diagnosis, resolution, [seen])
    )
    at = runbook.find(f"\n{ESCALATION}")
    if at < 0:
        return runbook.rstrip("\n") + "\n\n" + block
    return runbook[: at + 1] + block + "\n" + runbook[at + 1 :]
