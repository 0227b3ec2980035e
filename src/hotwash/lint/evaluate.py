"""Precision and recall of the linter on an annotated corpus.

A corpus file marks each finding it should produce with a comment on that line,
``<!-- expect: rule-id, other-rule -->``, or a few lines above it with
``<!-- expect+2: rule-id -->`` (for lines that cannot hold a comment, such as
inside a code block). Findings are compared as (file, line, rule): several findings
of one rule on one line count once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hotwash.lint.config import LintConfig
from hotwash.lint.engine import lint_text

__all__ = ["Score", "expected_findings", "score_corpus"]

_EXPECT = re.compile(r"<!--\s*expect(?:\+(\d+))?:\s*([^>]*?)\s*-->")

Key = tuple[str, int, str]  # file, line, rule


def expected_findings(text: str, name: str) -> set[Key]:
    expected = set()
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _EXPECT.finditer(line):
            target = number + int(match.group(1) or 0)
            expected |= {(name, target, rule.strip()) for rule in match.group(2).split(",")}
    return expected


@dataclass
class Score:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    misses: list[Key] = field(default_factory=list)
    extras: list[Key] = field(default_factory=list)

    def add(self, expected: set[Key], found: set[Key]) -> None:
        for key in expected & found:
            self.true_positive[key[2]] += 1
        for key in sorted(found - expected):
            self.false_positive[key[2]] += 1
            self.extras.append(key)
        for key in sorted(expected - found):
            self.false_negative[key[2]] += 1
            self.misses.append(key)

    def precision(self, group: str | None = None) -> float:
        tp, fp = self._count(self.true_positive, group), self._count(self.false_positive, group)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, group: str | None = None) -> float:
        tp, fn = self._count(self.true_positive, group), self._count(self.false_negative, group)
        return tp / (tp + fn) if tp + fn else 1.0

    @staticmethod
    def _count(counter: Counter[str], group: str | None) -> int:
        """All rules, one family (``blame``) or one rule (``blame/human-error``)."""
        return sum(n for rule, n in counter.items() if group is None or rule == group
                   or rule.split("/")[0] == group)  # fmt: skip

    @property
    def rules(self) -> list[str]:
        return sorted(set(self.true_positive) | set(self.false_positive) | set(self.false_negative))


def score_corpus(files: Iterable[Path], config: LintConfig | None = None) -> Score:
    score = Score()
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.name
        found = {(name, f.line, f.rule) for f in lint_text(text, config, str(path))}
        score.add(expected_findings(text, name), found)
    return score
