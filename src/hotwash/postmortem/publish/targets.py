"""Publish a postmortem file to a configured target by name (``bookstack`` or ``confluence``).

``transport`` lets tests replay recorded HTTP exchanges instead of calling a real wiki.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import httpx

from hotwash.errors import ConfigError, ValidationError
from hotwash.postmortem.publish.bookstack import BookStackPublisher
from hotwash.postmortem.publish.confluence import ConfluencePublisher
from hotwash.postmortem.publish.page import Published, page_from_markdown
from hotwash.postmortem.publish.settings import BookStackTarget, ConfluenceTarget, PublishSettings

TARGETS = ("bookstack", "confluence")
Target = TypeVar("Target", BookStackTarget, ConfluenceTarget)


def publish_file(
    path: Path,
    target: str,
    settings: PublishSettings,
    *,
    name: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Published:
    if target not in TARGETS:
        raise ValidationError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    if not path.is_file():
        raise ValidationError(f"no such postmortem file: {path}")
    page = page_from_markdown(path, name)
    if target == "bookstack":
        config = _required(settings.bookstack, "bookstack", "url, token_id, token_secret, book_id")
        secret = f"{config.token_id.get_secret_value()}:{config.token_secret.get_secret_value()}"
        headers = {"Authorization": f"Token {secret}", "Accept": "application/json"}
        with httpx.Client(
            headers=headers, timeout=config.timeout_seconds, transport=transport
        ) as c:
            return BookStackPublisher(c, config.url, config.book_id).publish(page)
    confluence = _required(settings.confluence, "confluence", "url, user, token, space")
    auth = (confluence.user, confluence.token.get_secret_value())
    with httpx.Client(
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=confluence.timeout_seconds,
        transport=transport,
    ) as client:
        publisher = ConfluencePublisher(
            client, confluence.url, confluence.space, confluence.parent_id
        )
        return publisher.publish(page)


def _required(config: Target | None, name: str, keys: str) -> Target:
    if config is None:
        raise ConfigError(f"nothing configured to publish to {name}: add [publish.{name}] ({keys})")
    return config
