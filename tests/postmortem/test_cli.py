"""The postmortem commands end to end, through the real ``hotwash`` entry point."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from clirun import Run
from hotwash.actions.model import ActionItem, ActionType, Priority, format_action_id
from hotwash.demo.evidence import write_evidence
from hotwash.incidents.factors import ContributingFactor, FactorCategory
from hotwash.store import open_store, sqlite_url

INC = "INC-2026-0001"
DRAFT = "postmortems/postmortem-2026-03-14-checkout-requests-failing-with-http-502.md"


@pytest.fixture
def incident(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with the demo incident declared, resolved and its evidence saved."""
    root = tmp_path / "ws"
    assert run("init", str(root), "--timezone", "Europe/Berlin").code == 0
    monkeypatch.chdir(root)
    declared = run(
        "declare", "Checkout requests failing with HTTP 502", "--sev", "2",
        "--service", "checkout", "--service", "payments-api", "--commander", "Dana Kim",
        "--started-at", "2026-03-14 14:02Z", "--no-notify",
        "--impact", "About 40% of checkout attempts fail with HTTP 502",
        env={"HOTWASH_NOW": "2026-03-14T14:09:00Z"},
    )  # fmt: skip
    assert declared.code == 0, declared.err
    resolved = run("resolve", INC, "--no-notify", env={"HOTWASH_NOW": "2026-03-14T15:15:00Z"})
    assert resolved.code == 0, resolved.err
    store = open_store(sqlite_url(root / ".hotwash" / "hotwash.db"))
    with store.transaction() as repo:
        repo.add_factor(
            INC, ContributingFactor("Pool size unchanged since 2024", FactorCategory.SYSTEMIC)
        )
        action = ActionItem(
            format_action_id(repo.next_action_number()), INC, "Alert on pool saturation above 80%",
            ActionType.DETECT, "Lee Chen", date(2026, 3, 21), Priority.P1, "Alert fires in staging",
        )  # fmt: skip
        repo.add_action_item(action)
    store.close()
    write_evidence(root / "evidence" / INC)
    return root


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def test_postmortem_for_an_incident(run: Run, incident: Path) -> None:
    before = _digests(incident / "evidence")
    result = run("postmortem", INC, "--html")
    assert result.code == 0, result.err
    path = incident / DRAFT
    assert result.out.strip() == str(path)
    text = path.read_text()
    assert text.startswith("# Postmortem: Checkout requests failing with HTTP 502\n")
    for field in ("**Owner:** Dana Kim", "**Severity:** SEV2", f"**Incident:** {INC}"):
        assert field in text
    assert "- Pool size unchanged since 2024" in text  # the recorded factor, under Systemic
    assert "**Reported during the incident:** About 40% of checkout attempts fail" in text
    assert (
        "| AI-001 | Alert on pool saturation above 80% | detect | Lee Chen | 2026-03-21 | P1 |"
        in text
    )
    assert "**[impact start]** Milestone: impact start" in text  # recorded, so it wins
    assert (incident / DRAFT.replace(".md", "-error-rate.png")).is_file()
    assert path.with_suffix(".html").read_text().count("data:image/png;base64,") >= 2
    assert "placeholder(s) to fill" in result.err
    assert _digests(incident / "evidence") == before, "evidence must never be modified"


def test_postmortem_for_a_folder_needs_no_workspace(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_evidence(tmp_path / "bundle")
    monkeypatch.chdir(tmp_path)
    result = run("postmortem", "bundle", "--template", "quick")
    assert result.code == 0, result.err
    path = tmp_path / "postmortems" / "postmortem-2026-03-14-bundle.md"
    assert result.out.strip() == str(path)
    assert path.read_text().startswith("# Quick postmortem: [TODO: incident title")
    custom = run("postmortem", "bundle", "-o", "out/pm.md", "--title", "Checkout 502s")
    assert custom.code == 0
    assert (tmp_path / "out" / "pm-error-rate.svg").is_file()
    unknown = run("postmortem", "bundle", "--template", "nope")
    assert unknown.code == 2
    assert "unknown template 'nope'" in unknown.err
    missing = run("postmortem", "no-such-folder")
    assert missing.code == 2
    assert "no such evidence file or folder" in missing.err


def test_templates_list_and_show(run: Run, incident: Path) -> None:
    override = incident / "templates" / "postmortem" / "quick.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# Ours: {{ title }}\n")
    listed = json.loads(run("templates", "list", "--json").out)
    assert [t["name"] for t in listed] == [
        "five-whys",
        "four-section",
        "google-sre",
        "quick",
        "standard",
    ]
    assert next(t for t in listed if t["name"] == "quick")["origin"] == str(override)
    assert run("templates", "show", "quick").out == "# Ours: {{ title }}\n"
    assert "## 1. Situation" in run("templates", "show", "four-section").out
    assert run("templates", "show", "nope").code == 2


