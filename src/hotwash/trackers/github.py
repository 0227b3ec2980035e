"""GitHub Issues through the REST API (https://docs.github.com/en/rest/issues/issues).

``GET /repos/{owner}/{repo}/issues?labels=…&state=all`` finds hotwash's tickets (pull
requests, which that endpoint also lists, are skipped); ``POST`` creates one with
title, body, labels and assignees; ``PATCH /repos/{owner}/{repo}/issues/{number}``
updates it and closes it (``state: closed``). GitHub issues have no due date, so the
date is written in the body.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import httpx

from hotwash.actions.values import read_day
from hotwash.config.settings import GitHubTracker
from hotwash.trackers.base import mapped
from hotwash.trackers.http import ClientFactory, TrackerApi
from hotwash.trackers.model import RemoteTicket, TicketSpec

API_VERSION = "2022-11-28"
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')
_DUE = re.compile(r"\bDue: (\d{4}-\d{2}-\d{2})")


class GitHubIssues:
    name = "github"

    def __init__(self, config: GitHubTracker, token: str, client_factory: ClientFactory) -> None:
        headers = {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {token}",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": "hotwash",
        }
        client = client_factory(
            base_url=config.url.rstrip("/"), headers=headers, timeout=config.timeout_seconds
        )
        self._api = TrackerApi(self.name, client, (token,))
        self._config = config
        self._issues = f"/repos/{config.repo}/issues"

    def label(self, remote_id: str) -> str:
        return f"#{remote_id}"

    def find(self) -> list[RemoteTicket]:
        params = {"labels": self._config.labels[0], "state": "all", "per_page": "100"}
        found = []
        for page in self._api.pages(self._issues, params, _next_page):
            found += [_ticket(issue) for issue in page if "pull_request" not in issue]
        return found

    def get(self, remote_id: str) -> RemoteTicket | None:
        issue = self._api.json("GET", f"{self._issues}/{remote_id}")
        return None if issue is None or "pull_request" in issue else _ticket(issue)

    def create(self, spec: TicketSpec) -> RemoteTicket:
        payload: dict[str, Any] = {
            "title": spec.title,
            "body": self.body_text(spec.lines),
            "labels": list(spec.labels),
        }
        if spec.assignee:
            payload["assignees"] = [spec.assignee]
        return _ticket(self._api.json("POST", self._issues, json=payload))

    def update(self, ticket: RemoteTicket, spec: TicketSpec, fields: frozenset[str]) -> None:
        payload: dict[str, Any] = {}
        if "title" in fields:
            payload["title"] = spec.title
        if "body" in fields or "due" in fields:
            payload["body"] = self.body_text(spec.lines)
        if "labels" in fields:
            payload["labels"] = list(dict.fromkeys([*ticket.labels, *spec.labels]))
        if "assignee" in fields:
            payload["assignees"] = [spec.assignee] if spec.assignee else []
        if "closed" in fields:
            payload |= {"state": "closed", "state_reason": "completed"}
        self._api.json("PATCH", f"{self._issues}/{ticket.remote_id}", json=payload)

    def assignee(self, owner: str) -> str | None:
        found = mapped(self._config.assignees, owner)
        if found is not None:
            return str(found)
        # A GitHub-style handle is taken as the login when no mapping says otherwise.
        return owner.strip()[1:] if owner.strip().startswith("@") else None

    def body_text(self, lines: tuple[str, ...]) -> str:
        return "\n\n".join(lines)

    def close(self) -> None:
        self._api.close()


def _next_page(response: httpx.Response) -> tuple[str, None] | None:
    match = _NEXT.search(response.headers.get("link", ""))
    return (match.group(1), None) if match else None


def _ticket(issue: dict[str, Any]) -> RemoteTicket:
    body = issue.get("body") or ""
    return RemoteTicket(
        remote_id=str(issue["number"]),
        url=issue["html_url"],
        title=issue["title"],
        body=body,
        labels=tuple(label["name"] for label in issue.get("labels", [])),
        assignees=tuple(user["login"] for user in issue.get("assignees") or []),
        due=_due(body),
        closed=issue.get("state") == "closed",
    )


def _due(body: str) -> date | None:
    match = _DUE.search(body)
    return read_day(match.group(1)) if match else None
