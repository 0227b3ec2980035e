"""Rules: a stable id, a default severity, the reasoning and examples its docs page shows,
and a check that looks at one document and yields hits.

Rules register themselves with :func:`rule`; the registry is filled when
:mod:`hotwash.lint.rules` is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hotwash.lint.finding import Edit, Severity
from hotwash.postmortem import Span

if TYPE_CHECKING:
    from hotwash.lint.context import LintContext

__all__ = ["REGISTRY", "Hit", "Rule", "rule"]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's report before the engine adds the file, rule id and severity."""

    line: int
    column: int
    message: str
    fix: tuple[Edit, ...] = ()
    # About the whole document (a missing section or field), not the text at line:column.
    whole: bool = False

    @classmethod
    def at(cls, span: Span, offset: int, message: str) -> Hit:
        line, column = span.position(offset)
        return cls(line, column, message)

    @classmethod
    def document(cls, message: str) -> Hit:
        return cls(1, 1, message, whole=True)


Check = Callable[["LintContext"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str
    why: str
    hint: str
    bad: str
    good: str
    check: Check
    fixable: bool = False
    # Lint settings (a [tool.hotwash.lint] table) under which the examples apply.
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.id.split("/", 1)[0]

    def run(self, context: LintContext) -> Iterator[Hit]:
        yield from self.check(context)


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    severity: Severity,
    title: str,
    *,
    why: str,
    hint: str,
    bad: str,
    good: str,
    fixable: bool = False,
    settings: Mapping[str, Any] | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated check under ``rule_id``; ids are stable, never reused."""

    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"duplicate lint rule id {rule_id}")
        REGISTRY[rule_id] = Rule(
            rule_id, severity, title, why, hint, bad, good, check, fixable, dict(settings or {})
        )
        return check

    return register
