"""Flag incidents that look like an earlier one, and say why.

Five kinds of evidence, each scored from 0 to 1 and shown in the reasons:

- wording: TF-IDF cosine of what the postmortems say happened;
- failure mode: the same named failure mode (:mod:`hotwash.recurrence.concepts`);
- services: the share of the smaller incident's services the two have in common;
- signals: alert names, metric names and log lines both quote (a shared alert counts
  half: the same alert fires for many causes);
- reference: the later write-up names the earlier incident (its id, or its dated file
  name, as in "see 2025-07-02-coredns-upstream").

The score is their weighted sum (at most 1). A pair is a recurrence when the score
reaches :data:`THRESHOLD` and the two incidents share a failure mode, say similar
things, or one names the other.
Shared services alone never make a recurrence (two different failures of checkout are
two problems, not one), and neither does wording when each names a failure mode and
the modes differ (a throttled webhook and an expired certificate on the same gateway).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from hotwash.recurrence.concepts import BY_KEY
from hotwash.recurrence.profile import Profile, names_of, profile
from hotwash.recurrence.signals import describe, shared_signals
from hotwash.recurrence.vectors import Matrix, TermSpace, term_space
from hotwash.review.history import PastAction, PastIncident

WEIGHTS = {
    "wording": 0.55,
    "failure_mode": 0.25,
    "services": 0.10,
    "signals": 0.10,
    "reference": 0.20,
}
THRESHOLD = 0.30
MIN_WORDING = 0.18  # without a shared failure mode, wording must be at least this close
_SIGNAL_WEIGHT = {"alert": 0.5, "name": 1.0, "log": 1.0}
_LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Recurrence:
    incident: PastIncident
    earlier: PastIncident
    score: float
    parts: dict[str, float]
    reasons: tuple[str, ...]

    @property
    def open_actions(self) -> tuple[PastAction, ...]:
        """The earlier incident's items still open: "we knew this was a problem"."""
        return self.earlier.open_actions


def find_recurrences(
    incidents: Sequence[PastIncident], only: set[str] | None = None
) -> list[Recurrence]:
    """Every (incident, earlier incident) pair that looks like a recurrence, best first
    for each incident; ``only`` limits which incidents are checked (not their history)."""
    ordered = sorted(incidents, key=lambda i: (i.started_at or _LATEST, i.key))
    profiles = [profile(incident) for incident in ordered]
    space = term_space([p.words for p in profiles])
    cosines = space.cosines()
    candidates = _candidates(profiles, cosines)
    found = []
    for later in range(len(ordered)):
        if only is not None and ordered[later].key not in only:
            continue
        earlier = np.flatnonzero(candidates[later, :later])
        matches = [
            _judge(profiles, space, float(cosines[later, e]), later, int(e)) for e in earlier
        ]
        found += sorted((m for m in matches if m is not None), key=lambda m: -m.score)
    return found


def _candidates(profiles: list[Profile], cosines: Matrix) -> npt.NDArray[np.bool_]:
    """Pairs that can reach the threshold: without similar wording, a shared failure mode
    or a reference, services and signals alone score too little."""
    keys = sorted({mode for p in profiles for mode in p.modes})
    modes = np.array([[key in p.modes for key in keys] for p in profiles], dtype=np.float64)
    shares = (modes @ modes.T > 0) if keys else np.zeros_like(cosines, dtype=bool)
    named = np.zeros_like(shares)
    index = {name: i for i, p in enumerate(profiles) for name in names_of(p.incident)}
    for later, now in enumerate(profiles):
        for name in now.mentions & index.keys():
            named[later, index[name]] = True
    return (cosines >= MIN_WORDING) | shares | named


def _judge(
    profiles: list[Profile], space: TermSpace, wording: float, later: int, earlier: int
) -> Recurrence | None:
    now, then = profiles[later], profiles[earlier]
    modes = sorted(set(now.modes) & set(then.modes))
    referenced = bool(now.mentions & names_of(then.incident))
    parts = {
        "wording": wording,
        "failure_mode": _mode_share(modes),
        "services": _overlap(now.services, then.services),
        "signals": _signal_share(shared_signals(now.signals, then.signals)),
        "reference": 1.0 if referenced else 0.0,
    }
    score = min(1.0, sum(WEIGHTS[name] * value for name, value in parts.items()))
    different_modes = bool(now.modes) and bool(then.modes) and not modes and not referenced
    weak = not modes and not referenced and wording < MIN_WORDING
    if score < THRESHOLD or different_modes or weak:
        return None
    reasons = _reasons(now, then, parts, modes, space.shared_terms(later, earlier))
    return Recurrence(now.incident, then.incident, round(score, 3), parts, reasons)


def _mode_share(shared: list[str]) -> float:
    """One minus the chance that every shared mode is a coincidence, mode by mode."""
    coincidence = 1.0
    for key in shared:
        coincidence *= 1.0 - BY_KEY[key].strength
    return 1.0 - coincidence


def _signal_share(shared: set[str]) -> float:
    weight = sum(_SIGNAL_WEIGHT.get(signal.partition(":")[0], 1.0) for signal in shared)
    return min(1.0, weight / 2)


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _reasons(
    now: Profile, then: Profile, parts: dict[str, float], modes: list[str], terms: list[str]
) -> tuple[str, ...]:
    reasons = [f"the later write-up names {then.incident.key}"] if parts["reference"] else []
    reasons += [
        f"same failure mode: {BY_KEY[m].label} ({then.modes[m]!r} earlier, {now.modes[m]!r} now)"
        for m in modes
    ]
    if parts["wording"] > 0 and terms:
        reasons.append(f"similar wording (cosine {parts['wording']:.2f}): {', '.join(terms)}")
    shared = sorted(now.services & then.services)
    if shared:
        reasons.append(f"shared services: {', '.join(shared)}")
    shared_quotes = sorted(shared_signals(now.signals, then.signals))
    reasons += [f"both quote the {describe(s)}" for s in shared_quotes]
    return tuple(reasons)
