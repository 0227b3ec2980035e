"""A regex dialect that means the same thing to Python's ``re`` and to polars.

Redaction runs on single strings with :mod:`re` and on whole columns with polars,
whose engine is Rust's ``regex`` crate. Both pick the same leftmost-first match for
the same pattern, but their shorthands disagree on non-ASCII text (``\\w``, ``\\d``,
``\\s``, case folding) and the Rust engine has no look-around. So rules are written in
a small shared subset, checked here, and spelled for each engine:

* character classes are explicit ASCII (``[A-Za-z0-9_]``), never ``\\w \\d \\s``;
* no ``(?i)``: case-insensitive words are spelled ``[Pp][Aa]...`` (see :func:`anycase`);
* no look-around, no ``$``; ``\\b`` is an ASCII word boundary and ``\\Z`` the end of text;
* context a rule must see but keep is captured in named groups and re-emitted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Constructs whose meaning differs between the engines, or that polars rejects.
_FORBIDDEN = re.compile(r"\\[wWdDsS]|\(\?[aiLmux]|\(\?<?[=!]|(?<!\\)\$")


def anycase(word: str) -> str:
    """``password`` -> ``[Pp][Aa]...``: ASCII-only case-insensitivity both engines agree on."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


@dataclass(frozen=True)
class Rule:
    """One thing to mask: a portable pattern, and the named groups to keep around the label."""

    kind: str
    pattern: str
    keep_before: tuple[str, ...] = ()
    keep_after: tuple[str, ...] = ()
    # A rule that consumes trailing context can hide an adjacent match; run it to a fixpoint.
    repeat: bool = False
    # Lower-case substrings one of which every match contains: a cheap pre-check for one string.
    hints: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledRule:
    """A :class:`Rule` spelled for both engines, with the same replacement."""

    kind: str
    python: re.Pattern[str]
    python_replacement: str
    polars_pattern: str
    polars_replacement: str
    repeat: bool
    hints: tuple[str, ...]

    def may_match(self, lowered: str) -> bool:
        return not self.hints or any(hint in lowered for hint in self.hints)


def label(kind: str) -> str:
    """The text that replaces a secret of ``kind``; it says what was removed."""
    return f"[REDACTED:{kind}]"


def compile_rule(rule: Rule) -> CompiledRule:
    """Check ``rule`` stays inside the shared dialect and spell it for ``re`` and polars."""
    bad = _FORBIDDEN.search(rule.pattern)
    if bad:
        raise ValueError(f"rule {rule.kind!r} uses {bad.group()!r}, outside the portable dialect")
    text = label(rule.kind)
    python_replacement = _template(rule, text, lambda group: rf"\g<{group}>")
    polars_replacement = _template(rule, text, lambda group: f"${{{group}}}")
    polars_pattern = rule.pattern.replace(r"\b", r"(?-u:\b)").replace(r"\Z", r"\z")
    return CompiledRule(
        kind=rule.kind,
        python=re.compile(rule.pattern, re.ASCII),
        python_replacement=python_replacement,
        polars_pattern=polars_pattern,
        polars_replacement=polars_replacement,
        repeat=rule.repeat,
        hints=rule.hints,
    )


def _template(rule: Rule, text: str, reference: Callable[[str], str]) -> str:
    before = "".join(reference(group) for group in rule.keep_before)
    after = "".join(reference(group) for group in rule.keep_after)
    return f"{before}{text}{after}"
