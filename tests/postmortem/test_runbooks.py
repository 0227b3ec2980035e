"""Runbooks: created in the seed's shape, then grown with the failure modes incidents show."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotwash.config.settings import Service, Settings
from hotwash.errors import ConflictError, ValidationError
from hotwash.postmortem.runbooks import (
    append_issue,
    check_service,
    new_runbook,
    runbook_location,
    write_new_runbook,
)


def test_new_runbook_has_the_seed_sections_and_config_facts() -> None:
    settings = Settings(
        services={"checkout": Service(owner="payments-team", health_url="https://c/h")}
    )
    text = new_runbook(settings, "checkout")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Runbook: checkout",
        "## Service overview",
        "## Common issues",
        "### Issue 1: [TODO: description]",
        "## Escalation",
    ]
    for label in (
        "Purpose",
        "Dependencies",
        "Critical paths",
        "Symptoms",
        "Diagnosis",
        "Resolution",
    ):
        assert f"**{label}:**" in text
    assert "- **Owner:** payments-team" in text
    assert "- **Health check:** https://c/h" in text
    assert "- **On-call:** #incidents" in text


def test_location_follows_the_config_or_the_convention(tmp_path: Path) -> None:
    settings = Settings(services={"cart": Service(runbook="ops/cart.md")})
    assert runbook_location(settings, tmp_path, "cart") == tmp_path / "ops" / "cart.md"
    assert runbook_location(settings, tmp_path, "checkout") == (
        tmp_path / "docs" / "runbooks" / "checkout-runbook.md"
    )
    for bad in ("../etc", "a/b", "", "x" * 101):
        with pytest.raises(ValidationError):
            check_service(bad)


def test_existing_runbooks_are_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "runbooks" / "x-runbook.md"
    write_new_runbook(path, "first\n", force=False)
    with pytest.raises(ConflictError, match="already exists"):
        write_new_runbook(path, "second\n", force=False)
    write_new_runbook(path, "second\n", force=True)
    assert path.read_text() == "second\n"


def test_an_issue_is_added_before_escalation_and_only_once() -> None:
    runbook = new_runbook(Settings(), "checkout")
    seen = "INC-2026-0001 (2026-03-14, SEV2)"
    grown = append_issue(
        runbook, "Pool exhausted", ["502s"], ["check the deploy"], ["roll back"], seen
    )
    assert grown.index("### Issue 2: Pool exhausted") < grown.index("## Escalation")
    assert "  - 502s\n" in grown
    assert "  - roll back\n" in grown
    assert f"- **Seen in:** {seen}" in grown
    with pytest.raises(ConflictError, match="already has an issue from INC-2026-0001"):
        append_issue(grown, "again", [], [], [], seen)
    bare = append_issue("# Runbook: x\n", "Disk full", [], [], [], "INC-2026-0002 (d, SEV3)")
    assert "### Issue 1: Disk full" in bare
    assert "[TODO: commands to run" in bare
