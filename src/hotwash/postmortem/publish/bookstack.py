"""Publish to BookStack: a Markdown page in a configured book, created once, then updated.

API (BookStack's /api/docs): ``GET /api/pages?filter[name]=..&filter[book_id]=..`` to
find the page, ``POST /api/pages`` with ``book_id``, ``name``, ``markdown`` and ``tags``
to create it, ``PUT /api/pages/{id}`` to update it; ``Authorization: Token <id>:<secret>``.
Charts go inline as base64 ``data:`` images, which BookStack stores as gallery images
of the page. The page's own ``# title`` line is dropped: BookStack shows the name.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from hotwash.errors import DeliveryError
from hotwash.postmortem.html import data_uri
from hotwash.postmortem.publish.page import Page, Published

_FIRST_HEADING = re.compile(r"\A# [^\n]*\n+")
_IMAGE = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)(\))")


class BookStackPublisher:
    def __init__(self, client: httpx.Client, base_url: str, book_id: int) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.book_id = book_id

    def publish(self, page: Page) -> Published:
        existing = self._find(page.name)
        body = {"name": page.name, "markdown": _markdown(page), "tags": _tags(page)}
        if existing is None:
            data = self._call("POST", "/api/pages", {"book_id": self.book_id, **body})
        else:
            data = self._call("PUT", f"/api/pages/{existing}", body)
        page_id = str(data["id"])
        url = f"{self.base_url}/link/{page_id}"  # BookStack's permanent link to a page
        return Published("bookstack", page_id, url, existing is None, len(page.attachments))

    def _find(self, name: str) -> int | None:
        params = {"filter[name]": name, "filter[book_id]": str(self.book_id)}
        data = self._call("GET", "/api/pages", params=params)
        pages = [p for p in data.get("data", []) if p.get("name") == name]
        return int(pages[0]["id"]) if pages else None

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        try:
            response = self.client.request(method, self.base_url + path, json=body, **kwargs)
        except httpx.HTTPError as error:
            raise DeliveryError(f"BookStack: {method} {path} failed: {error}") from None
        if response.status_code >= 400:
            status = response.status_code
            raise DeliveryError(f"BookStack: {method} {path}: HTTP {status}: {_why(response)}")
        data: dict[str, Any] = response.json()
        return data


def _markdown(page: Page) -> str:
    body = _FIRST_HEADING.sub("", page.markdown, count=1)

    def inline(match: re.Match[str]) -> str:
        uri = data_uri(page.base, match.group(2))
        return f"{match.group(1)}{uri or match.group(2)}{match.group(3)}"

    return _IMAGE.sub(inline, body)


def _tags(page: Page) -> list[dict[str, str]]:
    tags = [{"name": "postmortem", "value": ""}]
    return tags + [{"name": name, "value": value} for name, value in page.labels.items()]


def _why(response: httpx.Response) -> str:
    try:
        error = response.json().get("error", {})
        return str(error.get("message", response.text[:200]))
    except ValueError:
        return response.text[:200]
