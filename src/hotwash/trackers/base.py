"""What sync needs from a tracker. GitHub, GitLab and Jira each implement it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from hotwash.actions.values import owner_key
from hotwash.trackers.model import RemoteTicket, TicketSpec

# The fields of a ticket sync keeps in line with its action item.
FIELDS = ("title", "body", "labels", "assignee", "due", "closed")


class Tracker(Protocol):
    name: str

    def label(self, remote_id: str) -> str:
        """How people refer to a ticket: ``#12`` on GitHub and GitLab, the key on Jira."""
        ...

    def find(self) -> list[RemoteTicket]:
        """Every ticket carrying the tracker's first configured label, open or closed."""
        ...

    def get(self, remote_id: str) -> RemoteTicket | None: ...

    def create(self, spec: TicketSpec) -> RemoteTicket: ...

    def update(self, ticket: RemoteTicket, spec: TicketSpec, fields: frozenset[str]) -> None:
        """Bring the named ``fields`` of ``ticket`` in line with ``spec``."""
        ...

    def assignee(self, owner: str) -> str | None:
        """The tracker's name for an action item's owner, or ``None`` if unknown."""
        ...

    def body_text(self, lines: tuple[str, ...]) -> str:
        """A spec's body as :attr:`RemoteTicket.body` would hold it once written."""
        ...

    def close(self) -> None: ...


def mapped(assignees: Mapping[str, object], owner: str) -> object | None:
    """The configured assignee of ``owner`` (``@bob``, ``bob`` and ``Bob`` are one owner)."""
    wanted = owner_key(owner)
    return next((value for key, value in assignees.items() if owner_key(key) == wanted), None)
