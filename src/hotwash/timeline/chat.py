"""What a chat message says about the incident: a report of trouble, a declaration, an all clear.

Plain word rules, in English, as responders write them. A question asks, it does not
announce: "should we declare an incident?" declares nothing and "is it resolved?"
resolves nothing, though "is checkout down for anyone else?" does report trouble.
"""

from __future__ import annotations

import re

from hotwash.evidence.model import EvidenceEvent, SignalKind

# "checkout is throwing 500s": a status code in the plural is a report too.
_REPORT = re.compile(
    r"\b((?:5\d\d|5xx)s?|errors?|erroring|fail(?:s|ed|ing|ure)?|down|outage|broken"
    r"|time-?outs?|timing out|slow|latency|alert(?:s|ing)?|paged|incident|not working"
    r"|can'?t|cannot|unable)\b",
    re.I,
)
# "SEV2", "sev-2", "Sev 1".
_DECLARE = re.compile(
    r"\b(declar(?:e|ed|ing)|SEV[ -]?[0-4]|incident (?:channel|commander|open))", re.I
)
_RESOLVE = re.compile(r"\b(resolved|all clear|closing (?:the )?incident)\b", re.I)


def reports_trouble(event: EvidenceEvent) -> bool:
    """A person saying something is wrong; declaring the incident says so too."""
    return _said(event) and (bool(_REPORT.search(event.text)) or declares(event))


def declares(event: EvidenceEvent) -> bool:
    return _announces(event, _DECLARE)


def resolves(event: EvidenceEvent) -> bool:
    return _announces(event, _RESOLVE)


def _announces(event: EvidenceEvent, words: re.Pattern[str]) -> bool:
    text = event.text.rstrip()
    return _said(event) and bool(words.search(text)) and not text.endswith("?")


def _said(event: EvidenceEvent) -> bool:
    return event.kind is SignalKind.CHAT_MESSAGE
