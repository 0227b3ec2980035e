"""Properties of the linter on arbitrary Markdown: it never fails, every finding points
inside the document, the result does not depend on anything but the text, and fixes
converge."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.lint import REGISTRY, LintConfig, lint_text
from hotwash.lint.fixes import apply_fixes

FRAGMENTS = [
    "# Postmortem",
    "## Timeline",
    "## Timeline (CEST)",
    "## Action items",
    "## Contributing factors",
    "## Impact",
    "**Owner:** Dana",
    "Status: Draft",
    "- 23:50 UTC **[impact start]** errors",
    "- 00:10 CEST **[detected]** alert",
    "- HH:mm ??",
    "| Time | Event | Actor |",
    "|---|---|---|",
    "| 14:05 | Dana forgot to check | Dana |",
    "- Improve monitoring (owner: , due: next quarter)",
    "- Add alert (owner: @lee, due: 2026-04-01, P1)",
    "Time to detect: 7 min. The outage lasted 45m.",
    "The root cause was human error!!!",
    "On-call failed to react. We should have known.",
    "<!-- hotwash: disable=blame -->",
    "<!-- hotwash: profile=four-section -->",
    "```",
    "password=hunter2 and dana@example.com",
    "[TODO: fill] {{ owner }} <fill in>",
    "",
]
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map(
    "\n".join
)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_lint_never_fails_and_points_inside_the_text(text: str) -> None:
    findings = lint_text(text, LintConfig())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for finding in findings:
        assert finding.rule in REGISTRY
        assert 1 <= finding.line <= len(lines)
        assert finding.column >= 1
    assert findings == lint_text(text, LintConfig())


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_fixes_converge_and_keep_line_count(text: str) -> None:
    text = text.replace("\r", "")
    for _ in range(4):
        findings = lint_text(text, LintConfig())
        fixed, count = apply_fixes(text, findings)
        assert fixed.count("\n") == text.count("\n")
        if not count:
            break
        text = fixed
    assert not [f for f in lint_text(text, LintConfig()) if f.fix] or count == 0
