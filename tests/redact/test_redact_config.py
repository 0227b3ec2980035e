"""Configuration of what is masked, the portable dialect's guard, and the report line."""

from __future__ import annotations

import pytest

from hotwash.errors import ConfigError
from hotwash.redact import ALL_KINDS, RedactionConfig, Redactor, redaction_report
from hotwash.redact.dialect import Rule, compile_rule

SAMPLE = "ana@example.com used token=abc from 10.1.2.3"


def test_defaults_mask_secrets_and_emails_but_not_ips() -> None:
    kinds = RedactionConfig().kinds
    assert "email" in kinds
    assert "github-token" in kinds
    assert "ipv4" not in kinds
    assert "ipv6" not in kinds
    assert (
        Redactor().redact(SAMPLE) == "[REDACTED:email] used token=[REDACTED:secret] from 10.1.2.3"
    )


def test_each_group_can_be_switched() -> None:
    no_emails = Redactor(RedactionConfig(emails=False, ip_addresses=True))
    assert (
        no_emails.redact(SAMPLE)
        == "ana@example.com used token=[REDACTED:secret] from [REDACTED:ipv4]"
    )
    no_secrets = Redactor(RedactionConfig(secrets=False))
    assert no_secrets.redact(SAMPLE) == "[REDACTED:email] used token=abc from 10.1.2.3"


def test_single_kinds_can_be_disabled() -> None:
    config = RedactionConfig(ip_addresses=True, disabled=frozenset({"secret", "ipv6"}))
    assert "secret" not in config.kinds
    assert "ipv6" not in config.kinds
    assert "ipv4" in config.kinds
    assert Redactor(config).redact(SAMPLE) == "[REDACTED:email] used token=abc from [REDACTED:ipv4]"


def test_unknown_kinds_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown redaction kind"):
        RedactionConfig(disabled=frozenset({"passwords"}))


def test_from_mapping_reads_a_toml_table() -> None:
    config = RedactionConfig.from_mapping({"ip_addresses": True, "disabled": ["jwt"]})
    assert config == RedactionConfig(ip_addresses=True, disabled=frozenset({"jwt"}))
    assert RedactionConfig.from_mapping({}) == RedactionConfig()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"ips": True}, "unknown redaction setting"),
        ({"emails": "yes"}, "must be true or false"),
        ({"disabled": "jwt"}, "must be a list"),
        ({"disabled": ["nope"]}, "unknown redaction kind"),
    ],
)
def test_from_mapping_rejects_bad_tables(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        RedactionConfig.from_mapping(table)


def test_every_kind_is_documented() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "redaction.md").read_text()
    missing = [kind for kind in ALL_KINDS if f"`{kind}`" not in page]
    assert missing == []


@pytest.mark.parametrize("construct", [r"\w+", r"\d", r"\s", "(?i)x", "a(?=b)", "(?<!a)b", "a$"])
def test_constructs_the_engines_disagree_on_are_refused(construct: str) -> None:
    with pytest.raises(ValueError, match="portable dialect"):
        compile_rule(Rule("x", construct))


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ({"email": 3, "github-token": 1}, "redacted 3 emails, 1 github-token"),
        ({"ipv4": 2, "ipv6": 1, "email": 0}, "redacted 2 ipv4 addresses, 1 ipv6 address"),
        ({"secret": 2, "password": 2}, "redacted 2 passwords, 2 secrets"),
        ({}, "nothing redacted"),
    ],
)
def test_report_line(counts: dict[str, int], line: str) -> None:
    assert redaction_report(counts) == line


def test_report_of_a_redactors_counts() -> None:
    redactor = Redactor()
    redactor.redact("a@example.com b@example.com ghp_" + "x" * 36)
    assert redaction_report(redactor.counts) == "redacted 2 emails, 1 github-token"


def test_the_package_example_holds() -> None:
    import doctest

    import hotwash.redact

    assert doctest.testmod(hotwash.redact).failed == 0
