"""The demo incident: a bad deploy exhausts a connection pool and checkout fails.

Each step is a command a responder would type, at the moment they would type
it. The clock is pinned per step so the demo always tells the same story.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY = "2026-03-14"
INCIDENT = "INC-2026-0001"
EVIDENCE_DIR = f"evidence/{INCIDENT}"


@dataclass(frozen=True)
class Step:
    at: str  # UTC clock time on DAY when the command is run
    narration: str
    argv: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        "14:09",
        "An alert fired at 14:06; the on-call engineer declares a SEV2.",
        (
            "declare",
            "Checkout requests failing with HTTP 502",
            "--sev",
            "2",
            "--service",
            "checkout",
            "--service",
            "payments-api",
            "--commander",
            "Dana Kim",
            "--impact",
            "About 40% of checkout attempts fail with HTTP 502",
            "--started-at",
            f"{DAY} 14:02Z",
            "--detected-at",
            f"{DAY} 14:06Z",
        ),
    ),
    Step(
        "14:09",
        "The page was acknowledged at 14:07.",
        ("milestone", INCIDENT, "acknowledged", f"{DAY}T14:07:00Z"),
    ),
    Step(
        "14:10", "The commander fills the roles.", ("role", INCIDENT, "communications", "Sam Patel")
    ),
    Step("14:10", "", ("role", INCIDENT, "responder", "Lee Chen")),
    Step(
        "14:13",
        "A responder notes a recent change.",
        (
            "note",
            INCIDENT,
            "payments-api v2.14.0 rolled out at 13:58 (pipeline run 4411)",
            "--at",
            f"{DAY} 14:12Z",
            "--actor",
            "Lee Chen",
        ),
    ),
    Step(
        "14:18",
        "The cause is identified.",
        (
            "status",
            INCIDENT,
            "identified",
            "--note",
            "502s began 4 min after the payments-api v2.14.0 deploy; DB pool exhausted",
        ),
    ),
    Step(
        "14:20",
        "The commander updates stakeholders.",
        ("update", INCIDENT, "Rolling payments-api back to v2.13.2; checkout still degraded"),
    ),
    Step("14:21", "", ("status", INCIDENT, "mitigating")),
    Step(
        "14:32",
        "",
        ("note", INCIDENT, "Rollback complete; 502 rate below 0.1%", "--actor", "Lee Chen"),
    ),
    Step(
        "14:33",
        "Mitigation holds; the team watches the graphs.",
        ("status", INCIDENT, "monitoring"),
    ),
    Step("15:10", "Nobody has posted an update for a while. What is overdue?", ("due",)),
    Step(
        "15:10",
        "",
        ("update", INCIDENT, "Checkout error rate normal for 37 minutes; monitoring continues"),
    ),
    Step(
        "15:15",
        "The commander resolves the incident.",
        ("resolve", INCIDENT, "--note", "Rollback held for 40 minutes"),
    ),
    Step("15:16", "The whole story, with milestones and delays:", ("show", INCIDENT)),
    Step("15:20", "A SEV2 needs a blameless postmortem within 48 hours:", ("due", "--all")),
    Step(
        "15:20",
        "Everything can be exported and imported without loss:",
        ("export", INCIDENT, "--json", "-o", "{workspace}/INC-2026-0001.json"),
    ),
    Step(
        "15:30",
        "Afterwards the team attaches the raw evidence (access and app logs, Prometheus, "
        "Alertmanager, PagerDuty, the Slack channel, deploys); hotwash rebuilds the "
        "timeline from it and from the incident's own record, each milestone with its evidence:",
        ("evidence", "add", INCIDENT, f"{{workspace}}/{EVIDENCE_DIR}"),
    ),
    Step("15:31", "", ("timeline", INCIDENT)),
    Step(
        "15:35",
        "A blameless postmortem draft, prefilled with everything the evidence supports; "
        "what only people know is left as visible [TODO] placeholders:",
        ("postmortem", INCIDENT, "-o", "{workspace}/postmortems/postmortem-2026-03-14-checkout.md"),
    ),
)
