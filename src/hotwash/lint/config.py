"""Lint configuration: a profile, then the team's changes to it.

A ``[tool.hotwash.lint]`` table (in ``pyproject.toml`` or ``hotwash.toml``; ``[lint]``
also works in ``hotwash.toml``) may hold::

    profile = "four-section"   # default | four-section | google | learning-from-incidents
    disable = ["timeline/no-milestones", "structure"]   # rule ids or whole families
    enable = ["causes/root-cause-language"]            # rules the profile leaves off
    fail-on = "warning"                   # error | warning | info | never
    required-action-fields = ["owner", "due", "done-when"]
    required-sections = ["summary", "timeline", "causes", "actions"]
    roster = ["Dana Kim", "@lee"]         # names to treat as people (plus [team] members)

    [tool.hotwash.lint.severity]
    "blame/counterfactual" = "error"

    [tool.hotwash.lint.thresholds]
    min-factors = 3
    max-factors = 5
    detection-delay-minutes = 10
    delay-tolerance-minutes = 2
    max-pasted-lines = 15
    counterfactual-any-subject = true
    summary-min-words = 50
    summary-max-words = 150
    summary-max-sentences = 3

Unknown keys, rule ids, families and values are errors: a typo must not silently
switch a check off.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from hotwash.errors import ConfigError
from hotwash.lint.finding import Severity
from hotwash.lint.profiles import PROFILES, Profile, SectionCap, Thresholds
from hotwash.postmortem import Family

__all__ = ["ACTION_FIELDS", "LintConfig", "config_from_table"]

ACTION_FIELDS = ("owner", "due", "priority", "type", "done_when", "ticket")
_KEYS = {
    "profile", "disable", "enable", "fail_on", "required_action_fields",
    "required_sections", "roster", "severity", "thresholds",
}  # fmt: skip
_THRESHOLDS = {
    "min_factors": int,
    "max_factors": int,
    "detection_delay_minutes": float,
    "delay_tolerance_minutes": float,
    "max_pasted_lines": int,
    "counterfactual_any_subject": bool,
}
_CAPS = {"summary_min_words": "min_words", "summary_max_words": "max_words",
         "summary_max_sentences": "max_sentences"}  # fmt: skip


@dataclass(frozen=True)
class LintConfig:
    profile: Profile = PROFILES["default"]
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    required_fields: frozenset[str] | None = None
    required_sections: tuple[tuple[Family, ...], ...] | None = None
    # Changes to the profile's thresholds, applied to whichever profile is in force.
    threshold_changes: Mapping[str, Any] = field(default_factory=dict)
    roster: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.WARNING

    @property
    def action_fields(self) -> frozenset[str]:
        return (
            self.profile.required_fields if self.required_fields is None else self.required_fields
        )

    @property
    def sections(self) -> tuple[tuple[Family, ...], ...]:
        wanted = self.required_sections
        return self.profile.required_sections if wanted is None else wanted

    @cached_property
    def limits(self) -> Thresholds:
        base = self.profile.thresholds
        changes = dict(self.threshold_changes)
        cap = replace(base.caps.get(Family.SUMMARY, SectionCap()), **changes.pop("summary", {}))
        caps = {**base.caps, Family.SUMMARY: cap} if cap != SectionCap() else base.caps
        return replace(base, caps=caps, **changes)

    def is_enabled(self, rule_id: str) -> bool:
        names = {rule_id, rule_id.split("/", 1)[0]}
        if names & self.disabled:
            return False
        return rule_id in self.enabled or rule_id not in self.profile.off

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return self.severities.get(rule_id, default)


def _key(name: str) -> str:
    return name.replace("-", "_")


def config_from_table(
    table: Mapping[str, Any], known_rules: Collection[str], *, where: str, roster: tuple[str, ...]
) -> LintConfig:
    """Validate a lint table (``where`` names it in errors) against the known rule ids."""
    values = {_key(k): v for k, v in table.items()}
    unknown = sorted(set(values) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown lint setting(s): {', '.join(unknown)}")
    profile = _profile(values.get("profile", "default"), where)
    known = set(known_rules) | {rule_id.split("/", 1)[0] for rule_id in known_rules}
    return LintConfig(
        profile=profile,
        disabled=_rule_names(values.get("disable", []), known, f"{where}.disable"),
        enabled=_rule_names(values.get("enable", []), known, f"{where}.enable"),
        severities=_severities(values.get("severity", {}), known_rules, where),
        required_fields=_fields(values.get("required_action_fields"), where),
        required_sections=_sections(values.get("required_sections"), where),
        threshold_changes=_thresholds(values.get("thresholds", {}), where),
        roster=roster + tuple(_strings(values.get("roster", []), f"{where}.roster")),
        fail_on=fail_level(values.get("fail_on", "warning"), where),
    )


def fail_level(value: object, where: str) -> Severity | None:
    """``error``/``warning``/``info`` or ``never`` (no finding fails the run)."""
    if value == "never":
        return None
    try:
        return Severity(str(value))
    except ValueError:
        raise ConfigError(f"{where}: fail-on must be error, warning, info or never") from None


def _profile(value: object, where: str) -> Profile:
    if value not in PROFILES:
        known = ", ".join(PROFILES)
        raise ConfigError(f"{where}: unknown lint profile {value!r}; known: {known}")
    return PROFILES[str(value)]


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return list(value)


def _rule_names(value: object, known: set[str], where: str) -> frozenset[str]:
    """Rule ids or family names (``blame`` or ``blame/*``), each of them known."""
    chosen = {name.removesuffix("/*") for name in _strings(value, where)}
    bad = sorted(chosen - known)
    if bad:
        raise ConfigError(f"{where}: unknown rule(s) or families: {', '.join(bad)}")
    return frozenset(chosen)


def _severities(value: object, known: Collection[str], where: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}.severity must be a table of rule id = severity")
    result = {}
    for rule_id, level in value.items():
        if rule_id not in known:
            raise ConfigError(f"{where}.severity: unknown rule {rule_id!r}")
        try:
            result[rule_id] = Severity(level)
        except ValueError:
            raise ConfigError(f"{where}.severity.{rule_id}: use error, warning or info") from None
    return result


def _fields(value: object, where: str) -> frozenset[str] | None:
    if value is None:
        return None
    chosen = {_key(name) for name in _strings(value, f"{where}.required-action-fields")}
    bad = sorted(chosen - set(ACTION_FIELDS))
    if bad:
        known = ", ".join(name.replace("_", "-") for name in ACTION_FIELDS)
        raise ConfigError(f"{where}.required-action-fields: unknown {bad}; known: {known}")
    return frozenset(chosen)


def _sections(value: object, where: str) -> tuple[tuple[Family, ...], ...] | None:
    if value is None:
        return None
    try:
        return tuple(
            tuple(Family(part.strip()) for part in name.split("|"))
            for name in _strings(value, f"{where}.required-sections")
        )
    except ValueError as error:
        known = ", ".join(f.value for f in Family)
        raise ConfigError(f"{where}.required-sections: {error}; known: {known}") from None


def _thresholds(value: object, where: str) -> dict[str, Any]:
    """Validated threshold changes; summary caps are collected under ``summary``."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}.thresholds must be a table")
    changes: dict[str, Any] = {}
    cap: dict[str, Any] = {}
    for raw, setting in value.items():
        name = _key(raw)
        if name in _CAPS:
            cap[_CAPS[name]] = _number(setting, int, f"{where}.thresholds.{raw}")
        elif name in _THRESHOLDS:
            changes[name] = _number(setting, _THRESHOLDS[name], f"{where}.thresholds.{raw}")
        else:
            raise ConfigError(f"{where}.thresholds: unknown threshold {raw!r}")
    return {**changes, "summary": cap} if cap else changes


def _number(value: object, kind: type, where: str) -> object:
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{where} must be a non-negative number")
    return kind(value)
