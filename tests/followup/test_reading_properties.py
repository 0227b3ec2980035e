"""Whatever a postmortem file holds, reading it never fails and loses nothing it can keep."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from followup_helpers import HISTORY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotwash.recurrence.concepts import concepts_in
from hotwash.recurrence.signals import signals_in
from hotwash.recurrence.text import words
from hotwash.review.from_files import read_folder, read_postmortem

LINES = st.sampled_from(
    [
        "# Postmortem: checkout 502s",
        "**Severity:** SEV2",
        "**Date:** 2026-13-45",
        "Status: Final",
        "## Timeline (UTC)",
        "| Time | Event |",
        "|---|---|",
        "| 14:02 | **[impact start]** errors |",
        "| 25:99 | **[detected]** alert `PoolSaturated` fired |",
        "- 18:00 **[mitigated]** rollback",
        "## Action items",
        "| Action | Owner | Due | Status |",
        "| Fix it | @bob | someday | ✅ |",
        "- [x] Alert on pool saturation (owner: @dana, due 2026-02-30, P9)",
        "## Contributing factors",
        "- The connection pool ran dry",
        '"x509: certificate has expired or is not yet valid"',
        "",
    ]
)
DOCUMENTS = st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=25).map("\n".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(DOCUMENTS)
def test_any_markdown_is_read_or_skipped_with_a_reason(tmp_path: Path, text: str) -> None:
    path = tmp_path / "postmortem.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    skipped: list[str] = []

    found = read_folder(tmp_path, skipped)

    assert len(found) + len(skipped) == 1
    assert all(reason.startswith(f"cannot read {path}") for reason in skipped)
    for read in found:
        assert read.incident.key == "postmortem.md"
        assert len(read.drafts) == len(read.found.action_items)
        assert all(action.action == action.action.strip() for action in read.incident.actions)


def test_a_well_formed_file_is_always_read(tmp_path: Path) -> None:
    for source in sorted(HISTORY.glob("*.md")):
        read = read_postmortem(source)
        assert read.incident.started_at is not None, source.name


@given(st.text())
def test_text_features_never_raise(text: str) -> None:
    assert all(word == word.lower() for word in words(text))
    concepts_in(text)
    signals_in([text])


def test_an_unreadable_file_is_skipped_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(HISTORY / "2025-06-10-api-latency-cache-flush.md", tmp_path / "good.md")
    (tmp_path / "locked.md").write_text("# Locked")
    real = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    skipped: list[str] = []

    found = read_folder(tmp_path, skipped)

    assert [file.key for file in found] == ["good.md"]
    assert skipped == [f"cannot read {tmp_path / 'locked.md'}: Permission denied"]
