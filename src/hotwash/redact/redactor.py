"""The redactor: masks secrets and personal data in one string or in a whole column.

Both paths apply the same rules in the same order (see :mod:`hotwash.redact.dialect`
for why they agree), and both add what they masked to :attr:`Redactor.counts`.
"""

from __future__ import annotations

from collections import Counter

import polars as pl

from hotwash.redact.config import RedactionConfig
from hotwash.redact.dialect import CompiledRule, compile_rule

# Masking one secret can expose another (``AKIA...`` glued to a ``gho_`` token only has
# a word boundary once the token is gone), so the rules run again over whatever
# changed until nothing does; in practice the second pass finds nothing. The cap is a
# guard: a pass after the cap could only find text created by labels, and none is.
MAX_PASSES = 4


class Redactor:
    """Masks what ``config`` asks for; ``counts`` says how many of each kind, so far."""

    def __init__(self, config: RedactionConfig | None = None) -> None:
        self.config = config or RedactionConfig()
        self.rules: tuple[CompiledRule, ...] = tuple(map(compile_rule, self.config.rules()))
        self.counts: Counter[str] = Counter()

    def redact(self, text: str) -> str:
        """``text`` with every secret and chosen personal datum replaced by a label."""
        for _ in range(MAX_PASSES):
            before = text
            text = self._pass(text)
            if text == before:
                break
        return text

    def redact_series(self, series: pl.Series) -> pl.Series:
        """The same as :meth:`redact` on every element, vectorised; nulls stay null."""
        texts = series.cast(pl.String)
        rows = pl.int_range(0, len(texts), dtype=pl.UInt32, eager=True)
        for _ in range(MAX_PASSES):
            pending = texts.gather(rows)
            done = self._pass_series(pending)
            changed = done.ne_missing(pending)
            if not changed.any():
                break
            texts = texts.scatter(rows.filter(changed), done.filter(changed))
            rows = rows.filter(changed)
        return texts

    def _pass(self, text: str) -> str:
        lowered = text.lower()
        for rule in self.rules:
            if rule.may_match(lowered):
                masked = self._apply(rule, text)
                if masked != text:
                    text, lowered = masked, masked.lower()
        return text

    def _pass_series(self, texts: pl.Series) -> pl.Series:
        for rule in self.rules:
            texts = self._apply_series(rule, texts)
        return texts

    def _apply(self, rule: CompiledRule, text: str) -> str:
        while True:
            text, found = rule.python.subn(rule.python_replacement, text)
            self._count(rule.kind, found)
            if not (found and rule.repeat):
                return text

    def _apply_series(self, rule: CompiledRule, texts: pl.Series) -> pl.Series:
        while True:
            # Counted before replacing: replace_all does not say how many it replaced.
            found = int(texts.str.count_matches(rule.polars_pattern).sum())
            if not found:
                return texts
            texts = texts.str.replace_all(rule.polars_pattern, rule.polars_replacement)
            self._count(rule.kind, found)
            if not rule.repeat:
                return texts

    def _count(self, kind: str, found: int) -> None:
        if found:
            self.counts[kind] += found