def test_import_reports_unparsed_rows_with_their_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Postmortem: A\n\n**Date:** 2026-01-02\n\n"
        "## Timeline (UTC)\n\n- 10:00 - alert\n- later - fix\n"
    )
    (tmp_path / "b.md").write_text(
        "# Post-mortem: B\n\n## Action items\n\n- Add an alert (owner: @x)\n"
    )
    single = run("import", str(tmp_path / "a.md"), "--json")
    assert single.code == 0, single.err
    found = json.loads(single.out)
    assert found["title"] == "A"
    assert found["timeline"][0]["utc"] == "2026-01-02T10:00:00Z"
    assert f"{tmp_path / 'a.md'}:8: not parsed (no time at the start): later - fix" in single.err
    both = json.loads(run("import", str(tmp_path), "--json").out)
    assert [f["title"] for f in both] == ["A", "B"]
    assert both[1]["action_items"][0]["owner"] == "@x"
    assert run("import", str(tmp_path / "nope.md")).code == 2


def test_runbooks_and_their_links(run: Run, incident: Path) -> None:
    created = run("runbook", "new", "checkout")
    assert created.code == 0, created.err
    path = incident / "docs" / "runbooks" / "checkout-runbook.md"
    assert created.out.strip() == str(path)
    assert run("runbook", "new", "checkout").code == 1  # never overwritten silently
    added = run("runbook", "add-issue", "checkout", "--from", INC)
    assert added.code == 0, added.err
    text = path.read_text()
    assert "### Issue 2: Checkout requests failing with HTTP 502" in text
    assert "  - Alert: Alert CheckoutHigh5xxRate firing" in text
    assert "Deploy payments-api v2.13.2: Rollback of v2.14.0 at 14:24:30 UTC" in text
    assert f"- **Seen in:** {INC} (2026-03-14, SEV2)" in text
    assert text.index("### Issue 2") < text.index("## Escalation")
    assert run("runbook", "add-issue", "checkout", "--from", INC).code == 1
    assert run("runbook", "add-issue", "cart", "--from", INC).code == 2  # no runbook yet
    run("postmortem", INC)
    draft = (incident / DRAFT).read_text()
    assert "- **checkout:** [checkout-runbook.md](../docs/runbooks/checkout-runbook.md)" in draft


def test_meeting_and_html_publishing(run: Run, incident: Path) -> None:
    meeting = run("meeting", INC)
    assert meeting.code == 0, meeting.err
    assert meeting.out.startswith(f"# Postmortem review: {INC}: Checkout requests failing")
    assert "## 3. Analysis discussion (20 min, 20-40 min)" in meeting.out
    assert (
        "AI-001: Alert on pool saturation above 80% (owner: Lee Chen, due: 2026-03-21)"
        in meeting.out
    )
    questions = [
        line[2:] for line in meeting.out.splitlines() if line.startswith("- ") and "?" in line
    ]
    assert questions
    assert all(q.startswith(("What ", "How ")) for q in questions)
    assert not any(word in meeting.out.lower() for word in (" who ", "why did you"))
    run("postmortem", INC)
    html = run("publish", DRAFT, "--to", "html", "-o", "pm.html")
    assert html.code == 0, html.err
    assert "data:image/png;base64," in (incident / "pm.html").read_text()
    assert run("publish", DRAFT, "--to", "bookstack").code == 2  # not configured


def test_an_incident_without_evidence_gets_placeholders_not_guesses(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    monkeypatch.chdir(root)
    assert run("declare", "Search is slow", "--sev", "3", "--no-notify").code == 0
    result = run("postmortem", INC, "--template", "four-section")
    assert result.code == 0, result.err
    text = Path(result.out.strip()).read_text()
    assert "charts: none (no data to chart)" in result.err
    assert "[TODO: error rate chart: no such data in the evidence" in text
    assert "**Owner:** [TODO: owner of this postmortem]" in text
    assert "**Severity:** SEV3" in text
    assert run("postmortem", "INC-2026-0099").code == 1  # unknown incident
