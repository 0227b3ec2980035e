"""The README's main job: ``hotwash demo`` tells a whole incident from start to finish."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import Run


def test_demo_walks_an_incident_through_its_lifecycle(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = run("demo", str(target))
    assert result.code == 0, result.err
    assert "$ hotwash declare" in result.out
    assert "INCIDENT DECLARED: Checkout requests failing with HTTP 502" in result.err
    assert "INCIDENT UPDATE" in result.err
    # At 15:10 the last update (monitoring, 14:33) is 7 minutes past the SEV2 cadence.
    overdue = result.out.split("$ hotwash due\n", 1)[1]
    assert "INC-2026-0001\tSEV2\tupdate" in overdue.splitlines()[1]
    assert "\t7m\t" in overdue.splitlines()[1]
    assert "Time to detect:      4m" in result.out
    document = json.loads((target / "INC-2026-0001.json").read_text())
    assert document["incident"]["status"] == "Resolved"
    assert document["incident"]["milestones"]["mitigated"] == "2026-03-14T14:33:00+00:00"
    assert len(document["events"]) >= 15
    assert "**[detected]**" in result.out
    assert "| edge-nginx-access.log | access-log | 3600 | 3600 | 0 |" in result.out
    draft = target / "postmortems" / "postmortem-2026-03-14-checkout.md"
    text = draft.read_text()
    assert text.startswith("# Postmortem: Checkout requests failing with HTTP 502")
    assert "**Detection delay (impact start → detected):** 4m" in text
    assert (target / "postmortems" / "postmortem-2026-03-14-checkout-error-rate.png").is_file()
    again = run("demo", str(target))
    assert again.code == 2
    assert "--force" in again.err
    assert run("demo", str(target), "--force").code == 0
