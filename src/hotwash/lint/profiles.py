"""Profiles: which sections a postmortem must have, which rules apply, and their thresholds.

* ``default``: any reasonable postmortem: summary, impact, timeline, causes, actions.
* ``four-section``: seed 004's template: Situation (50-150 words), Timeline,
  Contributing factors (3-5), Action items (owner, due, done-when; one per factor).
* ``google``: the Google SRE shape: summary of at most three sentences, impact,
  root causes and trigger, resolution, detection, action items with type, priority,
  owner and bug, lessons learned.
* ``learning-from-incidents``: a narrative review; also discourages "root cause"
  and a single linear 5-whys chain, and flags every counterfactual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from hotwash.postmortem import Family

__all__ = ["PROFILES", "Profile", "SectionCap", "Thresholds"]


@dataclass(frozen=True, slots=True)
class SectionCap:
    """Length bounds of a section family; ``None`` means unbounded."""

    min_words: int | None = None
    max_words: int | None = None
    max_sentences: int | None = None


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_factors: int = 2
    max_factors: int | None = None
    detection_delay_minutes: float = 15.0
    delay_tolerance_minutes: float = 2.0
    max_pasted_lines: int = 15
    min_timeline_rows_for_milestones: int = 3
    counterfactual_any_subject: bool = False
    caps: dict[Family, SectionCap] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    # Each entry is satisfied by a section of any one of its families.
    required_sections: tuple[tuple[Family, ...], ...]
    required_fields: frozenset[str]
    thresholds: Thresholds
    off: frozenset[str] = frozenset()


# Rules only some profiles want; the others leave them off unless a config enables them.
_OPT_IN = frozenset(
    {"causes/root-cause-language", "causes/linear-five-whys", "actions/no-item-per-factor"}
)

DEFAULT = Profile(
    name="default",
    required_sections=(
        (Family.SUMMARY,),
        (Family.IMPACT, Family.SUMMARY),
        (Family.TIMELINE,),
        (Family.CAUSES, Family.ANALYSIS),
        (Family.ACTIONS,),
    ),
    required_fields=frozenset({"owner", "due"}),
    thresholds=Thresholds(caps={Family.SUMMARY: SectionCap(max_sentences=6)}),
    off=_OPT_IN,
)
FOUR_SECTION = Profile(
    name="four-section",
    required_sections=((Family.SUMMARY,), (Family.TIMELINE,), (Family.CAUSES,), (Family.ACTIONS,)),
    required_fields=frozenset({"owner", "due", "done_when"}),
    thresholds=Thresholds(
        min_factors=3,
        max_factors=5,
        caps={Family.SUMMARY: SectionCap(min_words=50, max_words=150)},
    ),
    off=_OPT_IN - {"actions/no-item-per-factor"} | {"causes/trigger-not-separated"},
)
GOOGLE = Profile(
    name="google",
    required_sections=(
        (Family.SUMMARY,),
        (Family.IMPACT,),
        (Family.CAUSES,),
        (Family.TRIGGER, Family.CAUSES),
        (Family.RESPONSE,),
        (Family.DETECTION,),
        (Family.ACTIONS,),
        (Family.LESSONS, Family.WENT_WELL),
        (Family.TIMELINE,),
    ),
    required_fields=frozenset({"owner", "priority", "type", "ticket"}),
    thresholds=Thresholds(caps={Family.SUMMARY: SectionCap(max_sentences=3)}),
    off=_OPT_IN,
)
LEARNING = Profile(
    name="learning-from-incidents",
    required_sections=(
        (Family.SUMMARY,),
        (Family.TIMELINE,),
        (Family.CAUSES, Family.ANALYSIS),
        (Family.ACTIONS,),
    ),
    required_fields=frozenset({"owner"}),
    thresholds=replace(DEFAULT.thresholds, counterfactual_any_subject=True, caps={}),
    off=frozenset({"causes/trigger-not-separated", "actions/no-item-per-factor"}),
)
PROFILES: dict[str, Profile] = {p.name: p for p in (DEFAULT, FOUR_SECTION, GOOGLE, LEARNING)}
