"""Which tracker ticket an action item was exported to.

Sync finds its own tickets by this link first (fast, and immune to someone renaming
the ticket); a search by label catches tickets created by a sync that crashed before
it could record the link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TrackerLink:
    action_id: str
    tracker: str  # "github", "gitlab" or "jira"
    remote_id: str  # issue number, GitLab iid, or Jira key
    url: str
    synced_at: datetime
