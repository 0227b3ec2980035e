"""The annotated corpus: good postmortems stay clean, seeded violations are all found."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotwash.lint import REGISTRY, LintConfig, lint_text
from hotwash.lint.evaluate import expected_findings, score_corpus

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "postmortems"
FILES = sorted(CORPUS.rglob("*.md"))


GOOD = [p for p in FILES if p.parent.name in {"good", "tricky"} or p.name.startswith("good-")]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_postmortems_have_no_findings(path: Path) -> None:
    found = lint_text(path.read_text(encoding="utf-8"), LintConfig(), str(path))
    assert [(f.line, f.rule, f.message) for f in found] == []


# Known limitation, kept in the corpus on purpose: "Document" is also a verb, so the noun
# phrase "Document count sanity check ..." passes as an imperative.
KNOWN_MISSES = [("bad-actions-table.md", 28, "actions/not-a-verb")]


def test_precision_and_recall_on_the_corpus() -> None:
    score = score_corpus(FILES)
    assert score.extras == []
    assert score.misses == KNOWN_MISSES
    assert score.precision() == 1.0
    assert score.recall() >= 0.98


def test_every_rule_is_seeded_in_the_corpus() -> None:
    seeded = set()
    for path in FILES:
        seeded |= {rule for _, _, rule in expected_findings(path.read_text(), path.name)}
    assert seeded == set(REGISTRY)


def test_expectations_parse() -> None:
    text = "a <!-- expect: blame/x, blame/y -->\nb <!-- expect+2: structure/z -->\n"
    assert expected_findings(text, "f") == {
        ("f", 1, "blame/x"),
        ("f", 1, "blame/y"),
        ("f", 4, "structure/z"),
    }
