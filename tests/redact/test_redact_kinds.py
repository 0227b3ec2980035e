"""Each kind of secret and personal data: what is masked, exactly, and what is left alone."""

from __future__ import annotations

import pytest

from hotwash.redact import RedactionConfig, Redactor

GH = "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8"  # 36 characters after the prefix, like a real one
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

POSITIVE = [
    # (kind, text, expected)
    ("aws-access-key-id", "key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED:aws-access-key-id] used"),
    ("aws-access-key-id", "id=ASIAY34FZKBOKMUTVV7A,", "id=[REDACTED:aws-access-key-id],"),
    (
        "aws-secret-key",
        f"aws_secret_access_key = {AWS_SECRET}",
        "aws_secret_access_key = [REDACTED:aws-secret-key]",
    ),
    (
        "aws-secret-key",
        f'{{"SecretAccessKey": "{AWS_SECRET}"}}',
        '{"SecretAccessKey": "[REDACTED:aws-secret-key]"}',
    ),
    ("aws-secret-key", f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}", None),
    ("github-token", f"push with {GH} failed", "push with [REDACTED:github-token] failed"),
    ("github-token", "gho_" + "x" * 36, "[REDACTED:github-token]"),
    ("github-token", "ghu_" + "Y" * 36, None),
    ("github-token", "ghs_" + "0" * 36, None),
    ("github-token", "ghr_" + "9" * 36, None),
    ("github-token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", None),
    (
        "slack-token",
        "SLACK_BOT=xoxb-1234567890-0987654321-AbCdEfGhIj",
        "SLACK_BOT=[REDACTED:slack-token]",
    ),
    ("slack-token", "xoxp-1234567890-abc", None),
    ("slack-token", "xoxa-2-abcdefghijk", None),
    ("slack-token", "xoxr-abcdefghijk", None),
    ("slack-token", "xoxs-abcdefghijk", None),
    (
        "slack-webhook",
        "POST https://hooks.slack.com/services/T0AB12CDE/B0FG34HIJ/abcdEFGHijklMNOPqrst -> 200",
        "POST https://hooks.slack.com/services/[REDACTED:slack-webhook] -> 200",
    ),
    (
        "bearer-token",
        "Authorization: Bearer abc123",
        "Authorization: Bearer [REDACTED:bearer-token]",
    ),
    (
        "bearer-token",
        '"authorization": "Basic dXNlcjpwYXNz"',
        '"authorization": "Basic [REDACTED:bearer-token]"',
    ),
    (
        "bearer-token",
        "retrying with bearer 0a1b2c3d4e5f6a7b8c9d0e1f",
        "retrying with bearer [REDACTED:bearer-token]",
    ),
    ("jwt", f"session={JWT} ok", "session=[REDACTED:jwt] ok"),
    ("jwt", f"Authorization: Bearer {JWT}", "Authorization: Bearer [REDACTED:jwt]"),
    (
        "password",
        "postgresql://app:s3cr3t@db:5432/x",
        "postgresql://app:[REDACTED:password]@db:5432/x",
    ),
    ("password", "redis://:hunter2@cache:6379/0", "redis://:[REDACTED:password]@cache:6379/0"),
    (
        "password",
        "fetch https://deploy:p%40ss@git.example.com/repo.git",
        "fetch https://deploy:[REDACTED:password]@git.example.com/repo.git",
    ),
    ("password", "password=hunter2 user=bob", "password=[REDACTED:password] user=bob"),
    ("password", 'DB_PASSWORD="correct horse"', 'DB_PASSWORD="[REDACTED:password]"'),
    (
        "password",
        '{"user": "bob", "password": "hunter 2"}',
        '{"user": "bob", "password": "[REDACTED:password]"}',
    ),
    ("password", "{'passwd': 'x y'}", "{'passwd': '[REDACTED:password]'}"),
    (
        "password",
        r'msg="{\"password\":\"s3cret\"}"',
        r'msg="{\"password\":\"[REDACTED:password]\"}"',
    ),
    ("secret", "GET /v1/x?api_key=abcd1234&page=2", "GET /v1/x?api_key=[REDACTED:secret]&page=2"),
    ("secret", "level=info token=abc.def client_secret=s3", None),
    ("secret", "X-Api-Key: 0123456789abcdef", "X-Api-Key: [REDACTED:secret]"),
    ("secret", '"access_token":"ya29.a0AfH6S"', '"access_token":"[REDACTED:secret]"'),
    ("email", "paged ana.lopez+oncall@example.co.uk at 14:03", "paged [REDACTED:email] at 14:03"),
    ("email", "from: <bob@mail.example.org>", "from: <[REDACTED:email]>"),
]

NEGATIVE = [
    "password reset email sent",
    "the password is required",
    "tokens=5 max_tokens=1000 token_count: 3",
    "password_reset=true secret_name=db-creds",
    "deployed v2.14.0 (build 1.2.3.4567)",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
    "request 123e4567-e89b-12d3-a456-426614174000 done",
    "2024-05-01T14:03:05.123Z and 14:03:05,123 and 2024/05/01 14:03",
    "kill -9 4242",
    "Bearer token expired",
    "missing bearer authentication",
    "AKIA is a prefix, AKIAIOSFODNN7EXAMPLEX is too long",
    "ghp_short xoxb-short",
    "https://example.com:8443/path?q=1",
    "postgresql://app@db.internal.example.com:5432/x",
    "see https://hooks.slack.com/ for webhooks",
    "user@localhost mention <@U024BE7LH>",
    "password: []",
    "std::vector<int> and Foo::Bar",
    "BEGIN PUBLIC KEY",
    "cat /etc/passwd: permission denied",
]


@pytest.mark.parametrize(("kind", "text", "expected"), POSITIVE)
def test_each_kind_is_masked_and_counted(kind: str, text: str, expected: str | None) -> None:
    redactor = Redactor()
    masked = redactor.redact(text)
    if expected is not None:
        assert masked == expected
    assert f"[REDACTED:{kind}]" in masked
    assert redactor.counts[kind] >= 1


@pytest.mark.parametrize("text", NEGATIVE)
def test_ordinary_text_is_left_alone(text: str) -> None:
    redactor = Redactor(RedactionConfig(ip_addresses=True))
    assert redactor.redact(text) == text
    assert sum(redactor.counts.values()) == 0


def test_several_key_values_in_one_line_are_each_masked() -> None:
    redactor = Redactor()
    text = "a=1&token=t1&password=p2&api-key=k3 secret=s4"
    assert redactor.redact(text) == (
        "a=1&token=[REDACTED:secret]&password=[REDACTED:password]"
        "&api-key=[REDACTED:secret] secret=[REDACTED:secret]"
    )
    assert redactor.counts == {"secret": 3, "password": 1}


def test_a_token_inside_a_key_value_is_named_by_its_own_kind() -> None:
    redactor = Redactor()
    assert redactor.redact(f"token={GH}") == "token=[REDACTED:github-token]"
    assert redactor.counts == {"github-token": 1}


def test_glued_secrets_are_all_masked() -> None:
    # The AWS key only ends at a word boundary once the token glued to it is gone.
    text = "AKIAIOSFODNN7EXAMPLEgho_" + "0" * 36
    assert Redactor().redact(text) == "[REDACTED:aws-access-key-id][REDACTED:github-token]"
