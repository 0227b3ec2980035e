"""Precision and recall of ``hotwash lint`` on the annotated corpus: ``[DIR]``.

DIR defaults to tests/fixtures/postmortems. Prints per rule, per family and overall,
then every missed and every unexpected finding.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hotwash.lint.evaluate import Score, score_corpus

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "postmortems"


def _row(label: str, score: Score, group: str | None) -> str:
    tp = Score._count(score.true_positive, group)
    fp = Score._count(score.false_positive, group)
    fn = Score._count(score.false_negative, group)
    return (
        f"{label:40} {score.precision(group):9.2f} {score.recall(group):7.2f} "
        f"{tp:4d} {fp:4d} {fn:4d}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.md"))
    score = score_corpus(files)
    print(f"{len(files)} postmortems in {args.corpus}\n")
    print(f"{'rule':40} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for rule in score.rules:
        print(_row(rule, score, rule))
    print()
    for family in sorted({rule.split("/")[0] for rule in score.rules}):
        print(_row(f"family {family}", score, family))
    print(_row("overall", score, None))
    for file, line, rule in score.misses:
        print(f"missed:     {file}:{line} {rule}")
    for file, line, rule in score.extras:
        print(f"unexpected: {file}:{line} {rule}")


if __name__ == "__main__":
    main()
