"""Where postmortems are published: ``[publish.bookstack]`` and ``[publish.confluence]``.

Read from the workspace's ``hotwash.toml``, then ``HOTWASH_PUBLISH__<TARGET>__<KEY>``
variables (which win, so tokens can stay out of files kept in git)::

    [publish.bookstack]
    url = "https://wiki.example.com"
    token_id = "..."              # or HOTWASH_PUBLISH__BOOKSTACK__TOKEN_ID
    token_secret = "..."          # or HOTWASH_PUBLISH__BOOKSTACK__TOKEN_SECRET
    book_id = 79

    [publish.confluence]
    url = "https://example.atlassian.net/wiki"
    user = "sre@example.com"
    token = "..."                 # or HOTWASH_PUBLISH__CONFLUENCE__TOKEN
    space = "OPS"
    parent_id = "12345"           # optional: the page to publish under
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from hotwash.config.loader import read_toml
from hotwash.errors import ConfigError

ENV_PREFIX = "HOTWASH_PUBLISH__"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BookStackTarget(_Strict):
    url: str
    token_id: SecretStr
    token_secret: SecretStr
    book_id: int = Field(gt=0)
    timeout_seconds: float = Field(default=30.0, gt=0)


class ConfluenceTarget(_Strict):
    url: str  # the wiki's base, ending in /wiki on Confluence Cloud
    user: str
    token: SecretStr
    space: str
    parent_id: str | None = None
    timeout_seconds: float = Field(default=30.0, gt=0)


class PublishSettings(_Strict):
    bookstack: BookStackTarget | None = None
    confluence: ConfluenceTarget | None = None


def load_publish_settings(config_path: Path | None, environ: Mapping[str, str]) -> PublishSettings:
    table: dict[str, Any] = {}
    if config_path is not None and config_path.is_file():
        found = read_toml(config_path).get("publish", {})
        if not isinstance(found, dict):
            raise ConfigError(f"{config_path.name}: publish must be a table")
        table = {name: dict(values) for name, values in found.items() if isinstance(values, dict)}
        table.update({name: v for name, v in found.items() if not isinstance(v, dict)})
    for name, value in sorted(environ.items()):
        if name.startswith(ENV_PREFIX):
            target, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
            table.setdefault(target, {})[key] = value
    try:
        return PublishSettings.model_validate(table)
    except pydantic.ValidationError as error:
        raise ConfigError(_describe(error)) from None


def _describe(error: pydantic.ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = "publish." + ".".join(str(part) for part in item["loc"])
        message = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        problems.append(f"{where}: {message}")
    return "invalid publishing configuration: " + "; ".join(problems)
