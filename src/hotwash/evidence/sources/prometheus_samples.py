"""Prometheus sample pairs ``[<unix time>, "<value>"]`` to numpy arrays, and counters to rates.

Well-formed series (nearly all) are converted in one vectorised step; only a series
that fails it is walked sample by sample, to keep its good samples and count the bad.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hotwash.evidence.sources.timestamps import EARLIEST, LATEST

FloatArray = npt.NDArray[np.float64]

_FIRST_SECOND = EARLIEST.timestamp()
_LAST_SECOND = LATEST.timestamp()


@dataclass
class Samples:
    times: FloatArray
    values: FloatArray
    malformed: int = 0
    out_of_range: int = 0


def to_samples(pairs: list[object]) -> Samples:
    """Sorted samples; pairs that are not ``[time, value]`` or lie outside 1971-2200 dropped."""
    table = _fast_table(pairs)
    malformed = 0
    if table is None:
        table, malformed = _careful_table(pairs)
    times, values = table[:, 0], table[:, 1]
    plausible = (times >= _FIRST_SECOND) & (times < _LAST_SECOND)
    order = np.argsort(times[plausible], kind="stable")
    return Samples(
        times=np.ascontiguousarray(times[plausible][order]),
        values=np.ascontiguousarray(values[plausible][order]),
        malformed=malformed,
        out_of_range=int((~plausible).sum()),
    )


def _fast_table(pairs: list[object]) -> npt.NDArray[np.float64] | None:
    """Both columns at once: ``zip`` transposes in C, numpy parses "NaN" and "+Inf" itself.

    Only the API's own shape qualifies (numeric times, string values); anything else
    takes the careful path, which keeps what it can and counts the rest.
    """
    if not pairs:
        return np.empty((0, 2))
    try:
        if set(map(len, pairs)) != {2}:  # type: ignore[arg-type]
            return None
        moments, values = (np.array(column) for column in zip(*pairs, strict=True))
        if moments.dtype.kind not in "if" or values.dtype.kind != "U":
            return None
        table = np.column_stack((moments.astype(np.float64), values.astype(np.float64)))
    except (ValueError, TypeError, OverflowError):
        return None
    return table if np.isfinite(table[:, 0]).all() else None


def _careful_table(pairs: list[object]) -> tuple[npt.NDArray[np.float64], int]:
    rows = [row for row in (_one_sample(pair) for pair in pairs) if row is not None]
    table = np.array(rows, dtype=np.float64).reshape(-1, 2)
    return table, len(pairs) - len(rows)


def _one_sample(pair: object) -> tuple[float, float] | None:
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        return None
    moment, value = (_number(item) for item in pair)
    if moment is None or value is None or not np.isfinite(moment):
        return None
    return moment, value


def _number(item: object) -> float | None:
    if isinstance(item, bool) or not isinstance(item, int | float | str):
        return None
    try:
        return float(item)
    except (ValueError, OverflowError):
        return None


def counter_rate(times: FloatArray, values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per-second increase of a cumulative counter; a drop means the counter restarted at 0."""
    if len(times) < 2:
        return np.empty(0), np.empty(0)
    increase = np.diff(values)
    restarted = increase < 0
    increase[restarted] = values[1:][restarted]
    elapsed = np.diff(times)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(elapsed > 0, increase / elapsed, np.nan)
    return times[1:].copy(), rate


def looks_cumulative(values: FloatArray) -> bool:
    """A counter only grows, apart from rare restarts; a gauge goes up and down."""
    finite = values[np.isfinite(values)]
    if len(finite) < 3 or (finite < 0).any():
        return False
    drops = int((np.diff(finite) < 0).sum())
    return drops <= max(1, len(finite) // 20)
