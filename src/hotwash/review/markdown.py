"""Small Markdown building blocks shared by the review and the digest."""

from __future__ import annotations

from collections.abc import Sequence


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A pipe table; cells are flattened to one line and their pipes escaped."""
    lines = [_row(headers), "|" + "---|" * len(headers)]
    return lines + [_row(row) for row in rows]


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(value: object) -> str:
    text = "-" if value is None or value == "" else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def minutes(value: float | int | None) -> str:
    """``42 min``, ``3 h 5 min``; ``-`` when unknown."""
    if value is None:
        return "-"
    whole = round(float(value))
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if hours else f"{rest} min"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"
