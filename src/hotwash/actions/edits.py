"""Edits to an action item as typed on the command line, read into field values.

Each option names one field; ``-`` (or ``none``) clears an optional one. The action,
its type and its status cannot be cleared, only changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from hotwash.actions.model import ActionStatus, ActionType, Priority
from hotwash.actions.values import read_due
from hotwash.errors import ValidationError

CLEAR = ("-", "none")
_REQUIRED = frozenset({"action", "type", "status"})


def cleared(value: str | None) -> str | None:
    """``value`` stripped, or ``None`` when it is empty or says to clear the field."""
    return None if value is None or value.strip().lower() in CLEAR else value.strip()


def read_edits(given: Mapping[str, str], today: date) -> dict[str, Any]:
    """Field name -> new value (``None`` clears) for each field given."""
    readers = _readers(today)
    unknown = sorted(set(given) - set(readers))
    if unknown:
        raise ValidationError(f"cannot edit {', '.join(unknown)} of an action item")
    changes: dict[str, Any] = {}
    for name, value in given.items():
        clear = name not in _REQUIRED and cleared(value) is None
        changes[name] = None if clear else readers[name](value)
    return changes


def _readers(today: date) -> dict[str, Callable[[str], Any]]:
    return {
        "action": str.strip,
        "type": ActionType.parse,
        "owner": str.strip,
        "due": lambda text: read_due(text, today),
        "priority": Priority.parse,
        "done_when": str.strip,
        "status": ActionStatus.parse,
        "ticket": str.strip,
        "factor": _factor_number,
    }


def _factor_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValidationError(f"invalid factor {value!r}: expected its number") from None
