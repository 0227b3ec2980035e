"""Tracker tokens: read from an environment variable or a token file, never from a flag.

A token never appears in output. Every message a tracker client builds passes through
:func:`scrub`, which replaces the token (and its Base64 form, as Basic auth sends it)
wherever it occurs.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path

from hotwash.errors import ConfigError


def read_token(
    tracker: str, env_name: str, token_file: str | None, environ: Mapping[str, str], base: Path
) -> str:
    value = environ.get(env_name, "").strip()
    if value:
        return value
    if token_file:
        return _from_file(tracker, base / Path(token_file).expanduser())
    raise ConfigError(
        f"{tracker}: no token: set the environment variable {env_name} "
        f"or trackers.{tracker}.token_file"
    )


def _from_file(tracker: str, path: Path) -> str:
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ConfigError(f"{tracker}: cannot read token file {path}: {error.strerror}") from None
    if not value:
        raise ConfigError(f"{tracker}: token file {path} is empty")
    return value


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every secret, and its Base64 form, replaced by ``[token]``."""
    for secret in secrets:
        if len(secret) < 4:
            continue
        for form in (secret, base64.b64encode(secret.encode()).decode()):
            text = text.replace(form, "[token]")
    return text
