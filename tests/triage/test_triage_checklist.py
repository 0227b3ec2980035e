"""The seed's checklist, filled in: what is ticked, and what it tells the responder to do."""

from __future__ import annotations

from datetime import UTC, datetime

from hotwash.triage.checklist import IncidentFacts, RecentChange, TriageFacts, render_checklist
from hotwash.triage.model import CheckResult, Health

AT = datetime(2024, 5, 14, 9, 40, tzinfo=UTC)
RESULTS = [
    CheckResult("api", "health", "http", "https://api/healthz", Health.OK, "HTTP 200", 12.0),
    CheckResult("api", "cert", "tls", "api.example.com", Health.FAIL, "certificate expired on x"),
]
INCIDENT = IncidentFacts("INC-2024-0007", "Checkout errors", "SEV2", None, AT, status_page=True)
DEPLOY = RecentChange(AT.replace(minute=31), "Deploy checkout 2.14.0", "deploys", True)


def lines(facts: TriageFacts) -> list[str]:
    return [line for line in render_checklist(facts).splitlines() if line.startswith("- [")]


def test_a_recent_deploy_suggests_a_rollback_and_an_open_role_stays_open() -> None:
    facts = TriageFacts(
        AT, RESULTS, "#incidents", INCIDENT, [DEPLOY], change_places=["deploy feed"]
    )
    assert lines(facts) == [
        "- [x] Acknowledged: INC-2024-0007 declared 2024-05-14 09:40 UTC (Checkout errors)",
        "- [x] Severity: SEV2",
        "- [ ] Incident commander: not assigned (`hotwash role INC-2024-0007 commander NAME`)",
        "- [x] Health checks: 2 run, 1 ok, 1 fail",
        "- [x] FAIL: api cert (api.example.com): certificate expired on x",
        "- [x] Affected services: api",
        "- [ ] Check error rate and latency dashboards"
        " (not configured: sources.prometheus and services.NAME.queries)",
        "- [x] Recent deployment: Deploy checkout 2.14.0 at 2024-05-14 09:31 UTC (deploys)",
        "- [x] Other changes: none found",
        "- [ ] External dependencies: FAIL api cert (api.example.com): certificate expired on x",
        '- [ ] Post in #incidents (`hotwash update INC "..."`)',
        "- [ ] Update the status page: required for SEV2",
        "- [ ] Page additional responders if needed",
        "- [ ] Recent deploy: consider an immediate rollback of Deploy checkout 2.14.0",
        '- [ ] Diagnose api: `hotwash fetch-logs --service api --since "15 minutes ago"`',
        "- [x] Timeline: triage recorded on INC-2024-0007",
    ]


def test_without_change_sources_the_deploy_question_stays_open() -> None:
    facts = TriageFacts(
        AT, RESULTS[:1], "#ops", None, change_problems=["git: /x is not a git repository"]
    )
    found = lines(facts)
    assert found[0] == '- [ ] No open incident: declare one with `hotwash declare "TITLE" --sev N`'
    assert (
        "- [ ] Recent deployment: not checked: configure sources.deploys, git_repos or"
        " kubernetes_namespace"
    ) in found
    assert "- [ ] Could not check: git: /x is not a git repository" in found
    assert "- [x] Affected services: none failing a check" in found
