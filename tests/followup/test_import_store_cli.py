"""``hotwash import DIR --store``: backfill a team's postmortem folder into the store."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import Run

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "postmortems-history"


def test_backfill_makes_review_and_recurrence_work_from_day_one(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    files = sorted(HISTORY.glob("*.md"))
    loaded = run("-C", str(root), "import", str(HISTORY), "--store")
    assert loaded.code == 0, loaded.err
    assert (
        f"Loaded {len(files)} postmortem(s): {len(files)} new incident(s)"
        in loaded.out + loaded.err
    )
    review = json.loads(run("-C", str(root), "review", "--format", "json").out)
    assert len(review["incidents"]) == len(files)
    assert review["recurrences"], "the history holds recurrences; the store must find them too"
    again = run("-C", str(root), "import", str(HISTORY), "--store")
    assert again.code == 0
    listed = json.loads(run("-C", str(root), "list", "--json").out)
    assert len(listed) == len(files)  # re-reading the folder duplicates nothing
