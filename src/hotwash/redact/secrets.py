"""Rules for credentials: cloud and chat tokens, passwords, bearer tokens, private keys.

Order matters: specific shapes (a PEM block, a JWT, a ``ghp_`` token) are masked
before the generic ``key=value`` rules, and no rule matches a value that starts
with ``[`` so a label already written is never masked again.
"""

from __future__ import annotations

from hotwash.redact.dialect import Rule, anycase

# A quote as it appears in JSON, in Python reprs, and in JSON escaped inside a string.
_QUOTE = r"""\\?["']"""
# Between a key and its value: `=`, `: `, `" : "`, with the key's closing quote if any.
_SEPARATOR = rf"(?:{_QUOTE})?[ \t]*[:=][ \t]*"
# A value: quoted (may hold spaces), or bare up to whitespace or a delimiter. The first
# character is never `[`, so `password=[REDACTED:password]` is left alone.
_VALUE = (
    rf"""(?:(?P<q>{_QUOTE})[^"'\\\r\n\[][^"'\\\r\n]*"""
    r"""|[^ \t\r\n"'\\&,;\[\](){}<>][^ \t\r\n"'\\&,;\](){}<>]*)"""
)
# A key ends with the keyword and starts after a character that is not alphanumeric
# (or at the start): `DB_PASSWORD`, `x-api-key`, `"client_secret"`; not `mypassword` or
# `tokens`. Nor after a slash: `/etc/passwd: permission denied` names a file.
_KEY_START = r"(?:^|[^A-Za-z0-9/\\])(?:[A-Za-z0-9]+[_.-]+)*"

PASSWORD_KEYS = ("password", "passwd", "passphrase")
SECRET_KEYS = (
    "secret", "token", "api_key", "api-key", "apikey", "access_key", "access-key",
    "private_key", "private-key", "signature", "credentials", "credential",
)  # fmt: skip


def _key_value(kind: str, keys: tuple[str, ...]) -> Rule:
    words = "|".join(anycase(key) for key in keys)
    pattern = rf"(?P<pre>{_KEY_START}(?:{words}){_SEPARATOR}){_VALUE}"
    hints = tuple(sorted({key.replace("-", "_").split("_")[-1] for key in keys}))
    return Rule(kind, pattern, keep_before=("pre", "q"), hints=hints)


PRIVATE_KEY = Rule(
    "private-key",
    # Up to the matching END line, across lines; if the END is missing (a truncated
    # log line), everything that still looks like key material after BEGIN.
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:(?s:.)*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\\\r\n\t :,-]*)",
    hints=("private key",),
)
JWT = Rule(
    "jwt",
    r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*",
    hints=("eyj",),
)
AWS_ACCESS_KEY_ID = Rule(
    "aws-access-key-id", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", hints=("akia", "asia")
)
AWS_SECRET_KEY = Rule(
    "aws-secret-key",
    rf"(?P<pre>(?:{anycase('aws')}[_-]?)?{anycase('secret')}[_-]?{anycase('access')}[_-]?"
    rf"{anycase('key')}{_SEPARATOR}(?:{_QUOTE})?)[A-Za-z0-9/+=]{{30,}}",
    keep_before=("pre",),
    hints=("secret",),
)
GITHUB_TOKEN = Rule(
    "github-token",
    r"(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}",
    hints=("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
)
SLACK_WEBHOOK = Rule(
    "slack-webhook",
    r"(?P<pre>https://hooks\.slack\.com/(?:services|workflows|triggers)/)[A-Za-z0-9_/+-]+",
    keep_before=("pre",),
    hints=("hooks.slack.com",),
)
SLACK_TOKEN = Rule("slack-token", r"xox[abprs]-[A-Za-z0-9-]{10,}", hints=("xox",))
URL_PASSWORD = Rule(
    # scheme://user:password@host keeps the user and the host.
    "password",
    r"""(?P<pre>\b[A-Za-z][A-Za-z0-9+.-]*://[^ \t\r\n/?#@:\[\]"'<>]*:)"""
    r"""[^ \t\r\n/?#@\[\]"'<>]+(?P<post>@)""",
    keep_before=("pre",),
    keep_after=("post",),
    hints=("://",),
)
_SCHEMES = "|".join(anycase(s) for s in ("bearer", "basic", "token", "digest", "negotiate"))
AUTH_HEADER = Rule(
    "bearer-token",
    rf"(?P<pre>{anycase('authorization')}{_SEPARATOR}(?:{_QUOTE})?(?:{_SCHEMES})[ \t]+)"
    r"""[^ \t\r\n"'\\,;\[][^ \t\r\n"'\\,;]*""",
    keep_before=("pre",),
    hints=("authorization",),
)
BEARER = Rule(
    # Outside an Authorization header only a long token-looking word counts, so
    # "bearer token expired" keeps its words.
    "bearer-token",
    rf"(?P<pre>\b{anycase('bearer')}[ \t]+)[A-Za-z0-9._~+/-]{{16,}}=*",
    keep_before=("pre",),
    hints=("bearer",),
)
PASSWORD_VALUE = _key_value("password", PASSWORD_KEYS)
SECRET_VALUE = _key_value("secret", SECRET_KEYS)

SECRET_RULES: tuple[Rule, ...] = (
    PRIVATE_KEY,
    JWT,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_KEY,
    GITHUB_TOKEN,
    SLACK_WEBHOOK,
    SLACK_TOKEN,
    URL_PASSWORD,
    AUTH_HEADER,
    BEARER,
    PASSWORD_VALUE,
    SECRET_VALUE,
)
