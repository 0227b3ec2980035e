"""A one-line summary of what was redacted, for logs and for the postmortem's notes."""

from __future__ import annotations

from collections.abc import Mapping

# Kinds whose plural is not "<kind>s".
_PLURALS = {"ipv4": "ipv4 addresses", "ipv6": "ipv6 addresses"}
_SINGULARS = {"ipv4": "ipv4 address", "ipv6": "ipv6 address"}


def redaction_report(counts: Mapping[str, int]) -> str:
    """``"redacted 3 emails, 1 github-token"``: most frequent first, or ``"nothing redacted"``."""
    found = sorted(((n, kind) for kind, n in counts.items() if n > 0), key=lambda x: (-x[0], x[1]))
    if not found:
        return "nothing redacted"
    return "redacted " + ", ".join(f"{n} {_noun(kind, n)}" for n, kind in found)


def _noun(kind: str, count: int) -> str:
    if count == 1:
        return _SINGULARS.get(kind, kind)
    return _PLURALS.get(kind, f"{kind}s")
