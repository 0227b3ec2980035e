"""Section families: what a heading means, whatever the template calls it.

"Root cause", "Causes", "Why it happened" and "Contributing factors" are one family;
"Action items", "Follow-ups", "Remediation" and "Corrective actions" another. A
heading is normalised (numbering, emoji, parentheses such as "(UTC)" or "(50-150
words)" and punctuation removed, lower-cased) and matched against phrases in a fixed
order: the more specific families first, so "What went wrong" is not "Summary" and
"Where we got lucky" is not "Lessons".
"""

from __future__ import annotations

import enum
import re

__all__ = ["Family", "family_of", "normalise_heading"]


class Family(enum.StrEnum):
    """What a section is for."""

    SUMMARY = "summary"
    IMPACT = "impact"
    TIMELINE = "timeline"
    DETECTION = "detection"
    RESPONSE = "response"
    TRIGGER = "trigger"
    CAUSES = "causes"
    ANALYSIS = "analysis"
    WENT_WELL = "went-well"
    WENT_POORLY = "went-poorly"
    LUCKY = "lucky"
    ACTIONS = "actions"
    LESSONS = "lessons"
    APPENDIX = "appendix"
    METADATA = "metadata"


# Checked in this order; the first family with a matching phrase wins.
_PHRASES: tuple[tuple[Family, str], ...] = (
    (Family.LUCKY, r"lucky|luck\b"),
    (Family.WENT_WELL, r"went (?:well|right)|what worked|things that worked|good news"),
    (
        Family.WENT_POORLY,
        r"went (?:poorly|wrong|badly)|(?:didn ?t|did not) work|could (?:be|have been) "
        r"(?:improved|better)|could have gone better|to improve|needs? improvement|"
        r"where we struggled|challenges",
    ),
    (
        Family.ACTIONS,
        r"action|follow ?ups?\b|remediation|corrective|preventive|prevention|next steps|"
        r"improvements|todo|to do|tasks|fixes\b|commitments",
    ),
    (Family.LESSONS, r"lessons?|learnings?|takeaways?|insights?|what we learned"),
    (Family.TRIGGER, r"trigger|immediate cause|proximate cause|precipitating"),
    (
        Family.CAUSES,
        r"causes?\b|causal|contributing|factors|why (?:it|this) happened|why did|"
        r"conditions|underlying",
    ),
    (Family.ANALYSIS, r"analysis|whys|investigation|deep dive|discussion|what we found"),
    (Family.TIMELINE, r"timeline|time line|chronology|sequence of events|events"),
    (Family.DETECTION, r"detection|detected|discovery|how we (?:found|noticed)|alerting"),
    (
        Family.RESPONSE,
        r"response|recovery|mitigation|resolution|restoration|how (?:we|it was) "
        r"(?:fixed|resolved|mitigated)|repair|fix\b|workaround",
    ),
    (Family.IMPACT, r"impact|blast radius|customer effect|user effect|damage"),
    (
        Family.SUMMARY,
        r"summary|situation|overview|tl ?dr|abstract|what happened|description|synopsis|"
        r"incident report|problem statement",
    ),
    (Family.APPENDIX, r"appendix|references?|supporting|related incidents|links|glossary"),
    (
        Family.METADATA,
        r"metadata|incident (?:details|info)|^details$|^header$"
        r"|document (?:info|information|control)",
    ),
)
_COMPILED = tuple((family, re.compile(rf"\b(?:{pattern})")) for family, pattern in _PHRASES)
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def normalise_heading(text: str) -> str:
    """``"3. Contributing factors (3-5 items)"`` -> ``"contributing factors"``."""
    lowered = _PARENTHESES.sub(" ", text.lower().replace("’", "'"))
    lowered = lowered.replace("'", " ").replace("-", " ").replace("/", " ")
    lowered = _NOT_WORD.sub(" ", lowered)
    return _NUMBERING.sub("", " ".join(lowered.split())).strip()


def family_of(heading: str) -> Family | None:
    """The family a heading belongs to, or ``None`` when it is none of the known ones."""
    normal = normalise_heading(heading)
    for family, pattern in _COMPILED:
        if pattern.search(normal):
            return family
    return None
