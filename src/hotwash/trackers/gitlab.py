"""GitLab issues through the REST API (https://docs.gitlab.com/api/issues/).

``GET /projects/:id/issues?labels=…`` finds hotwash's tickets (open and closed; pages
follow ``X-Next-Page``); ``POST /projects/:id/issues`` creates one with title,
description, comma-separated labels, ``assignee_ids`` and the native ``due_date``;
``PUT /projects/:id/issues/:iid`` updates it and closes it (``state_event: close``).
Owners map to user ids, or to usernames looked up once with ``GET /users?username=``.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import httpx

from hotwash.config.settings import GitLabTracker
from hotwash.trackers.base import mapped
from hotwash.trackers.http import ClientFactory, TrackerApi
from hotwash.trackers.model import RemoteTicket, TicketSpec


class GitLabIssues:
    name = "gitlab"

    def __init__(self, config: GitLabTracker, token: str, client_factory: ClientFactory) -> None:
        client = client_factory(
            base_url=config.url.rstrip("/") + "/api/v4",
            headers={"PRIVATE-TOKEN": token, "User-Agent": "hotwash"},
            timeout=config.timeout_seconds,
        )
        self._api = TrackerApi(self.name, client, (token,))
        self._config = config
        self._issues = f"/projects/{quote(config.project, safe='')}/issues"
        self._users: dict[str, int | None] = {}

    def label(self, remote_id: str) -> str:
        return f"#{remote_id}"

    def find(self) -> list[RemoteTicket]:
        params = {"labels": self._config.labels[0], "per_page": "100"}
        found = []
        for page in self._api.pages(self._issues, params, self._next_page):
            found += [_ticket(issue) for issue in page]
        return found

    def get(self, remote_id: str) -> RemoteTicket | None:
        issue = self._api.json("GET", f"{self._issues}/{remote_id}")
        return None if issue is None else _ticket(issue)

    def create(self, spec: TicketSpec) -> RemoteTicket:
        payload: dict[str, Any] = {
            "title": spec.title,
            "description": self.body_text(spec.lines),
            "labels": ",".join(spec.labels),
        }
        if spec.assignee:
            payload["assignee_ids"] = [int(spec.assignee)]
        if spec.due:
            payload["due_date"] = spec.due.isoformat()
        return _ticket(self._api.json("POST", self._issues, json=payload))

    def update(self, ticket: RemoteTicket, spec: TicketSpec, fields: frozenset[str]) -> None:
        payload: dict[str, Any] = {}
        if "title" in fields:
            payload["title"] = spec.title
        if "body" in fields:
            payload["description"] = self.body_text(spec.lines)
        if "labels" in fields:
            added = [label for label in spec.labels if label not in ticket.labels]
            payload["add_labels"] = ",".join(added)
        if "assignee" in fields:
            payload["assignee_ids"] = [int(spec.assignee)] if spec.assignee else []
        if "due" in fields:
            payload["due_date"] = spec.due.isoformat() if spec.due else None
        if "closed" in fields:
            payload["state_event"] = "close"
        self._api.json("PUT", f"{self._issues}/{ticket.remote_id}", json=payload)

    def assignee(self, owner: str) -> str | None:
        found = mapped(self._config.assignees, owner)
        if isinstance(found, int):
            return str(found)
        username = found if isinstance(found, str) else _handle(owner)
        user_id = self._user_id(username) if username else None
        return str(user_id) if user_id is not None else None

    def body_text(self, lines: tuple[str, ...]) -> str:
        return "\n\n".join(lines)

    def close(self) -> None:
        self._api.close()

    def _user_id(self, username: str) -> int | None:
        if username not in self._users:
            users = self._api.json("GET", "/users", params={"username": username}) or []
            self._users[username] = int(users[0]["id"]) if users else None
        return self._users[username]

    def _next_page(self, response: httpx.Response) -> tuple[str, dict[str, str]] | None:
        page = response.headers.get("x-next-page", "").strip()
        if not page:
            return None
        params = {"labels": self._config.labels[0], "per_page": "100", "page": page}
        return (self._issues, params)


def _handle(owner: str) -> str | None:
    text = owner.strip()
    return text[1:] if text.startswith("@") else None


def _ticket(issue: dict[str, Any]) -> RemoteTicket:
    due = issue.get("due_date")
    return RemoteTicket(
        remote_id=str(issue["iid"]),
        url=issue["web_url"],
        title=issue["title"],
        body=issue.get("description") or "",
        labels=tuple(issue.get("labels") or ()),
        assignees=tuple(str(user["id"]) for user in issue.get("assignees") or []),
        due=date.fromisoformat(due) if due else None,
        closed=issue.get("state") == "closed",
    )
