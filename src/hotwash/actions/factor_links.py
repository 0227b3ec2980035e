"""Which contributing factor each action item addresses, when the postmortem does not say.

The seed's rule is "for each contributing factor, at most one action item", and the
item is usually written in the factor's words ("no alert on pool saturation" ->
"Alert when pool usage stays above 80%"). Each item is linked to the factor its words
are closest to (TF-IDF cosine), if it is close enough and clearly closer than the
runner-up; otherwise it is left unlinked rather than linked to a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hotwash.recurrence.text import words
from hotwash.recurrence.vectors import term_space

MIN_SIMILARITY = 0.12
MIN_MARGIN = 0.04


def closest_factors(actions: Sequence[str], factors: Sequence[str]) -> list[int | None]:
    """For each action, the index of the factor it addresses, or ``None``."""
    if not actions or not factors:
        return [None] * len(actions)
    space = term_space([words(text) for text in [*factors, *actions]])
    similarity = space.cosines()[len(factors) :, : len(factors)]
    return [_pick(row) for row in similarity]


def _pick(row: np.ndarray) -> int | None:
    order = np.argsort(-row, kind="stable")
    best = float(row[order[0]])
    runner_up = float(row[order[1]]) if len(order) > 1 else 0.0
    if best < MIN_SIMILARITY or best - runner_up < MIN_MARGIN:
        return None
    return int(order[0])
