"""The rule pages in docs/lint are generated from the rules and must be current."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotwash.lint import REGISTRY
from hotwash.lint.docs import render_index, render_rule
from hotwash.lint.sarif import doc_page

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_rule_page_is_current(rule_id: str) -> None:
    page = DOCS / "lint" / doc_page(rule_id)
    assert page.is_file(), f"run: python -m hotwash.lint.docs docs/lint ({page} missing)"
    assert page.read_text(encoding="utf-8") == render_rule(REGISTRY[rule_id]), (
        f"{page} is out of date: run python -m hotwash.lint.docs docs/lint"
    )


def test_index_lists_every_rule_and_profile() -> None:
    index = (DOCS / "lint" / "index.md").read_text(encoding="utf-8")
    assert index == render_index()
    for rule_id in REGISTRY:
        assert f"]({doc_page(rule_id)})" in index
    for profile in ("default", "four-section", "google", "learning-from-incidents"):
        assert f"`{profile}`" in index


def test_command_page_exists_with_its_heading() -> None:
    page = (DOCS / "commands" / "lint.md").read_text(encoding="utf-8")
    assert "## `hotwash lint`" in page
    assert "(commands/lint.md)" in (DOCS / "index.md").read_text(encoding="utf-8")
