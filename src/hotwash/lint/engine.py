"""Run every enabled rule over a document and turn hits into findings.

A hit is dropped when an inline comment disables its rule there, or when it sits on
text that still holds a placeholder (a line with ``[TODO: ...]``, or the heading of a
section that has one): the placeholder is reported, and judging the unfinished text
around it would only be noise.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import hotwash.lint.rules  # noqa: F401  (registers the rules)
from hotwash.lint.config import LintConfig
from hotwash.lint.context import LintContext
from hotwash.lint.finding import Finding
from hotwash.lint.profiles import PROFILES
from hotwash.lint.rule import REGISTRY, Hit, Rule
from hotwash.lint.suppress import Suppressions
from hotwash.postmortem import Document, parse_document, read_document

__all__ = ["PLACEHOLDER_RULES", "lint_document", "lint_file", "lint_text", "profile_for"]

# Rules that report unfinished text themselves; they are never silenced by it.
PLACEHOLDER_RULES = frozenset(
    {"structure/placeholder", "timeline/placeholder-time", "structure/template-leftover"}
)


def lint_text(text: str, config: LintConfig | None = None, path: str = "<text>") -> list[Finding]:
    return lint_document(parse_document(text, path), config or LintConfig())


def lint_file(path: Path, config: LintConfig | None = None) -> list[Finding]:
    """Lint one file (opened read-only); ``OSError`` propagates for the caller to report."""
    return lint_document(read_document(path), config or LintConfig())


_PROFILE = re.compile(r"^hotwash:\s*profile\s*=\s*([\w-]+)\s*$")


def profile_for(document: Document, config: LintConfig) -> LintConfig:
    """``config`` with the profile a ``<!-- hotwash: profile=NAME -->`` comment asks for."""
    for comment in document.comments:
        match = _PROFILE.match(comment.text)
        if match and match.group(1) in PROFILES:
            return replace(config, profile=PROFILES[match.group(1)])
    return config


def lint_document(document: Document, config: LintConfig) -> list[Finding]:
    config = profile_for(document, config)
    context = LintContext(document, config)
    suppressions = Suppressions.of(document)
    unfinished = _unfinished_lines(context)
    findings: dict[tuple[str, int, int, str], Finding] = {}
    for rule in REGISTRY.values():
        if not config.is_enabled(rule.id):
            continue
        for hit in rule.run(context):
            if suppressions.covers(rule.id, hit.line):
                continue
            if rule.id not in PLACEHOLDER_RULES and not hit.whole and hit.line in unfinished:
                continue
            key = (rule.id, hit.line, hit.column, hit.message)
            findings.setdefault(key, _finding(document, rule, hit, config))
    return sorted(findings.values(), key=lambda f: (f.line, f.column, f.rule))


def _unfinished_lines(context: LintContext) -> frozenset[int]:
    headings = {s.line for s in context.document.walk() if context.is_pending(s)}
    return context.pending_lines | headings


def _finding(document: Document, rule: Rule, hit: Hit, config: LintConfig) -> Finding:
    # A finding about the whole document points at its title, when it has one.
    title = document.title
    line, column = (title.line, title.column) if hit.whole and title else (hit.line, hit.column)
    return Finding(
        file=document.path,
        line=line,
        column=column,
        rule=rule.id,
        severity=config.severity_of(rule.id, rule.severity),
        message=hit.message,
        hint=rule.hint,
        fix=hit.fix,
    )
