"""Golden files: each built-in template drafted from the demo bundle, byte for byte.

Regenerate after an intended change with ``HOTWASH_UPDATE_GOLDEN=1 uv run pytest
tests/postmortem/test_draft_golden.py`` and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hotwash.config.settings import Settings
from hotwash.postmortem.catalog import BUILTIN, Catalog
from hotwash.postmortem.draft import DraftRequest, write_draft
from hotwash.postmortem.placeholders import placeholders
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "drafts"


def draft_text(timeline: Timeline, folder: Path, template: str) -> str:
    request = DraftRequest(
        timeline=timeline,
        settings=Settings(),
        folder=folder,
        output=folder / "draft.md",
        template=template,
        fallback_slug="bundle",
        redactor=Redactor(),
    )
    return write_draft(request, Catalog()).text


@pytest.mark.parametrize("template", BUILTIN)
def test_draft_matches_golden_file(demo_timeline: Timeline, tmp_path: Path, template: str) -> None:
    text = draft_text(demo_timeline, tmp_path, template)
    golden = GOLDEN / f"{template}.md"
    if os.environ.get("HOTWASH_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run with HOTWASH_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("template", BUILTIN)
def test_lint_reports_only_the_placeholders_of_a_fresh_draft(template: str) -> None:
    """hotwash lint on a draft flags exactly what the author must fill in, nothing else."""
    engine = pytest.importorskip("hotwash.lint.engine")
    text = (GOLDEN / f"{template}.md").read_text(encoding="utf-8")
    findings = engine.lint_text(text, path=f"{template}.md")
    assert {finding.rule for finding in findings} == {"structure/placeholder"}
    assert len(findings) == len(placeholders(text))
