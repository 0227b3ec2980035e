"""The review as JSON: ``hotwash review --json``. ``recurrences`` is a list of
``{incident, earlier, score, reasons}`` (plus the evidence and the open items)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from hotwash.recurrence.render import recurrence_json
from hotwash.review.action_stats import ActionStats, OpenItem
from hotwash.review.history import PastIncident
from hotwash.review.metrics import LABELS
from hotwash.review.report import Count, Review
from hotwash.review.themes import Theme


def review_json(review: Review) -> dict[str, Any]:
    return {
        "source": review.source,
        "generated_at": review.generated_at.isoformat(),
        "since": review.since.isoformat() if review.since else None,
        "incidents": [_incident(i) for i in review.incidents],
        "metrics": {
            "definitions_minutes": LABELS,
            "overall": review.overall,
            "by_month": review.by_month,
            "by_severity": review.by_severity,
            "by_service": review.by_service,
        },
        "triggers": [_count(c) for c in review.triggers],
        "categories": [_count(c) for c in review.categories],
        "themes": [_theme(theme) for theme in review.themes],
        "action_items": _actions(review.actions),
        "recurrences": [recurrence_json(found) for found in review.recurrences],
    }


def _incident(incident: PastIncident) -> dict[str, Any]:
    return {
        "key": incident.key,
        "title": incident.title,
        "started_at": incident.started_at.isoformat() if incident.started_at else None,
        "severity": incident.severity.value if incident.severity else None,
        "services": list(incident.services),
        "path": incident.path,
    }


def _count(count: Count) -> dict[str, Any]:
    return {
        "name": count.name,
        "count": len(count.incidents),
        "incidents": [{"incident": key, "because": why} for key, why in count.incidents],
    }


def _theme(theme: Theme) -> dict[str, Any]:
    return {
        "theme": theme.name,
        "incidents": len(theme.incidents),
        "examples": [{"incident": key, "factor": text} for key, text in theme.examples],
    }


def _actions(stats: ActionStats) -> dict[str, Any]:
    plain = {k: v for k, v in asdict(stats).items() if k not in {"oldest_open", "by_month"}}
    plain["oldest_open"] = [_open(item) for item in stats.oldest_open]
    plain["by_month"] = list(stats.by_month)
    return plain


def _open(item: OpenItem) -> dict[str, Any]:
    return {
        "incident": item.incident,
        "id": item.action.id,
        "action": item.action.action,
        "owner": item.action.owner,
        "due": item.action.due.isoformat() if item.action.due else None,
        "status": item.action.status.value,
        "age_days": item.age_days,
        "days_overdue": item.days_overdue,
    }
