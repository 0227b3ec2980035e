"""The pattern review: response times, triggers and categories, themes, follow-through,
and its Markdown, HTML (with charts) and JSON forms."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from followup_helpers import HISTORY

from clirun import Run
from hotwash.actions.model import ActionStatus
from hotwash.incidents.severity import Severity
from hotwash.review.from_files import read_folder
from hotwash.review.history import PastAction, PastIncident
from hotwash.review.plots import draw_plots
from hotwash.review.render_html import review_html
from hotwash.review.render_json import review_json
from hotwash.review.render_md import review_markdown
from hotwash.review.report import Review, build_review

NOW = datetime(2026, 4, 1, tzinfo=UTC)


def _incident(key: str, month: int, delays: dict[str, float], **fields: object) -> PastIncident:
    start = datetime(2026, month, 10, tzinfo=UTC)
    return PastIncident(key=key, title=key, started_at=start, delays=delays, **fields)  # type: ignore[arg-type]


def _review(*incidents: PastIncident, since: datetime | None = None) -> Review:
    return build_review(list(incidents), source="test", now=NOW, since=since)


def test_response_times_overall_and_by_month_severity_and_service() -> None:
    review = _review(
        _incident(
            "a",
            1,
            {"detection": 4, "resolution": 60},
            severity=Severity.SEV1,
            services=("checkout", "payments-api"),
        ),
        _incident(
            "b",
            1,
            {"detection": 10, "acknowledgement": 2},
            severity=Severity.SEV2,
            services=("checkout",),
        ),
        _incident("c", 2, {"detection": 31, "mitigation_from_impact": 45}, severity=Severity.SEV2),
    )

    assert review.overall["MTTD"] == {"mean": 15.0, "median": 10.0, "n": 3}
    assert review.overall["MTTA"] == {"mean": 2.0, "median": 2.0, "n": 1}
    assert review.overall["MTTR"]["n"] == 1
    months = {row["month"]: row for row in review.by_month}
    assert (months["2026-01"]["MTTD_mean"], months["2026-01"]["incidents"]) == (7.0, 2)
    assert months["2026-02"]["MTTM_median"] == 45.0
    severities = {row["severity"]: row["MTTD_median"] for row in review.by_severity}
    assert severities == {"SEV1": 4.0, "SEV2": 20.5}
    services = {row["service"]: (row["incidents"], row["MTTD_mean"]) for row in review.by_service}
    assert services == {"(none)": (1, 31.0), "checkout": (2, 7.0), "payments-api": (1, 4.0)}


def test_triggers_and_categories_say_which_words_placed_each_incident() -> None:
    review = _review(
        _incident("deploy", 1, {}, trigger="The deploy of payments-api v2.14.0 at 13:58 UTC."),
        _incident("cert", 1, {}, summary="The client certificate expired; invoice posts failed."),
        _incident("stated", 1, {}, category="Security", summary="Logins were slow."),
        _incident("quiet", 1, {}, summary="No data loss. Answers were empty for a third of users."),
    )

    triggers = {c.name: dict(c.incidents) for c in review.triggers}
    categories = {c.name: dict(c.incidents) for c in review.categories}
    assert triggers["deploy"] == {"deploy": "deploy"}
    assert triggers["certificate or credential expiry"] == {"cert": "expired"}
    assert categories["security"] == {"stated": "stated in the postmortem"}
    assert categories["wrong or missing content"] == {
        "quiet": "empty"
    }  # "no data loss" is not data loss


def test_themes_recur_only_across_incidents() -> None:
    review = _review(
        _incident("a", 1, {}, factors=("No alert watched pool saturation.",)),
        _incident(
            "b", 2, {}, factors=("Nothing alerted on connections in use.", "The runbook was stale.")
        ),
    )

    assert [(t.name, t.incidents) for t in review.themes] == [
        ("monitoring or alerting gap", ("a", "b"))
    ]


def test_action_follow_through() -> None:
    opened = datetime(2026, 1, 1, tzinfo=UTC)
    actions = (
        PastAction(
            "done fast", ActionStatus.DONE, created_at=opened, closed_at=opened + timedelta(days=4)
        ),
        PastAction(
            "done slow", ActionStatus.DONE, created_at=opened, closed_at=opened + timedelta(days=10)
        ),
        PastAction("dropped", ActionStatus.WONT_DO, created_at=opened),
        PastAction("late", due=date(2026, 2, 1), created_at=opened),
        PastAction("recent", created_at=NOW - timedelta(days=3)),
    )
    stats = _review(_incident("a", 1, {}, actions=actions)).actions

    assert (stats.total, stats.done, stats.wont_do, stats.open, stats.overdue) == (5, 2, 1, 2, 1)
    assert stats.completion_rate == 0.5  # won't-do counts on neither side
    assert stats.median_days_to_close == 7.0
    assert stats.open_by_age == {
        "0-30 days": 1,
        "31-60 days": 0,
        "61-90 days": 1,
        "over 90 days": 0,
        "unknown": 0,
    }
    assert [(i.action.action, i.age_days, i.days_overdue) for i in stats.oldest_open] == [
        ("late", 90, 59),
        ("recent", 3, 0),
    ]


def test_since_limits_the_figures_not_the_history() -> None:
    history = [file.incident for file in read_folder(HISTORY)]
    since = datetime(2025, 12, 1, tzinfo=UTC)

    review = build_review(history, source="x", now=datetime(2026, 12, 1, tzinfo=UTC), since=since)

    assert all(i.started_at and i.started_at >= since for i in review.incidents)
    pairs = {(r.incident.key, r.earlier.key) for r in review.recurrences}
    # a recurrence in the window of an incident from before it is still found
    assert (
        "2025-12-11-orders-api-db-connections.md",
        "2025-09-03-checkout-pool-exhaustion.md",
    ) in pairs
    assert all(r.incident.started_at and r.incident.started_at >= since for r in review.recurrences)


@pytest.fixture(scope="module")
def history_review() -> Review:
    history = [file.incident for file in read_folder(HISTORY)]
    return build_review(
        history, source=str(HISTORY), now=datetime(2026, 12, 1, tzinfo=UTC), since=None
    )


def test_markdown_has_every_section(history_review: Review) -> None:
    text = review_markdown(history_review)

    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == [
        "Response times",
        "Incidents by trigger",
        "Incidents by category",
        "Recurring contributing-factor themes",
        "Action items: completion and aging",
        "Recurrences",
        "Incidents",
    ]
    assert "**We knew this was a problem:**" in text


def test_html_is_one_file_with_its_charts_inline(history_review: Review) -> None:
    page = review_html(history_review)

    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 3
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert not re.search(r'(?:src|href)="(?!data:|https?:|#)', page)  # nothing local to fetch


def test_charts_are_the_same_bytes_on_every_run(history_review: Review, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()

    drawn = draw_plots(history_review, first)
    draw_plots(history_review, second)

    assert [title for title, _ in drawn] == [
        "Response times by month (median minutes)",
        "Incidents by trigger and category",
        "Action items: open by age, and done by month",
    ]
    for _, path in drawn:
        assert path.read_bytes() == (second / path.name).read_bytes()


def test_json_holds_every_part(history_review: Review) -> None:
    data = json.loads(json.dumps(review_json(history_review)))

    assert set(data) == {
        "source",
        "generated_at",
        "since",
        "incidents",
        "metrics",
        "triggers",
        "categories",
        "themes",
        "action_items",
        "recurrences",
    }
    assert set(data["metrics"]["overall"]) == {"MTTD", "MTTA", "MTTM", "MTTR"}
    assert data["action_items"]["total"] == sum(len(i.actions) for i in history_review.incidents)


def test_review_command_formats(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOTWASH_NOW", "2026-12-01T00:00:00Z")

    markdown = run("review", str(HISTORY), "--since", "90d")
    html = run("review", str(HISTORY), "-o", "review.html")
    refused = run("review", str(HISTORY), "--format", "html")

    assert markdown.code == 0, markdown.err
    assert markdown.out.startswith("# Pattern review: 2026-09-02 to 2026-12-01\n")
    assert html.code == 0
    assert (tmp_path / "review.html").read_text().startswith("<!DOCTYPE html>")
    assert refused.code == 2
    assert "add -o review.html" in refused.err
