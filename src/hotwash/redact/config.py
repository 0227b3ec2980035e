"""Which kinds of secret and personal data are masked.

Every secret kind is on by default, and so are email addresses; IP addresses are
off by default because in most incidents they are infrastructure, not people, and
they are often the evidence (which node, which load balancer). Any single kind can
be switched off by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hotwash.errors import ConfigError
from hotwash.redact.dialect import Rule
from hotwash.redact.personal import EMAIL, IPV4, IPV6
from hotwash.redact.secrets import SECRET_RULES

SECRET_KINDS: tuple[str, ...] = tuple(dict.fromkeys(rule.kind for rule in SECRET_RULES))
EMAIL_KINDS: tuple[str, ...] = (EMAIL.kind,)
IP_KINDS: tuple[str, ...] = (IPV6.kind, IPV4.kind)
ALL_KINDS: tuple[str, ...] = SECRET_KINDS + EMAIL_KINDS + IP_KINDS

# Application order: secrets first (a password may look like an email), IPv6 before
# IPv4 (so `::ffff:10.0.0.1` is one address).
ALL_RULES: tuple[Rule, ...] = (*SECRET_RULES, EMAIL, IPV6, IPV4)


@dataclass(frozen=True)
class RedactionConfig:
    """What to mask. ``disabled`` names single kinds to leave alone, e.g. ``{"jwt"}``."""

    secrets: bool = True
    emails: bool = True
    ip_addresses: bool = False
    disabled: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.disabled) - set(ALL_KINDS))
        if unknown:
            known = ", ".join(ALL_KINDS)
            raise ConfigError(f"unknown redaction kind(s) {', '.join(unknown)}; known: {known}")

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds that will be masked, in application order."""
        groups = (
            (self.secrets, SECRET_KINDS),
            (self.emails, EMAIL_KINDS),
            (self.ip_addresses, IP_KINDS),
        )
        chosen = {kind for wanted, kinds in groups if wanted for kind in kinds}
        return tuple(kind for kind in ALL_KINDS if kind in chosen - self.disabled)

    def rules(self) -> tuple[Rule, ...]:
        """The rules for the chosen kinds, in application order."""
        wanted = set(self.kinds)
        return tuple(rule for rule in ALL_RULES if rule.kind in wanted)

    @classmethod
    def from_mapping(cls, table: Mapping[str, object]) -> RedactionConfig:
        """Read a ``[redaction]`` table: ``secrets``, ``emails``, ``ip_addresses``, ``disabled``."""
        unknown = sorted(set(table) - {"secrets", "emails", "ip_addresses", "disabled"})
        if unknown:
            raise ConfigError(f"unknown redaction setting(s): {', '.join(unknown)}")
        return cls(
            secrets=_flag(table, "secrets", default=True),
            emails=_flag(table, "emails", default=True),
            ip_addresses=_flag(table, "ip_addresses", default=False),
            disabled=_names(table.get("disabled", [])),
        )


def _flag(table: Mapping[str, object], name: str, *, default: bool) -> bool:
    value = table.get(name, default)
    if not isinstance(value, bool):
        raise ConfigError(f"redaction.{name} must be true or false, not {value!r}")
    return value


def _names(value: object) -> frozenset[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"redaction.disabled must be a list of kind names, not {value!r}")
    return frozenset(value)
