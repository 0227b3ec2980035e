"""Find and read lint settings: ``pyproject.toml`` then ``hotwash.toml``, nearest first.

Both are looked for from a starting folder upwards. ``[tool.hotwash.lint]`` is read
from either; ``hotwash.toml`` may also say ``[lint]``. When both files set a key, the
one in ``hotwash.toml`` wins; tables (``severity``, ``thresholds``) merge key by key.
The team roster (``[team] members``) in ``hotwash.toml`` names the people.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import hotwash.lint.rules  # noqa: F401  (fills the registry the config is checked against)
from hotwash.config.loader import read_toml
from hotwash.lint.config import LintConfig, config_from_table
from hotwash.lint.rule import REGISTRY

__all__ = ["find_upwards", "load_lint_config"]


def find_upwards(start: Path, name: str) -> Path | None:
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / name).is_file():
            return folder / name
    return None


def _lint_tables(tree: Mapping[str, Any], *, allow_plain: bool) -> list[Mapping[str, Any]]:
    tables = []
    if allow_plain and isinstance(tree.get("lint"), Mapping):
        tables.append(tree["lint"])
    nested = tree.get("tool", {}).get("hotwash", {}).get("lint")
    if isinstance(nested, Mapping):
        tables.append(nested)
    return tables


def _merge(into: dict[str, Any], table: Mapping[str, Any]) -> None:
    for key, value in table.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            into[key] = {**into[key], **value}
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value


def _roster(tree: Mapping[str, Any]) -> tuple[str, ...]:
    members = tree.get("team", {}).get("members", [])
    names: list[str] = []
    for member in members if isinstance(members, list) else []:
        if isinstance(member, Mapping):
            names += [str(member[k]) for k in ("name", "handle") if member.get(k)]
    return tuple(names)


def load_lint_config(start: Path, explicit: Path | None = None) -> tuple[LintConfig, list[Path]]:
    """The merged settings and the files they came from (``explicit`` replaces the search)."""
    sources = [explicit] if explicit else []
    if explicit is None:
        sources = [p for p in (find_upwards(start, "pyproject.toml"),
                               find_upwards(start, "hotwash.toml")) if p]  # fmt: skip
    merged: dict[str, Any] = {}
    roster: tuple[str, ...] = ()
    used = []
    for path in sources:
        tree = read_toml(path)
        tables = _lint_tables(tree, allow_plain=path.name != "pyproject.toml")
        roster += _roster(tree)
        for table in tables:
            _merge(merged, table)
        used += [path] if tables or _roster(tree) else []
    where = " + ".join(p.name for p in used) or "defaults"
    return config_from_table(merged, REGISTRY, where=where, roster=roster), used
