"""Templates: the five built-in ones, workspace overrides, and clear errors in overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotwash.errors import ValidationError
from hotwash.postmortem.catalog import BUILTIN, Catalog, tidy
from hotwash.postmortem.model import DraftContext


def _context() -> DraftContext:
    return DraftContext("T", "INC-2026-0001", "2026-03-14", "Dana", "Draft", "SEV2", "29m")


def _override(root: Path, name: str, text: str) -> None:
    folder = root / "templates" / "postmortem"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md.j2").write_text(text)


def test_builtin_templates_are_listed_and_shown() -> None:
    catalog = Catalog()
    assert catalog.names() == sorted(BUILTIN)
    assert '{% import "_blocks.md.j2" as b with context %}' in catalog.source("standard")
    assert catalog.info("four-section").origin == "built-in"
    assert all(catalog.render(name, _context()).startswith("# ") for name in BUILTIN)


def test_a_workspace_template_overrides_the_builtin_and_can_add_one(tmp_path: Path) -> None:
    _override(tmp_path, "quick", "# Ours: {{ title }}\n")
    _override(
        tmp_path,
        "team-style",
        '{% import "_blocks.md.j2" as b with context %}\n# {{ title }}\n\n{{ b.fields() }}\n',
    )
    catalog = Catalog(tmp_path)
    assert "team-style" in catalog.names()
    assert catalog.info("quick").origin.endswith("templates/postmortem/quick.md.j2")
    assert catalog.render("quick", _context()) == "# Ours: T\n"
    assert "- **Owner:** Dana" in catalog.render("team-style", _context())
    assert Catalog().render("quick", _context()).startswith("# Quick postmortem: T")


def test_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(ValidationError, match="unknown template 'nope': expected one of"):
        Catalog().render("nope", _context())


def test_broken_override_fails_with_its_file_and_line(tmp_path: Path) -> None:
    _override(tmp_path, "standard", "# {{ title }}\n\n{{ no_such_variable }}\n")
    with pytest.raises(ValidationError, match=r"standard\.md\.j2, line 3: 'no_such_variable'"):
        Catalog(tmp_path).render("standard", _context())
    _override(tmp_path, "quick", "# {% if %}\n")
    with pytest.raises(ValidationError, match=r"quick\.md\.j2, line 1"):
        Catalog(tmp_path).render("quick", _context())


def test_tidy_leaves_one_blank_line_between_blocks() -> None:
    assert tidy("\n\n# A  \n\n\n\n- b\n") == "# A\n\n- b\n"
