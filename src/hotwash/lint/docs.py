"""The rule pages in ``docs/lint/``, written from the rules themselves.

Each rule's page shows its id, severity, why it exists, a violating example and a
fixed one: the same examples the tests lint, so a page cannot drift from what the
rule does. Regenerate with ``python -m hotwash.lint.docs docs/lint``; a test fails when
a page is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hotwash.lint.rules  # noqa: F401  (registers the rules)
from hotwash.lint.profiles import PROFILES, Profile
from hotwash.lint.rule import REGISTRY, Rule
from hotwash.lint.sarif import doc_page

__all__ = ["render_index", "render_rule", "write_docs"]

FAMILIES = {
    "blame": "Blame",
    "causes": "Causes",
    "actions": "Action items",
    "timeline": "Timeline",
    "delays": "Delays",
    "impact": "Impact",
    "structure": "Structure",
}


def _fence(text: str) -> str:
    return f"````markdown\n{text.rstrip()}\n````"


def _settings(rule: Rule) -> str:
    if not rule.settings:
        return ""
    pairs = ", ".join(f"{key} = {value!r}" for key, value in rule.settings.items())
    return f"The examples apply with these settings: `{pairs}`.\n\n"


def _profiles_with(rule: Rule) -> str:
    on = [name for name, profile in PROFILES.items() if rule.id not in profile.off]
    return ", ".join(f"`{name}`" for name in on) or "none (enable it in the configuration)"


def render_rule(rule: Rule) -> str:
    fixable = " It has a safe automatic fix (`hotwash lint --fix`)." if rule.fixable else ""
    return (
        f"# `{rule.id}`\n\n"
        f"**{rule.title}.**\n\n"
        f"- Severity: `{rule.severity.value}`\n"
        f"- Profiles: {_profiles_with(rule)}\n\n"
        f"## Why\n\n{rule.why}{fixable}\n\n"
        f"Hint: {rule.hint}.\n\n"
        f"{_settings(rule)}"
        f"## Violating example\n\n{_fence(rule.bad)}\n\n"
        f"## Fixed example\n\n{_fence(rule.good)}\n\n"
        f"Silence it in one place with `<!-- hotwash: disable={rule.id} -->`.\n"
    )


def _profile_row(profile: Profile) -> str:
    sections = "; ".join(" or ".join(f.value for f in group) for group in profile.required_sections)
    fields = ", ".join(sorted(profile.required_fields))
    limits = profile.thresholds
    factors = f"{limits.min_factors}" + (f"-{limits.max_factors}" if limits.max_factors else "+")
    off = ", ".join(f"`{rule_id}`" for rule_id in sorted(profile.off)) or "-"
    return f"| `{profile.name}` | {sections} | {fields} | {factors} | {off} |"


def render_index() -> str:
    lines = [
        "# Lint rules",
        "",
        "`hotwash lint` checks Markdown postmortems; see [the command](../commands/lint.md) for",
        "options, configuration, output formats and exit codes. Every rule has a stable id,",
        "a severity and a page with a violating and a fixed example.",
        "",
    ]
    for family, title in FAMILIES.items():
        lines += [f"## {title}", "", "| Rule | Severity | What it finds |", "|---|---|---|"]
        for rule in REGISTRY.values():
            if rule.family == family:
                page = doc_page(rule.id)
                lines.append(f"| [`{rule.id}`]({page}) | {rule.severity.value} | {rule.title} |")
        lines.append("")
    lines += [
        "## Profiles",
        "",
        "| Profile | Required sections | Required action-item fields | Factors | Rules off |",
        "|---|---|---|---|---|",
        *(_profile_row(profile) for profile in PROFILES.values()),
        "",
        "Section caps: `default` at most 6 summary sentences; `four-section` a Situation of",
        "50-150 words; `google` at most 3 summary sentences. `learning-from-incidents` also",
        "reports every counterfactual, whoever its subject.",
        "",
    ]
    return "\n".join(lines)


def write_docs(folder: Path) -> list[Path]:
    """Write ``index.md`` and one page per rule into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "index.md"]
    written[0].write_text(render_index(), encoding="utf-8")
    for rule in REGISTRY.values():
        path = folder / doc_page(rule.id)
        path.write_text(render_rule(rule), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/lint")):
        print(path)
