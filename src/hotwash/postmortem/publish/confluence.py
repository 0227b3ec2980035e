"""Publish to Confluence: a page in a space (optionally under a parent), created once, then updated.

REST API v1 (developer.atlassian.com, Confluence Cloud): ``GET /rest/api/content`` with
``spaceKey``, ``title`` and ``expand=version`` finds the page; ``POST /rest/api/content``
with ``type: page``, ``space.key`` and ``body.storage`` creates it; ``PUT
/rest/api/content/{id}`` with ``version.number`` one higher updates it. Charts are
uploaded with ``PUT /rest/api/content/{id}/child/attachment`` (create or update, so a
second publish adds a version instead of a duplicate). Basic auth: user and API token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from hotwash.errors import DeliveryError
from hotwash.postmortem.html import MEDIA_TYPES
from hotwash.postmortem.publish.page import Page, Published
from hotwash.postmortem.publish.storage import storage_format

API = "/rest/api/content"


class ConfluencePublisher:
    def __init__(
        self, client: httpx.Client, base_url: str, space: str, parent_id: str | None = None
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.space = space
        self.parent_id = parent_id

    def publish(self, page: Page) -> Published:
        existing = self._find(page.name)
        body: dict[str, Any] = {
            "type": "page",
            "title": page.name,
            "space": {"key": self.space},
            "body": {"storage": {"value": _storage(page), "representation": "storage"}},
        }
        if existing is None:
            if self.parent_id:
                body["ancestors"] = [{"id": self.parent_id}]
            data = self._call("POST", API, json=body)
        else:
            page_id, version = existing
            body.update(id=page_id, version={"number": version + 1})
            data = self._call("PUT", f"{API}/{page_id}", json=body)
        page_id = str(data["id"])
        for path in page.attachments:
            self._attach(page_id, path)
        links = data.get("_links", {})
        url = f"{links.get('base', self.base_url)}{links.get('webui', '')}"
        return Published("confluence", page_id, url, existing is None, len(page.attachments))

    def _find(self, title: str) -> tuple[str, int] | None:
        params = {"spaceKey": self.space, "title": title, "type": "page", "expand": "version"}
        data = self._call("GET", API, params=params)
        found = [r for r in data.get("results", []) if r.get("title") == title]
        if not found:
            return None
        return str(found[0]["id"]), int(found[0]["version"]["number"])

    def _attach(self, page_id: str, path: Path) -> None:
        media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        files = {"file": (path.name, path.read_bytes(), media)}
        headers = {"X-Atlassian-Token": "nocheck"}  # required for multipart uploads
        self._call("PUT", f"{API}/{page_id}/child/attachment", files=files, headers=headers)

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self.client.request(method, self.base_url + path, **kwargs)
        except httpx.HTTPError as error:
            raise DeliveryError(f"Confluence: {method} {path} failed: {error}") from None
        if response.status_code >= 400:
            status = response.status_code
            raise DeliveryError(f"Confluence: {method} {path}: HTTP {status}: {_why(response)}")
        data: dict[str, Any] = response.json()
        return data


def _storage(page: Page) -> str:
    return storage_format(page.markdown, page.attachments)


def _why(response: httpx.Response) -> str:
    try:
        return str(response.json().get("message", response.text[:200]))
    except ValueError:
        return response.text[:200]
