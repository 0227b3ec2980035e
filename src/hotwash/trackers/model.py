"""Tickets as hotwash wants them and as a tracker has them, in one tracker-neutral shape.

A ticket belongs to an action item when its title starts with the item's id
("AI-007: Alert on pool saturation"): visible to people, kept by every tracker, and
searchable. Bodies are lists of lines so each tracker can format them its own way
(Markdown for GitHub and GitLab, Atlassian Document Format for Jira).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hotwash.errors import HotwashError

_OWNED_TITLE = re.compile(r"^\s*(AI-\d{3,})\s*:")


class TrackerError(HotwashError):
    """A tracker refused a request or could not be reached; the message names which."""


@dataclass(frozen=True)
class TicketSpec:
    """What the ticket for one action item should say."""

    action_id: str
    title: str
    lines: tuple[str, ...]  # the body, one paragraph per line
    labels: tuple[str, ...]
    assignee: str | None  # the tracker's own name for the person (login, id, accountId)
    due: date | None
    closed: bool  # the item is done or won't be done


@dataclass(frozen=True)
class RemoteTicket:
    remote_id: str  # GitHub issue number, GitLab iid, Jira key
    url: str
    title: str
    body: str  # as plain lines, comparable with a spec's lines
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    due: date | None
    closed: bool

    @property
    def action_id(self) -> str | None:
        match = _OWNED_TITLE.match(self.title)
        return match.group(1).upper() if match else None


def plain_body(text: str) -> str:
    """Line endings and trailing blanks normalised, so bodies compare as people see them."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
