"""Which contributing factor each action item addresses, when the postmortem does not say.

The seed's rule is "for each contributing factor, at most one action item", and the
item is usually written in the factor's words ("no alert on pool saturation" ->
"Alert when pool usage stays above 80%"). Each item is linked to the factor its words
are closest to (TF-IDF cosine), if it is close enough and clearly closer than the
runner-up, and shares at least two words with it ("Review pool sizing" and "no alert
watched pool saturation" share only "pool"); otherwise it is left unlinked rather than
linked to a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hotwash.recurrence.text import words
from hotwash.recurrence.vectors import term_space

MIN_SIMILARITY = 0.12
MIN_MARGIN = 0.04
MIN_SHARED_WORDS = 2


def closest_factors(actions: Sequence[str], factors: Sequence[str]) -> list[int | None]:
    """For each action, the index of the factor it addresses, or ``None``."""
    if not actions or not factors:
        return [None] * len(actions)
    terms = [words(text) for text in [*factors, *actions]]
    similarity = term_space(terms).cosines()[len(factors) :, : len(factors)]
    factor_terms = [set(found) for found in terms[: len(factors)]]
    return [
        _pick(row, set(action), factor_terms)
        for row, action in zip(similarity, terms[len(factors) :], strict=True)
    ]


def _pick(row: np.ndarray, action: set[str], factors: list[set[str]]) -> int | None:
    order = np.argsort(-row, kind="stable")
    best = int(order[0])
    runner_up = float(row[order[1]]) if len(order) > 1 else 0.0
    if row[best] < MIN_SIMILARITY or row[best] - runner_up < MIN_MARGIN:
        return None
    return best if len(action & factors[best]) >= MIN_SHARED_WORDS else None
