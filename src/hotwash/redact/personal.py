"""Rules for personal data: email addresses and (when enabled) IPv4 and IPv6 addresses.

Without look-around, "not part of a longer token" is written as a captured context
character on each side that is put back. An address must not continue a longer
dotted or hex run, so ``v2.14.0``, ``1.3.6.1.4.1`` (an SNMP OID), ``10:11:12``,
MAC addresses, ``std::vector`` and ``user@2x`` are left alone.
"""

from __future__ import annotations

from hotwash.redact.dialect import Rule

EMAIL = Rule(
    "email",
    # The character before the local part is not one of its own (so a match starts at
    # the start of it) and not "/": `postgresql://app@db.internal` names a user, not a mailbox.
    r"(?P<pre>^|[^A-Za-z0-9._%+/-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,}",
    keep_before=("pre",),
    hints=("@",),
)

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}"
_HEX = r"[0-9A-Fa-f]{1,4}"
# The usual eight shapes of RFC 4291 text (full, and `::` standing for one or more
# zero groups at every position), plus an embedded IPv4 tail (`::ffff:10.0.0.1`).
_IPV6 = "|".join(
    (
        rf"(?:[0-9A-Fa-f]{{0,4}}:){{2,6}}{_IPV4}",
        rf"(?:{_HEX}:){{7}}{_HEX}",
        rf"(?:{_HEX}:){{1,6}}:{_HEX}",
        rf"(?:{_HEX}:){{1,5}}(?::{_HEX}){{1,2}}",
        rf"(?:{_HEX}:){{1,4}}(?::{_HEX}){{1,3}}",
        rf"(?:{_HEX}:){{1,3}}(?::{_HEX}){{1,4}}",
        rf"(?:{_HEX}:){{1,2}}(?::{_HEX}){{1,5}}",
        rf"{_HEX}:(?::{_HEX}){{1,6}}",
        rf":(?::{_HEX}){{1,7}}",
        rf"(?:{_HEX}:){{1,7}}:",
    )
)

IPV6 = Rule(
    "ipv6",
    rf"(?P<pre>^|[^0-9A-Za-z_.:])(?:{_IPV6})(?:%[0-9A-Za-z]+)?(?P<post>[^0-9A-Za-z_.:%]|\.[^0-9]|\.?\Z)",
    keep_before=("pre",),
    keep_after=("post",),
    repeat=True,
    hints=(":",),
)
IPV4 = Rule(
    "ipv4",
    rf"(?P<pre>^|[^0-9A-Za-z_.])(?:{_IPV4})(?P<post>[^0-9A-Za-z_.]|\.[^0-9]|\.?\Z)",
    keep_before=("pre",),
    keep_after=("post",),
    repeat=True,
    hints=(".",),
)

PERSONAL_RULES: tuple[Rule, ...] = (EMAIL, IPV6, IPV4)
