"""Helpers for the lint tests: lint a snippet with chosen rules, settings or profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from hotwash.lint import REGISTRY, Finding, LintConfig, lint_text
from hotwash.lint.config import config_from_table


def config(settings: Mapping[str, Any] | None = None, roster: tuple[str, ...] = ()) -> LintConfig:
    return config_from_table(settings or {}, REGISTRY, where="test", roster=roster)


def findings(text: str, *rules: str, settings: Mapping[str, Any] | None = None) -> list[Finding]:
    """Findings of ``rules`` (all when none are named) on ``text``."""
    chosen = config(settings)
    if rules:
        chosen = replace(chosen, enabled=chosen.enabled | set(rules))
    found = lint_text(text, chosen)
    return [f for f in found if not rules or f.rule in rules]


def rule_ids(text: str, *rules: str, settings: Mapping[str, Any] | None = None) -> set[str]:
    return {f.rule for f in findings(text, *rules, settings=settings)}


def lines_of(text: str, rule: str, settings: Mapping[str, Any] | None = None) -> list[int]:
    return [f.line for f in findings(text, rule, settings=settings)]
