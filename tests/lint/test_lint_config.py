"""Lint settings: where they are read from, what they change, and how typos fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintrun import config, rule_ids

from hotwash.config import load_settings
from hotwash.errors import ConfigError
from hotwash.lint import Severity, lint_text
from hotwash.lint.loading import load_lint_config

BLAMEFUL = "## Analysis\n\nThe outage was caused by human error.\n"


def test_pyproject_then_hotwash_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.hotwash.lint]\nprofile = "google"\n'
        'disable = ["timeline"]\n[tool.hotwash.lint.thresholds]\nmin-factors = 4\n'
    )
    (tmp_path / "hotwash.toml").write_text(
        '[[team.members]]\nname = "Priya Nair"\nhandle = "priya"\n\n'
        '[lint]\nprofile = "four-section"\n[lint.thresholds]\nmax-pasted-lines = 30\n'
    )
    sub = tmp_path / "postmortems"
    sub.mkdir()
    loaded, sources = load_lint_config(sub)
    assert [p.name for p in sources] == ["pyproject.toml", "hotwash.toml"]
    assert loaded.profile.name == "four-section"
    assert not loaded.is_enabled("timeline/no-utc")
    assert loaded.limits.min_factors == 4
    assert loaded.limits.max_pasted_lines == 30
    assert loaded.limits.max_factors == 5  # from the four-section profile
    assert "Priya Nair" in loaded.roster


def test_hotwash_toml_with_lint_tables_still_loads_as_settings(tmp_path: Path) -> None:
    path = tmp_path / "hotwash.toml"
    path.write_text('[lint]\nprofile = "google"\n\n[tool.hotwash.lint]\nfail-on = "error"\n')
    settings = load_settings(path, {})
    assert settings.lint == {"profile": "google"}
    loaded, _ = load_lint_config(tmp_path)
    assert loaded.profile.name == "google"
    assert loaded.fail_on is Severity.ERROR


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"profil": "google"}, "unknown lint setting"),
        ({"profile": "strict"}, "unknown lint profile"),
        ({"disable": ["blame/human-eror"]}, "unknown rule"),
        ({"severity": {"blame/human-error": "fatal"}}, "use error, warning or info"),
        ({"required-action-fields": ["deadline"]}, r"unknown \['deadline'\]"),
        ({"thresholds": {"min-factor": 2}}, "unknown threshold"),
        ({"thresholds": {"min-factors": -1}}, "non-negative"),
        ({"fail-on": "sometimes"}, "fail-on must be"),
        ({"required-sections": ["summary", "epilogue"]}, "required-sections"),
    ],
)
def test_typos_are_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config(table)


def test_severity_override_and_family_disable() -> None:
    louder = config({"severity": {"blame/human-error": "info"}})
    (finding,) = [f for f in lint_text(BLAMEFUL, louder) if f.rule == "blame/human-error"]
    assert finding.severity is Severity.INFO
    assert "blame/human-error" not in rule_ids(BLAMEFUL, settings={"disable": ["blame"]})
    assert "blame/human-error" not in rule_ids(BLAMEFUL, settings={"disable": ["blame/*"]})


def test_enable_turns_on_what_the_profile_leaves_off() -> None:
    text = "## Root cause\n\nThe root cause was DNS.\n"
    assert "causes/root-cause-language" not in rule_ids(text)
    on = {"enable": ["causes/root-cause-language"]}
    assert "causes/root-cause-language" in rule_ids(text, settings=on)


def test_required_sections_can_be_replaced() -> None:
    text = "# T\n\n## Summary\n\nA.\n"
    assert "structure/missing-section" in rule_ids(text)
    only_summary = {"required-sections": ["summary"]}
    assert "structure/missing-section" not in rule_ids(text, settings=only_summary)


def test_explicit_config_file(tmp_path: Path) -> None:
    path = tmp_path / "lint.toml"
    path.write_text('[lint]\nprofile = "learning-from-incidents"\n')
    loaded, sources = load_lint_config(tmp_path / "elsewhere", path)
    assert sources == [path]
    assert loaded.profile.name == "learning-from-incidents"
