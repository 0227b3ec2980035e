"""Jira Cloud through the REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/).

``GET /rest/api/3/search/jql`` with JQL finds hotwash's tickets (pages follow
``nextPageToken``); ``POST /rest/api/3/issue`` creates one with project, summary, an
Atlassian Document Format description, issue type, labels, assignee ``accountId`` and
the native ``duedate``; ``PUT /rest/api/3/issue/{key}`` edits fields. Closing takes a
workflow transition: the first one whose target status is in the Done category. A
ticket counts as closed when its status category is Done.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from hotwash.config.settings import JiraTracker
from hotwash.trackers.base import mapped
from hotwash.trackers.http import ClientFactory, TrackerApi
from hotwash.trackers.jira_text import document, document_text
from hotwash.trackers.model import RemoteTicket, TicketSpec, TrackerError

FIELDS = "summary,description,labels,assignee,duedate,status"
DONE = "done"


class JiraIssues:
    name = "jira"

    def __init__(self, config: JiraTracker, token: str, client_factory: ClientFactory) -> None:
        client = client_factory(
            base_url=config.site.rstrip("/"),
            auth=(config.email, token),
            headers={"Accept": "application/json", "User-Agent": "hotwash"},
            timeout=config.timeout_seconds,
        )
        self._api = TrackerApi(self.name, client, (token, f"{config.email}:{token}"))
        self._config = config
        self._site = config.site.rstrip("/")

    def label(self, remote_id: str) -> str:
        return remote_id

    def find(self) -> list[RemoteTicket]:
        jql = f'project = "{self._config.project}" AND labels = "{self._config.labels[0]}"'
        params = {"jql": jql, "fields": FIELDS, "maxResults": "100"}
        found = []
        for page in self._api.pages("/rest/api/3/search/jql", params, _next_page(params)):
            found += [self._ticket(issue) for issue in page.get("issues", [])]
        return found

    def get(self, remote_id: str) -> RemoteTicket | None:
        issue = self._api.json("GET", f"/rest/api/3/issue/{remote_id}", params={"fields": FIELDS})
        return None if issue is None else self._ticket(issue)

    def create(self, spec: TicketSpec) -> RemoteTicket:
        fields: dict[str, Any] = {
            "project": {"key": self._config.project},
            "summary": spec.title,
            "description": document(spec.lines),
            "issuetype": {"name": self._config.issue_type},
            "labels": list(spec.labels),
        }
        if spec.assignee:
            fields["assignee"] = {"accountId": spec.assignee}
        if spec.due:
            fields["duedate"] = spec.due.isoformat()
        created = self._api.json("POST", "/rest/api/3/issue", json={"fields": fields})
        return RemoteTicket(
            remote_id=created["key"],
            url=f"{self._site}/browse/{created['key']}",
            title=spec.title,
            body=self.body_text(spec.lines),
            labels=spec.labels,
            assignees=(spec.assignee,) if spec.assignee else (),
            due=spec.due,
            closed=False,
        )

    def update(self, ticket: RemoteTicket, spec: TicketSpec, fields: frozenset[str]) -> None:
        edits = _edits(ticket, spec, fields)
        if edits:
            self._api.call("PUT", f"/rest/api/3/issue/{ticket.remote_id}", json={"fields": edits})
        if "closed" in fields:
            self._transition_to_done(ticket.remote_id)

    def assignee(self, owner: str) -> str | None:
        found = mapped(self._config.assignees, owner)
        return str(found) if found is not None else None

    def body_text(self, lines: tuple[str, ...]) -> str:
        return "\n".join(lines)

    def close(self) -> None:
        self._api.close()

    def _transition_to_done(self, key: str) -> None:
        path = f"/rest/api/3/issue/{key}/transitions"
        offered = self._api.json("GET", path).get("transitions", [])
        done = next((t for t in offered if _category(t.get("to", {})) == DONE), None)
        if done is None:
            raise TrackerError(f"jira: {key} offers no transition to a Done status")
        self._api.call("POST", path, json={"transition": {"id": done["id"]}})

    def _ticket(self, issue: dict[str, Any]) -> RemoteTicket:
        fields = issue.get("fields", {})
        assignee = fields.get("assignee") or {}
        due = fields.get("duedate")
        return RemoteTicket(
            remote_id=issue["key"],
            url=f"{self._site}/browse/{issue['key']}",
            title=fields.get("summary") or "",
            body=document_text(fields.get("description")),
            labels=tuple(fields.get("labels") or ()),
            assignees=(assignee["accountId"],) if assignee.get("accountId") else (),
            due=date.fromisoformat(due) if due else None,
            closed=_category(fields.get("status") or {}) == DONE,
        )


def _edits(ticket: RemoteTicket, spec: TicketSpec, fields: frozenset[str]) -> dict[str, Any]:
    edits: dict[str, Any] = {}
    if "title" in fields:
        edits["summary"] = spec.title
    if "body" in fields:
        edits["description"] = document(spec.lines)
    if "labels" in fields:
        edits["labels"] = list(dict.fromkeys([*ticket.labels, *spec.labels]))
    if "assignee" in fields:
        edits["assignee"] = {"accountId": spec.assignee} if spec.assignee else None
    if "due" in fields:
        edits["duedate"] = spec.due.isoformat() if spec.due else None
    return edits


def _category(status: dict[str, Any]) -> str | None:
    category = status.get("statusCategory") or {}
    key = category.get("key")
    return str(key) if key else None


def _next_page(params: dict[str, str]) -> Any:
    def following(response: httpx.Response) -> tuple[str, dict[str, str]] | None:
        body = response.json()
        token = body.get("nextPageToken")
        if not token or body.get("isLast", False):
            return None
        return ("/rest/api/3/search/jql", {**params, "nextPageToken": token})

    return following
