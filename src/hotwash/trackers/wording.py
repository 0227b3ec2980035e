"""One line per change, the same for ``--dry-run`` and for a real run (in the past tense),
so what a dry run shows is exactly what the next run will do."""

from __future__ import annotations

from hotwash.trackers.base import Tracker
from hotwash.trackers.plan import Change, ChangeKind


def describe(change: Change, tracker: Tracker, *, dry_run: bool) -> str:
    verb = _VERBS[change.kind][0 if dry_run else 1]
    spec, item, ticket = change.spec, change.item, change.ticket
    where = f"{tracker.name} {tracker.label(ticket.remote_id)}" if ticket else tracker.name
    if change.kind is ChangeKind.CREATE:
        return f"{verb} {where} issue {spec.title!r} [{_facts(change)}]"
    if change.kind is ChangeKind.UPDATE:
        return f"{verb} {where} ({item.id}): {'; '.join(change.differences)}"
    if change.kind is ChangeKind.CLOSE:
        return f"{verb} {where} ({item.id}): the item is {item.status.value}"
    if change.kind is ChangeKind.MARK_DONE:
        return f"{verb} {item.id} done: {where} is closed"
    return f"{verb} {item.id} to {where} ({ticket.url if ticket else '-'})"


def summary(changes: list[Change], *, dry_run: bool) -> str:
    counts = {kind: sum(1 for c in changes if c.kind is kind) for kind in ChangeKind}
    parts = [
        _COUNTED[kind].format(verb=_VERBS[kind][0 if dry_run else 1], n=n)
        for kind, n in counts.items()
        if n
    ]
    if dry_run:
        told = ", ".join(parts) if parts else "change nothing"
        return f"dry run: would {told}; nothing was sent or saved"
    return ", ".join(parts) if parts else "already in sync: nothing to change"


def _facts(change: Change) -> str:
    spec = change.spec
    facts = [f"labels: {', '.join(spec.labels)}"]
    facts.append(f"assignee: {spec.assignee or '-'}")
    facts.append(f"due: {spec.due.isoformat() if spec.due else '-'}")
    return "; ".join(facts)


_VERBS = {
    ChangeKind.CREATE: ("create", "created"),
    ChangeKind.UPDATE: ("update", "updated"),
    ChangeKind.CLOSE: ("close", "closed"),
    ChangeKind.MARK_DONE: ("mark", "marked"),
    ChangeKind.LINK: ("link", "linked"),
}
_COUNTED = {
    ChangeKind.CREATE: "{verb} {n} ticket(s)",
    ChangeKind.UPDATE: "{verb} {n} ticket(s)",
    ChangeKind.CLOSE: "{verb} {n} ticket(s)",
    ChangeKind.MARK_DONE: "{verb} {n} item(s) done",
    ChangeKind.LINK: "{verb} {n} item(s) to existing tickets",
}
