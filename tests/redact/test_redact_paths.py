"""The scalar and vectorised paths agree, counts are exact, and redaction is idempotent."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.redact import RedactionConfig, Redactor

# Pieces of secrets, their contexts and separators: random text almost never builds a
# secret, so texts are also glued together from these to reach the rules' edges.
PIECES = [
    "password", "token", "api_key", "secret_access_key", "Authorization", "Bearer ",
    "=", ":", " ", "\n", '"', "'", "\\", "@", ".", "::", "&", ",", "[", "]", "%", "_", "-",
    "1.2.3.4", "10", "255", "ff", "a", "é", "K", "example.com", "x@y.io", "https", "://",
    "u:p@h", "AKIAIOSFODNN7EXAMPLE", "eyJhbGciOi", "ghp_" + "A" * 20, "xoxb-1234567890",
    "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----",
]  # fmt: skip
texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=10).map("".join),
)
CONFIGS = [RedactionConfig(), RedactionConfig(ip_addresses=True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, st.none()), max_size=4), st.sampled_from(CONFIGS))
def test_series_equals_scalar_with_the_same_counts(
    items: list[str | None], config: RedactionConfig
) -> None:
    scalar, vectorised = Redactor(config), Redactor(config)
    expected = [None if item is None else scalar.redact(item) for item in items]
    assert vectorised.redact_series(pl.Series(items, dtype=pl.String)).to_list() == expected
    assert vectorised.counts == scalar.counts


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(CONFIGS))
def test_redacting_twice_is_redacting_once(text: str, config: RedactionConfig) -> None:
    once = Redactor(config).redact(text)
    again = Redactor(config)
    assert again.redact(once) == once
    assert sum(again.counts.values()) == 0


def test_counts_are_exact_on_both_paths() -> None:
    lines = [
        "a@example.com b@example.com",
        "token=t1 password=p1",
        None,
        "nothing here",
        "c@example.com AKIAIOSFODNN7EXAMPLE",
    ]
    expected = {"email": 3, "secret": 1, "password": 1, "aws-access-key-id": 1}
    vectorised = Redactor()
    vectorised.redact_series(pl.Series(lines))
    scalar = Redactor()
    for line in lines:
        if line is not None:
            scalar.redact(line)
    assert vectorised.counts == expected
    assert scalar.counts == expected


def test_counts_accumulate_across_calls() -> None:
    redactor = Redactor()
    redactor.redact("a@example.com")
    redactor.redact_series(pl.Series(["b@example.com", "c@example.com"]))
    assert redactor.counts == {"email": 3}


def test_series_keeps_its_name_nulls_and_leaves_the_input_alone() -> None:
    original = pl.Series("message", ["mail a@example.com", None, "token=abc"])
    masked = Redactor().redact_series(original)
    assert masked.name == "message"
    assert masked.to_list() == ["mail [REDACTED:email]", None, "token=[REDACTED:secret]"]
    assert original.to_list() == ["mail a@example.com", None, "token=abc"]


def test_an_empty_series_and_an_empty_string() -> None:
    redactor = Redactor()
    assert redactor.redact_series(pl.Series([], dtype=pl.String)).to_list() == []
    assert redactor.redact("") == ""
    assert not redactor.counts
