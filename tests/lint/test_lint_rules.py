"""Every rule: its documented violating example is reported, its fixed example is not."""

from __future__ import annotations

import pytest
from lintrun import findings

from hotwash.lint import REGISTRY, Severity

RULES = sorted(REGISTRY)


def test_rule_ids_are_stable_and_well_formed() -> None:
    families = {"blame", "causes", "actions", "timeline", "delays", "impact", "structure"}
    for rule_id, rule in REGISTRY.items():
        family, _, name = rule_id.partition("/")
        assert family in families
        assert name
        assert name == name.lower()
        assert " " not in name
        assert isinstance(rule.severity, Severity)
        assert rule.why
        assert rule.hint
        assert rule.title


@pytest.mark.parametrize("rule_id", RULES)
def test_violating_example_is_reported(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    found = findings(rule.bad, rule_id, settings=rule.settings)
    assert found, f"{rule_id} misses its own violating example"
    assert all(f.severity is rule.severity for f in found)
    assert all(f.hint == rule.hint for f in found)


@pytest.mark.parametrize("rule_id", RULES)
def test_fixed_example_is_clean(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert findings(rule.good, rule_id, settings=rule.settings) == []


def test_every_family_of_the_issue_has_rules() -> None:
    wanted = {
        "blame/named-person-as-cause", "blame/human-error", "blame/counterfactual",
        "blame/judgemental-language", "blame/group-blame", "causes/too-few-factors",
        "causes/trigger-not-separated", "causes/stops-at-person", "actions/missing",
        "actions/not-a-verb", "actions/vague", "actions/no-owner", "actions/no-due-date",
        "actions/no-priority", "actions/no-success-criterion", "actions/no-ticket",
        "actions/equal-priorities", "actions/targets-person", "actions/no-item-per-factor",
        "actions/no-detect-item", "timeline/no-utc", "timeline/non-utc-zone",
        "timeline/out-of-order", "timeline/midnight-without-date", "timeline/placeholder-time",
        "timeline/no-milestones", "timeline/starts-at-impact", "timeline/fix-or-judgement",
        "delays/not-stated", "delays/mismatch", "impact/not-quantified",
        "structure/missing-section", "structure/section-length", "structure/no-owner",
        "structure/no-status", "structure/template-leftover", "structure/placeholder",
        "structure/pasted-dump", "structure/secret-or-personal-data",
        "causes/root-cause-language", "causes/linear-five-whys",
    }  # fmt: skip
    assert wanted <= set(REGISTRY)
