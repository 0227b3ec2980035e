"""Output formats: human (file:line:col, rule id, hint), JSON, GitHub Actions annotations.

SARIF is in :mod:`hotwash.lint.sarif`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from hotwash.lint.finding import Finding, Severity

__all__ = ["github", "human", "json_findings", "summary"]


def human(findings: Sequence[Finding]) -> str:
    return "".join(
        f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.message}"
        + (f" (hint: {f.hint})" if f.hint else "")
        + (" [fixable]" if f.fix else "")
        + "\n"
        for f in findings
    )


def summary(findings: Sequence[Finding], files: int) -> str:
    counts = Counter(f.severity for f in findings)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    detail = f" ({', '.join(parts)})" if parts else ""
    noun = "file" if files == 1 else "files"
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}{detail} in {files} {noun}"


def json_findings(findings: Sequence[Finding]) -> str:
    return json.dumps([f.as_json() for f in findings], indent=2) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    """One ``::error file=...,line=...,col=...,title=...::message`` line per finding."""
    return "".join(
        f"::{_GITHUB_LEVEL[f.severity]} file={_escape_property(f.file)},line={f.line},"
        f"col={f.column},title={_escape_property(f.rule)}::"
        f"{_escape_data(f.message + (f' (hint: {f.hint})' if f.hint else ''))}\n"
        for f in findings
    )
