"""Imperative verbs action items start with ("Add", "Set up", "Roll back").

A word list is the honest tool here: English gives no reliable shape for a verb in
the imperative. Anything not on the list is reported only when its shape says it is
not a verb either (see :func:`looks_like_a_verb`), so a missing verb costs nothing.
"""

from __future__ import annotations

import re

__all__ = ["looks_like_a_verb"]

_VERBS_WORDS = """
    accept add adjust adopt alert align allow alter analyse analyze annotate announce apply
    archive ask assess assign audit automate backfill backport block bound build bump cache cap
    capture change check clarify clean clean-up cleanup close codify collect combine communicate
    compare complete configure confirm consolidate contact convert copy correct create cut
    decide decommission decouple deduplicate define delete deploy deprecate design detect
    disable disallow document double drain drop dry-run edit educate eliminate emit enable
    encrypt enforce ensure escalate establish estimate evaluate expand experiment expire export
    expose extend extract fail fence file fix flag follow force fork gate generate grant group
    guard handle harden hire hold host identify implement import improve include increase index
    inform inject inspect install instrument integrate introduce investigate isolate keep label
    land launch limit link lint list load lock log lower maintain make map mark measure merge
    migrate mirror model monitor move mute name normalise normalize notify observe onboard open
    optimise optimize own page pair parallelize parameterize partition patch pause pin plan poll
    port post prefetch prepare prevent prioritise prioritize probe produce profile promote
    propagate propose protect prototype provide provision prune publish pull purge push put
    quarantine query queue raise rate-limit re-enable rebalance rebuild reconcile record
    redesign reduce refactor refresh register reject release relocate remove rename reorder
    repair replace replicate report reproduce request require reroute reserve reset resize
    resolve restart restore restrict retire retry return review revise revoke rewrite roll
    rollback rotate route run sample scale schedule scope script scrub secure segment send
    separate set setup shard share shorten simplify size skip snapshot split stage standardise
    standardize start stop store stream strip submit subscribe summarise summarize supply
    support suppress swap switch sync tag teach test throttle tighten time-box timebox track
    train transfer translate trial trigger trim tune turn unblock unify uninstall unpin update
    upgrade upload use validate verify version watch whitelist allowlist widen wire write filter
    render order gather cover deliver consider enter offer answer power recover discover tailor
    refer defer buffer seed feed embed speed reply rely multiply anchor sponsor augment
    supplement comment increment reference sequence silence influence balance advance enhance
    bring ping access discuss address process pass bypass focus harness stress mention position
    shed
"""
VERBS = frozenset(_VERBS_WORDS.split())
_NOT_VERB_SHAPE = re.compile(
    r"(?:ing|tion|tions|sion|ment|ments|ness|ity|ities|ance|ence|ism|ed|ly|er|ers|or|ors|s)$"
)
_DETERMINERS_WORDS = """
    the a an more better some any no all our their its this that these those new
"""
_DETERMINERS = frozenset(_DETERMINERS_WORDS.split())


def looks_like_a_verb(word: str) -> bool:
    """True unless ``word`` is clearly not an imperative verb (a noun, gerund, determiner)."""
    lowered = word.lower().strip(".,:;!?*_`\"'()[]")
    if not lowered or lowered in VERBS:
        return True
    if lowered in _DETERMINERS or not lowered.isalpha():
        return False
    return not _NOT_VERB_SHAPE.search(lowered)
