"""Words for comparing incidents: lower-cased, stemmed, stripped of what every postmortem says.

Numbers, times, versions and ids differ between two occurrences of the same failure, so
they are dropped. So are English function words and postmortem boilerplate ("incident",
"customers", "minutes", "impact"): they appear in every write-up and would make any two
look alike.
"""

from __future__ import annotations

import re

from hotwash.recurrence.stemming import stem

_WORD = re.compile(r"[a-z][a-z0-9_]*(?:['’][a-z]+)?")
_ENGLISH_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each either else
even every few for from further had has have having he her here hers him his how however i
if in into is it its itself just may might me more most much must my no nor not now of off
on once only or other our ours out over own per same she should since so some such than that
the their theirs them then there these they this those through thus to too under until up
upon us very via was we were what when where whether which while who whom whose why will
with within without would yet you your its it's we'd we'll we're we've they're isn't wasn't
didn't don't doesn't couldn't wouldn't won't weren't aren't hasn't haven't hadn't one two
three four five six seven eight nine ten first second third new old another many several
"""
# Said by nearly every postmortem, whatever failed.
_BOILERPLATE_TEXT = """
incident incidents outage postmortem post-mortem review summary impact impacted affect
affected affecting customer customers user users minute minutes hour hours second seconds
day days week weeks utc gmt time times timeline began begin started start ended end during
approximately about around roughly percent team teams engineer engineers on-call oncall
page paged pager we our issue issues problem problems caused cause causes result resulted
resulting due led lead following followed able unable occurred happen happened happening
see saw seen noticed notice observed took take taken made make get got went go going come
came investigate investigated investigation identified identify root contributing factor
factors action actions item items owner lesson lessons learned went well poorly lucky
service services system systems production prod request requests number total period
restored restore recovered recover recovery resolved resolve mitigated mitigate mitigation
detected detect detection alerted fired
"""
STOPWORDS = frozenset(_ENGLISH_TEXT.split()) | frozenset(_BOILERPLATE_TEXT.split())


def words(text: str) -> list[str]:
    """Content words of ``text``, stemmed, in order (repeats kept: they are term counts)."""
    found = []
    for raw in _WORD.findall(text.lower().replace("’", "'")):
        word = raw.split("'")[0]
        for part in word.split("_"):
            if len(part) > 2 and part not in STOPWORDS and not part.isdigit():
                found.append(normal_stem(part))
    return [w for w in found if w not in _STEMMED_STOPWORDS]


def normal_stem(word: str) -> str:
    """Porter's stem, with a final "i" dropped so "expiry" meets "expired"."""
    stemmed = stem(word)
    return stemmed[:-1] if stemmed.endswith("i") and len(stemmed) > 4 else stemmed


_STEMMED_STOPWORDS = frozenset(normal_stem(word) for word in STOPWORDS if "-" not in word)
