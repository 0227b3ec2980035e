"""The review as Markdown: the report a team reads in its monthly review meeting."""

from __future__ import annotations

from typing import Any

from hotwash.recurrence.render import describe_action, recurrences_markdown
from hotwash.review.markdown import minutes, percent, table
from hotwash.review.metrics import LABELS, METRICS
from hotwash.review.report import Count, Review


def review_markdown(review: Review) -> str:
    lines = [f"# Pattern review: {window_text(review)}", "", *_preamble(review), ""]
    for part in (_times, _counts, _themes, _actions, _recurrences, _listing):
        lines += [*part(review), ""]
    return "\n".join(lines).rstrip() + "\n"


def window_text(review: Review) -> str:
    end = review.generated_at.strftime("%Y-%m-%d")
    if review.since is None:
        return f"all incidents up to {end}"
    return f"{review.since:%Y-%m-%d} to {end}"


def _preamble(review: Review) -> list[str]:
    return [
        f"Source: {review.source}. Incidents in the window: {len(review.incidents)}. "
        f"Generated {review.generated_at:%Y-%m-%d %H:%M} UTC.",
    ]


def _times(review: Review) -> list[str]:
    rows = [
        [name, LABELS[name], minutes(f["mean"]), minutes(f["median"]), f["n"]]
        for name, f in review.overall.items()
    ]
    lines = ["## Response times", "", *table(["Metric", "Measures", "Mean", "Median", "n"], rows)]
    for title, key, groups in (
        ("By month", "month", review.by_month),
        ("By severity", "severity", review.by_severity),
        ("By service", "service", review.by_service),
    ):
        lines += ["", f"### {title} (median, with the number of incidents it is taken over)", ""]
        lines += table(
            [key.capitalize(), "Incidents", *METRICS], [_medians(g, key) for g in groups]
        )
    return lines


def _medians(group: dict[str, Any], key: str) -> list[object]:
    cells: list[object] = [group[key], group["incidents"]]
    for name in METRICS:
        n = group[f"{name}_n"]
        cells.append(f"{minutes(group[f'{name}_median'])} (n={n})" if n else "-")
    return cells


def _counts(review: Review) -> list[str]:
    lines = ["## Incidents by trigger", "", *_count_table(review.triggers)]
    return [*lines, "", "## Incidents by category", "", *_count_table(review.categories)]


def _count_table(counts: tuple[Count, ...]) -> list[str]:
    rows = [
        [c.name, len(c.incidents), "; ".join(f"{key} ({why})" for key, why in c.incidents)]
        for c in counts
    ]
    return table(["Class", "Incidents", "Which (and the words that placed them)"], rows)


def _themes(review: Review) -> list[str]:
    lines = ["## Recurring contributing-factor themes", ""]
    if not review.themes:
        return [*lines, "No theme appears in the factors of more than one incident."]
    for theme in review.themes:
        lines += [f"### {theme.name} ({len(theme.incidents)} incidents)", ""]
        lines += [f"- {key}: {factor}" for key, factor in theme.examples] + [""]
    return lines


def _actions(review: Review) -> list[str]:
    stats = review.actions
    lines = [
        "## Action items: completion and aging",
        "",
        f"{stats.total} items: {stats.done} done, {stats.wont_do} won't do, {stats.open} open "
        f"({stats.overdue} overdue). Completion rate: {percent(stats.completion_rate)}. "
        f"Median days to close: {_number(stats.median_days_to_close)}.",
        "",
        *table(["Open for", "Items"], list(stats.open_by_age.items())),
    ]
    if stats.oldest_open:
        rows = [
            [i.incident, describe_action(i.action), _number(i.age_days), i.days_overdue]
            for i in stats.oldest_open
        ]
        lines += ["", "Oldest open items:", ""]
        lines += table(["Incident", "Item", "Age (days)", "Days overdue"], rows)
    return lines


def _recurrences(review: Review) -> list[str]:
    return ["## Recurrences", "", *recurrences_markdown(list(review.recurrences))]


def _listing(review: Review) -> list[str]:
    rows = [
        [
            i.key,
            f"{i.started_at:%Y-%m-%d}" if i.started_at else "-",
            i.severity.value if i.severity else "-",
            ", ".join(i.services) or "-",
            i.title,
        ]
        for i in review.incidents
    ]
    return ["## Incidents", "", *table(["Incident", "Started", "Sev", "Services", "Title"], rows)]


def _number(value: float | int | None) -> str:
    return "-" if value is None else f"{value:g}"
