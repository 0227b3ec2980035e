"""Typed, forgiving access to untrusted JSON: a wrong type reads as missing, never raises.

Evidence documents are written by other tools and edited by hand; any field can be
absent, null, or of a surprising type. These helpers turn such values into ``None``
so each source can count the item as skipped with a reason instead of crashing.
"""

from __future__ import annotations

from collections.abc import Mapping

JsonObject = Mapping[str, object]


def as_object(value: object) -> JsonObject | None:
    """``value`` if it is a JSON object (a dict with string keys), else ``None``."""
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return value
    return None


def as_list(value: object) -> list[object] | None:
    return value if isinstance(value, list) else None


def text(obj: JsonObject | None, *keys: str) -> str | None:
    """The first of ``keys`` holding a non-blank string (numbers are written out)."""
    if obj is None:
        return None
    for key in keys:
        value = obj.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def nested(obj: JsonObject | None, *path: str) -> JsonObject | None:
    """Follow object keys: ``nested(entry, "agent")`` or ``nested(rs, "spec", "template")``."""
    current = obj
    for key in path:
        if current is None:
            return None
        current = as_object(current.get(key))
    return current


def list_at(obj: JsonObject | None, *path: str) -> list[object]:
    """The list at the end of ``path`` (``list_at(rs, "spec", "containers")``), else empty."""
    parent = nested(obj, *path[:-1])
    found = as_list(parent.get(path[-1])) if parent is not None else None
    return found if found is not None else []


def objects(values: list[object]) -> list[JsonObject]:
    """The JSON objects among ``values``."""
    return [item for item in map(as_object, values) if item is not None]


def string_map(value: object) -> dict[str, str]:
    """A label set: string values kept, numbers and booleans written out, the rest dropped."""
    obj = as_object(value)
    if obj is None:
        return {}
    labels: dict[str, str] = {}
    for key, item in obj.items():
        if isinstance(item, str):
            labels[key] = item
        elif isinstance(item, bool):
            labels[key] = str(item).lower()
        elif isinstance(item, int | float):
            labels[key] = str(item)
    return labels


# Where a series or an alert names its service, most specific first.
SERVICE_LABELS = ("service", "app", "app_kubernetes_io_name", "deployment", "job")


def first_of(labels: Mapping[str, str], keys: tuple[str, ...]) -> str | None:
    """The first non-blank label value among ``keys`` (e.g. service, app, job)."""
    for key in keys:
        value = labels.get(key, "").strip()
        if value:
            return value
    return None
