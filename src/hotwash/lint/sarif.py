"""SARIF 2.1.0 output, for code-scanning UIs (GitHub code scanning, IDE viewers)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath

from hotwash.lint.finding import Finding, Severity
from hotwash.lint.rule import REGISTRY

__all__ = ["sarif"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The rule pages ship in the source tree, not at a URL: the help text names the page.
DOCS = "docs/lint/"


def _version() -> str:
    try:
        return version("hotwash")
    except PackageNotFoundError:  # running from a source tree
        return "0"


def doc_page(rule_id: str) -> str:
    return rule_id.replace("/", "-") + ".md"


def _rules() -> list[dict[str, object]]:
    return [
        {
            "id": rule.id,
            "name": rule.id.replace("/", "-"),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.hint} (see {DOCS}{doc_page(rule.id)})"},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in REGISTRY.values()
    ]


def _result(finding: Finding, index: dict[str, int]) -> dict[str, object]:
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": PurePath(finding.file).as_posix()},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }


def sarif(findings: Sequence[Finding]) -> str:
    index = {rule_id: i for i, rule_id in enumerate(REGISTRY)}
    driver = {
        "name": "hotwash-lint",
        "version": _version(),
        "rules": _rules(),
    }
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": [_result(f, index) for f in findings]}],
    }
    return json.dumps(log, indent=2) + "\n"
