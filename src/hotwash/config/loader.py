"""Load settings from ``hotwash.toml``, then ``HOTWASH_*`` variables, then flags.

Later sources win. Each value remembers where it came from so a validation
error can name the exact key a user has to fix: ``hotwash.toml:
severity.SEV1.update_cadence`` or ``HOTWASH_TIMEZONE``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pydantic

from hotwash.config.settings import Settings
from hotwash.errors import ConfigError

ENV_PREFIX = "HOTWASH_"
# Variables that steer the program rather than configure the workspace.
_NOT_SETTINGS = {"HOTWASH_WORKSPACE", "HOTWASH_NOW"}
# Secrets live in variables, and the default ones share the prefix: they are not settings.
_SECRET_DEFAULTS = {"HOTWASH_PAGERDUTY_TOKEN", "HOTWASH_SLACK_TOKEN"}
_SECRET_KEYS = {"token_env", "password_env"}

Tree = dict[str, Any]


def load_settings(
    config_path: Path | None,
    environ: Mapping[str, str],
    overrides: Mapping[str, str] | None = None,
) -> Settings:
    """Merge file < environment < flags and validate the result."""
    merged: Tree = {}
    origins: dict[tuple[str, ...], str] = {}
    if config_path is not None:
        _merge(merged, origins, read_toml(config_path), f"{config_path.name}: ")
    skipped = _NOT_SETTINGS | _SECRET_DEFAULTS | set(_secret_variables(merged))
    for name, value in sorted(environ.items()):
        if name.startswith(ENV_PREFIX) and name not in skipped:
            path = tuple(part.lower() for part in name[len(ENV_PREFIX) :].split("__"))
            _merge(merged, origins, _nest(_canonical(path), value), "", label=name)
    for key, value in (overrides or {}).items():
        _merge(merged, origins, _nest(tuple(key.split(".")), value), "", label=f"--set {key}")
    try:
        return Settings.model_validate(merged)
    except pydantic.ValidationError as error:
        raise ConfigError(_describe(error, origins)) from None


def read_toml(path: Path) -> Tree:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: invalid TOML: {error}") from None


def _secret_variables(tree: object) -> list[str]:
    """The variables the file names as holding a token or password (``token_env``...)."""
    if isinstance(tree, list):
        return [name for item in tree for name in _secret_variables(item)]
    if not isinstance(tree, dict):
        return []
    named = [value for key, value in tree.items() if key in _SECRET_KEYS]
    found = [value for value in named if isinstance(value, str)]
    return found + [name for value in tree.values() for name in _secret_variables(value)]


def _canonical(path: tuple[str, ...]) -> tuple[str, ...]:
    # Severity names are upper case in the model; environment names arrive lower-cased.
    if len(path) >= 2 and path[0] == "severity":
        return (path[0], path[1].upper(), *path[2:])
    return path


def _nest(path: tuple[str, ...], value: object) -> Tree:
    tree: Tree = {path[-1]: value}
    for part in reversed(path[:-1]):
        tree = {part: tree}
    return tree


def _merge(
    into: Tree,
    origins: dict[tuple[str, ...], str],
    tree: Tree,
    prefix: str,
    *,
    label: str | None = None,
    path: tuple[str, ...] = (),
) -> None:
    for key, value in tree.items():
        here = (*path, key)
        if isinstance(value, dict):
            if not isinstance(into.get(key), dict):
                into[key] = {}
            _merge(into[key], origins, value, prefix, label=label, path=here)
            continue
        into[key] = value
        origins[here] = label or prefix + ".".join(here)


def _describe(error: pydantic.ValidationError, origins: dict[tuple[str, ...], str]) -> str:
    problems = []
    for item in error.errors():
        location = tuple(str(part) for part in item["loc"])
        where = _origin(location, origins)
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        problems.append(f"{where}: {message}")
    return "invalid configuration: " + "; ".join(problems)


def _origin(location: tuple[str, ...], origins: dict[tuple[str, ...], str]) -> str:
    for length in range(len(location), 0, -1):
        origin = origins.get(location[:length])
        if origin is not None:
            return origin if length == len(location) else f"{origin} ({'.'.join(location)})"
    return ".".join(location)
