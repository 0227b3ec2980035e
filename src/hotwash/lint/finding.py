"""What a rule reports: a finding at a file position, with a severity, a hint and maybe a fix."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Edit", "Finding", "Severity"]


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: info 1, warning 2, error 3."""
        return {"info": 1, "warning": 2, "error": 3}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace columns ``start``..``end`` (1-based, end exclusive) of ``line`` with ``text``."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    hint: str = ""
    fix: tuple[Edit, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "fixable": bool(self.fix),
        }
