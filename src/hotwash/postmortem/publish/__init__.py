"""Publish a postmortem to a wiki: BookStack (a page in a book), Confluence (a page in a space).

Both are idempotent: a page with the same title in the same book or space is updated,
never duplicated. Targets, base URLs and tokens come from the ``[publish]`` table of
``hotwash.toml`` and ``HOTWASH_PUBLISH__*`` variables (see :mod:`.settings`).
"""

from hotwash.postmortem.publish.page import Page, Published, page_from_markdown
from hotwash.postmortem.publish.settings import (
    BookStackTarget,
    ConfluenceTarget,
    PublishSettings,
    load_publish_settings,
)

__all__ = [
    "BookStackTarget",
    "ConfluenceTarget",
    "Page",
    "PublishSettings",
    "Published",
    "load_publish_settings",
    "page_from_markdown",
]
