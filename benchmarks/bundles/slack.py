"""A Slack workspace export: ``users.json``, ``channels.json``, per-day files per channel.

Day files split at midnight UTC, so an evening incident's discussion crosses files.
Around the milestones there is everyday chatter, a deploy bot, channel joins, and
sometimes a question about declaring before the declaration itself.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bundles.model import Scenario

USERS = {"U01DANA": "Dana Kim", "U02LEE": "Lee Chen", "U03SAM": "Sam Patel", "U04ANA": "Ana Ruiz"}
CHATTER_BEFORE = (
    "morning all",
    "standup in 5",
    "PR 4411 is ready for review",
    "anyone up for lunch?",
    "new dashboard for the cart funnel is live",
)
CHATTER_DURING = (
    "looking at the dashboards now",
    "I'm on it",
    "<@U02LEE> can you check the DB pool settings?",
    "pulling up the logs",
    "error rate still climbing on our side",
    "rolling back {svc} to the previous version",
)
MITIGATED = (
    "rollback done, {svc} back to normal",
    "fix is out, {svc} graphs look normal again",
    "{svc} recovered after restarting the pods",
)
ALL_CLEAR = (
    "All clear, incident resolved. Postmortem to follow.",
    "Marking the incident resolved, thanks all",
    "we're all clear. closing the incident",
)

Message = tuple[float, str, str, str | None]  # time, channel, text, user (None: a bot)


def write_slack(root: Path, s: Scenario, rng: np.random.Generator) -> None:
    messages = _messages(s, rng)
    by_file: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for at, channel, text, user in sorted(messages):
        day = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d")
        by_file[channel, day].append(_message(at, text, user))
    users = [{"id": uid, "name": n.split()[0].lower(), "real_name": n} for uid, n in USERS.items()]
    _dump(root / "users.json", users)
    channels = sorted({channel for channel, _ in by_file})
    _dump(root / "channels.json", [{"id": f"C0{c.upper()}", "name": c} for c in channels])
    for (channel, day), items in by_file.items():
        _dump(root / channel / f"{day}.json", items)


def _messages(s: Scenario, rng: np.random.Generator) -> list[Message]:
    p, svc = s.people, s.main.service
    said: list[Message] = [
        (t, "general", _pick(rng, CHATTER_BEFORE), _user(rng))
        for t in rng.uniform(s.start, s.fault.onset - 600, int(rng.integers(2, 7)))
    ]
    if rng.random() < 0.3:
        at = s.fault.onset - 60 * rng.uniform(12, 30)
        said.append((at, "general", "FYI staging is down for maintenance until noon", "U04ANA"))
    said.append((s.fault.onset - 60 * rng.uniform(2, 25), "deploys", f"Deployed {svc}", None))
    if p.report_at is not None:
        channel = ("support", "general", "incidents")[int(rng.integers(3))]
        said.append((p.report_at, channel, p.report_text, "U04ANA"))
    if p.ask_at is not None:
        said.append((p.ask_at, "incidents", "should we declare an incident for this?", "U02LEE"))
    said.append((p.declare_at, "incidents", p.declare_text, "U03SAM"))
    middle = rng.uniform(p.declare_at + 5, max(p.declare_at + 10, p.mitigation_note_at - 5), 4)
    said += [
        (t, "incidents", _pick(rng, CHATTER_DURING).format(svc=svc), _user(rng)) for t in middle
    ]
    said.append(
        (p.mitigation_note_at, "incidents", _pick(rng, MITIGATED).format(svc=svc), "U02LEE")
    )
    said.append((p.resolve_at, "incidents", _pick(rng, ALL_CLEAR), "U03SAM"))
    return said


def _message(at: float, text: str, user: str | None) -> dict[str, object]:
    ts = f"{at:.6f}"
    if user is None:
        return {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": "B0CI",
            "text": text,
            "ts": ts,
        }
    return {"type": "message", "user": user, "text": text, "ts": ts, "client_msg_id": f"m{ts}"}


def _user(rng: np.random.Generator) -> str:
    return list(USERS)[int(rng.integers(len(USERS)))]


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _dump(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
