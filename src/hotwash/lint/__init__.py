"""``hotwash lint``: checks a Markdown postmortem the way an experienced reviewer does."""

from hotwash.lint.config import LintConfig
from hotwash.lint.engine import lint_document, lint_file, lint_text
from hotwash.lint.finding import Edit, Finding, Severity
from hotwash.lint.rule import REGISTRY, Rule

__all__ = [
    "REGISTRY",
    "Edit",
    "Finding",
    "LintConfig",
    "Rule",
    "Severity",
    "lint_document",
    "lint_file",
    "lint_text",
]
