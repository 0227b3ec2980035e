"""Inline directives, profile directives, and placeholders silencing the rest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lintrun import lines_of, rule_ids

from hotwash.lint import LintConfig, lint_text
from hotwash.lint.profiles import PROFILES

TWO = "The outage was caused by human error.\n"


def test_disable_for_the_next_block_only() -> None:
    text = f"## Analysis\n\n<!-- hotwash: disable=blame/human-error -->\n{TWO}\nAgain: {TWO}"
    assert lines_of(text, "blame/human-error") == [6]


def test_disable_on_the_same_line() -> None:
    text = f"## Analysis\n\n- {TWO.strip()} <!-- hotwash: disable=blame -->\n- {TWO}"
    assert lines_of(text, "blame/human-error") == [4]


def test_disable_before_a_heading_covers_the_section() -> None:
    text = (
        f"<!-- hotwash: disable=blame/human-error, actions -->\n## Analysis\n\n{TWO}\n"
        f"### More\n\n{TWO}\n## Other\n\n{TWO}"
    )
    assert lines_of(text, "blame/human-error") == [12]


def test_disable_file_and_all() -> None:
    assert (
        lines_of(f"<!-- hotwash: disable-file=all -->\n\n{TWO}\n{TWO}", "blame/human-error") == []
    )


def test_directives_in_code_are_examples() -> None:
    text = f"```\n<!-- hotwash: disable-file=all -->\n```\n\n{TWO}"
    assert lines_of(text, "blame/human-error") == [5]


def test_profile_directive() -> None:
    text = "<!-- hotwash: profile=learning-from-incidents -->\n## Root cause\n\nDNS.\n"
    assert "causes/root-cause-language" in rule_ids(text)


def test_placeholders_silence_other_rules_on_their_line_and_section() -> None:
    text = (
        "## Contributing factors\n\n- [TODO: the factors from the review]\n\n"
        "## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
        "| [TODO: action starting with a verb] | [TODO: owner] | TBD |\n"
    )
    found = {(f.rule, f.line) for f in lint_text(text, LintConfig())}
    judged = {rule for rule, _ in found if rule != "structure/placeholder"}
    assert not judged & {"causes/too-few-factors", "actions/no-owner", "actions/no-due-date",
                         "actions/not-a-verb", "actions/missing"}  # fmt: skip
    assert ("structure/placeholder", 3) in found
    assert ("structure/placeholder", 9) in found


DRAFTS = Path(__file__).resolve().parents[1] / "fixtures" / "drafts"


# Each template's draft under its own profile, and every draft under the default one.
PROFILE_OF = {"four-section.md": "four-section", "google-sre.md": "google"}


def test_fresh_drafts_report_only_placeholders() -> None:
    drafts = sorted(DRAFTS.glob("*.md"))
    assert drafts, "the drafting fixtures are missing"
    for draft in drafts:
        text = draft.read_text(encoding="utf-8")
        for profile in {"default", PROFILE_OF.get(draft.name, "default")}:
            found = lint_text(text, replace(LintConfig(), profile=PROFILES[profile]), str(draft))
            assert found, draft
            assert {f.rule for f in found} == {"structure/placeholder"}, (draft, profile)
