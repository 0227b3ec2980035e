"""The true milestones of a scenario, by hotwash's documented definitions (docs/timeline.md),
applied to the evidence the bundle keeps. A milestone no kept evidence shows is None.

- impact start / mitigated: when the fault began and ended, if some kept user-facing
  signal (or, failing that, the service's own error log) shows it;
- detected: the earliest alert firing, page trigger or human message about the trouble;
- acknowledged: the PagerDuty acknowledgement;
- declared: the declaration in chat;
- resolved: the commander's all clear (PagerDuty resolve follows within seconds).
"""

from __future__ import annotations

from bundles.model import Scenario

MILESTONES = ("impact_start", "detected", "acknowledged", "declared", "mitigated", "resolved")


def true_milestones(s: Scenario) -> dict[str, float | None]:
    e, p, f = s.evidence, s.people, s.fault
    seen = _impact_seen(s)
    detections = [p.page_at] if e.pagerduty else []
    detections += [p.alert_at] if e.alerts else []
    detections += [p.report_at, p.ask_at, p.declare_at] if e.slack else []
    known = [t for t in detections if t is not None]
    return {
        "impact_start": f.onset if seen else None,
        "detected": min(known) if known else None,
        "acknowledged": p.ack_at if e.pagerduty else None,
        "declared": p.declare_at if e.slack else None,
        "mitigated": f.end if seen else None,
        "resolved": p.resolve_at if e.pagerduty or e.slack else None,
    }


def _impact_seen(s: Scenario) -> bool:
    e, f = s.evidence, s.fault
    if f.kind == "latency":
        return e.prom_latency is not None
    own_log = any(log.owner == "main" for log in e.app_logs)
    slow = f.slow_errors and e.prom_latency is not None
    return e.access is not None or e.prom_ratio is not None or own_log or slow
