"""IP addresses (off by default) and PEM private keys, which span lines."""

from __future__ import annotations

import pytest

from hotwash.redact import RedactionConfig, Redactor

WITH_IPS = RedactionConfig(ip_addresses=True)

KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi1Z4uY1qXk0Z+3b8y
Ym5hbWUiOiJBZGEiLCJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2
-----END RSA PRIVATE KEY-----"""


def test_ips_are_kept_unless_enabled() -> None:
    text = "upstream 10.0.3.17:8080 and fe80::1 timed out"
    redactor = Redactor()
    assert redactor.redact(text) == text
    assert Redactor(WITH_IPS).redact(text) == (
        "upstream [REDACTED:ipv4]:8080 and [REDACTED:ipv6] timed out"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client=192.168.1.20 ok", "client=[REDACTED:ipv4] ok"),
        ("from 8.8.8.8.", "from [REDACTED:ipv4]."),
        ("xff: 1.2.3.4 5.6.7.8,9.9.9.9", "xff: [REDACTED:ipv4] [REDACTED:ipv4],[REDACTED:ipv4]"),
        ("255.255.255.0", "[REDACTED:ipv4]"),
        ("[2001:db8::8a2e:370:7334]:443", "[[REDACTED:ipv6]]:443"),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[REDACTED:ipv6]"),
        ("bind ::1 and fe80::a%eth0,", "bind [REDACTED:ipv6] and [REDACTED:ipv6],"),
        ("mapped ::ffff:10.1.2.3 here", "mapped [REDACTED:ipv6] here"),
        ("prefix 2001:db8:: only", "prefix [REDACTED:ipv6] only"),
    ],
)
def test_ip_addresses_when_enabled(text: str, expected: str) -> None:
    assert Redactor(WITH_IPS).redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "v2.14.0",
        "release 1.2.3",
        "OID 1.3.6.1.4.1.2021",
        "256.1.1.1 and 1.2.3.999",
        "01.02.03.04",
        "v1.2.3.4",
        "at 10:11:12 on 2024-05-01",
        "mac 00:1a:2b:3c:4d:5e",
        "Foo::Bar std::vector",
        "ratio 1:2",
    ],
)
def test_things_that_look_a_bit_like_ips_are_kept(text: str) -> None:
    assert Redactor(WITH_IPS).redact(text) == text


def test_a_multi_line_private_key_is_one_redaction() -> None:
    redactor = Redactor()
    text = f"loaded key:\n{KEY}\nthen started"
    assert redactor.redact(text) == "loaded key:\n[REDACTED:private-key]\nthen started"
    assert redactor.counts == {"private-key": 1}


def test_an_escaped_private_key_inside_json_is_masked() -> None:
    escaped = KEY.replace("\n", "\\n")
    text = f'{{"key": "{escaped}", "ok": true}}'
    assert Redactor().redact(text) == '{"key": "[REDACTED:private-key]", "ok": true}'


def test_a_truncated_private_key_loses_its_body() -> None:
    truncated = KEY.rsplit("\n", 2)[0]
    masked = Redactor().redact(f"{truncated}\n")
    assert masked == "[REDACTED:private-key]"
    assert "MIIE" not in masked


def test_two_keys_are_two_redactions() -> None:
    other = KEY.replace("RSA ", "EC ")
    redactor = Redactor()
    assert redactor.redact(f"{KEY}\n--\n{other}") == (
        "[REDACTED:private-key]\n--\n[REDACTED:private-key]"
    )
    assert redactor.counts == {"private-key": 2}
