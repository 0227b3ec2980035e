"""``--fix``: apply the safe, mechanical edits some findings carry.

Only rules that can be sure offer edits (declaring UTC when every time already is
UTC; rewriting a time with a fixed-offset zone in UTC). Edits on one line are applied
right to left so earlier columns stay valid; an edit overlapping another is skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from hotwash.lint.finding import Edit, Finding

__all__ = ["apply_fixes"]


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """``text`` with every fix applied, and how many findings were fixed."""
    by_line: dict[int, list[tuple[Edit, ...]]] = defaultdict(list)
    for finding in findings:
        if finding.fix:
            by_line[finding.fix[0].line].append(finding.fix)
    lines = text.split("\n")
    fixed = 0
    for number, fixes in by_line.items():
        if not 1 <= number <= len(lines):
            continue
        lines[number - 1], applied = _apply_line(lines[number - 1], fixes)
        fixed += applied
    return "\n".join(lines), fixed


def _apply_line(line: str, fixes: list[tuple[Edit, ...]]) -> tuple[str, int]:
    applied, leftmost = 0, len(line) + 2
    for fix in sorted(fixes, key=lambda f: f[0].start, reverse=True):
        edit = fix[0]
        if len(fix) != 1 or edit.end > leftmost or edit.end > len(line) + 1:
            continue
        line = line[: edit.start - 1] + edit.text + line[edit.end - 1 :]
        leftmost = edit.start
        applied += 1
    return line, applied
