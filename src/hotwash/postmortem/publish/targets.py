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
from hotwash.postmortem.publish.page import Page, Published, page_from_markdown
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
        return _to_bookstack(page, settings, transport)
    return _to_confluence(page, settings, transport)


def _to_bookstack(
    page: Page, settings: PublishSettings, transport: httpx.BaseTransport | None
) -> Published:
    config = _required(settings.bookstack, "bookstack", "url, token_id, token_secret, book_id")
    secret = f"{config.token_id.get_secret_value()}:{config.token_secret.get_secret_value()}"
    headers = {"Authorization": f"Token {secret}", "Accept": "application/json"}
    with httpx.Client(headers=headers, timeout=config.timeout_seconds, transport=transport) as c:
        return BookStackPublisher(c, config.url, config.book_id).publish(page)


def _to_confluence(
    page: Page, settings: PublishSettings, transport: httpx.BaseTransport | None
) -> Published:
    config = _required(settings.confluence, "confluence", "url, user, token, space")
    auth = (config.user, config.token.get_secret_value())
    headers = {"Accept": "application/json"}
    timeout = config.timeout_seconds
    with httpx.Client(auth=auth, headers=headers, timeout=timeout, transport=transport) as c:
        return ConfluencePublisher(c, config.url, config.space, config.parent_id).publish(page)


def _required(config: Target | None, name: str, keys: str) -> Target:
    if config is None:
        raise ConfigError(f"nothing configured to publish to {name}: add [publish.{name}] ({keys})")
    return config
