"""Each service's error ratio and latency as Prometheus has them now, and how they read.

Values are in Prometheus' base units: an error ratio is a fraction (shown as a
percentage), a latency is in seconds. Each is compared with the same query a while
ago, so a line can say "up from 0.2 %" instead of leaving the responder to guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Reading:
    name: str  # the query's name: "error_ratio", "latency_p99"
    value: float | None = None  # now; None when there is no value (see ``problem``)
    before: float | None = None  # the same query ``compare_with`` ago
    series: int = 1  # several series: ``value`` is the highest, the worst case
    problem: str | None = None  # "no data", or why the query failed


@dataclass(frozen=True)
class ServiceSignals:
    service: str
    readings: list[Reading]

    @property
    def complete(self) -> bool:
        return all(reading.value is not None for reading in self.readings)


@dataclass(frozen=True)
class Signals:
    services: list[ServiceSignals]
    compare_with: timedelta
    problem: str | None = None  # Prometheus as a whole did not answer (nothing was read)


def describe_service(signals: ServiceSignals, compare_with: timedelta) -> str:
    """``checkout: error ratio 12.4 % (up from 0.2 % 1 h ago), p99 latency 1.8 s (...)``."""
    parts = [describe_reading(reading, compare_with) for reading in signals.readings]
    return f"{signals.service}: " + ", ".join(parts)


def describe_reading(reading: Reading, compare_with: timedelta) -> str:
    label = _label(reading.name)
    if reading.value is None:
        return f"{label}: {reading.problem or 'no data'}"
    if math.isnan(reading.value):
        return f"{label}: not a number (no requests?)"
    several = f" (highest of {reading.series} series)" if reading.series > 1 else ""
    shown = show_value(reading.name, reading.value)
    return f"{label} {shown}{several}{_compared(reading, shown, compare_with)}"


def signals_note(signals: Signals | None) -> str | None:
    """The timeline note: what Prometheus said, or that it did not answer."""
    if signals is None:
        return None
    if signals.problem is not None:
        return f"Triage, error rate and latency: Prometheus did not answer: {signals.problem}"
    lines = [describe_service(s, signals.compare_with) for s in signals.services]
    return "Triage, error rate and latency (Prometheus): " + "; ".join(lines)


def show_value(name: str, value: float) -> str:
    if math.isinf(value):
        return "infinite"
    if name == "error_ratio":
        percent = value * 100
        # Small ratios keep two significant digits: 0.05 % is not 0.0 %.
        return f"{percent:.1f} %" if percent == 0 or abs(percent) >= 0.1 else f"{percent:.2g} %"
    if name.startswith("latency_"):
        return _seconds(value)
    return f"{value:.3g}"


def ago(span: timedelta) -> str:
    """``1 h``, ``5 min``, ``1 d``: the comparison's distance, as a person says it."""
    seconds = int(span.total_seconds())
    for unit, size in (("d", 86_400), ("h", 3_600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def _compared(reading: Reading, shown: str, compare_with: timedelta) -> str:
    when = f"{ago(compare_with)} ago"
    if reading.before is None or math.isnan(reading.before):
        return f" (no data {when})"
    before = show_value(reading.name, reading.before)
    if before == shown:
        return f" (same as {when})"
    direction = "up" if reading.value is not None and reading.value > reading.before else "down"
    return f" ({direction} from {before} {when})"


def _label(name: str) -> str:
    if name.startswith("latency_"):
        return f"{name.removeprefix('latency_')} latency"
    return name.replace("_", " ")


def _seconds(value: float) -> str:
    if abs(value) < 0.9995:  # what rounds to 1000 ms reads as 1 s
        return f"{value * 1000:.3g} ms"
    return f"{value:.3g} s" if abs(value) < 1000 else f"{value:.0f} s"
