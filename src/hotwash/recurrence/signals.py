"""Alert names, metric names and log lines a postmortem quotes: evidence two incidents share.

Alert names are CamelCase words next to "alert" or "fired" (``NotificationsBacklog``),
or any CamelCase or snake_case name written as code. Log lines are quoted or written
as code and have at least three words; their variable parts (numbers, times, addresses)
are masked with the log template miner's masker, so the same message logged on two
dates gives the same template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from hotwash.condense.mining import mask

_CAMEL = r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+"
_NEAR_ALERT = re.compile(
    rf"\balert(?:s|ing)?\W+(?:\w+\W+){{0,2}}?(?P<a>{_CAMEL})\b"
    rf"|\b(?P<b>{_CAMEL})\W+(?:alert|fired|fires|firing|paged)\b"
)
_CODE = re.compile(r"`([^`\n]{3,200})`")
_QUOTED = re.compile(r"[\"“]([^\"”\n]{12,200})[\"”]")
_NAME = re.compile(rf"^(?:{_CAMEL}|[a-z][a-z0-9]*(?:_[a-z0-9]+){{2,}})$")
_MIN_LOG_WORDS = 3
SAME_LOG_WORDS = 0.7  # share of words two quotes of one log message have in common
# Products that page people, not alerts: "PagerDuty paged the on-call".
_NOT_ALERTS = frozenset({"PagerDuty", "OpsGenie", "VictorOps", "GitHub", "GitLab", "StatusPage"})


def signals_in(texts: Iterable[str]) -> set[str]:
    """``alert:Name``, ``name:snake_case_metric`` and ``log:<masked template>`` signals."""
    found: set[str] = set()
    lines: list[str] = []
    for text in texts:
        named = {m.group("a") or m.group("b") for m in _NEAR_ALERT.finditer(text)}
        found |= {f"alert:{name}" for name in named - _NOT_ALERTS}
        for code in [*_CODE.findall(text), *_QUOTED.findall(text)]:
            if _NAME.match(code.strip()):
                found.add(f"name:{code.strip()}")
            elif len(code.split()) >= _MIN_LOG_WORDS:
                lines.append(code.strip())
    return found | {f"log:{template}" for template in _templates(lines)}


def _templates(lines: list[str]) -> set[str]:
    if not lines:
        return set()
    masked = mask(pl.Series(lines, dtype=pl.String)).to_list()
    return {" ".join(str(t).lower().split()) for t in masked if t}


def shared_signals(first: frozenset[str], second: frozenset[str]) -> set[str]:
    """Signals both quote: alert and metric names exactly; log lines when most of their
    words agree, since a message often gains a prefix ("PANIC:") or a field over time."""
    shared = set(first & second)
    logs = [s for s in first - second if s.startswith("log:")]
    others = [s for s in second - first if s.startswith("log:")]
    shared |= {line for line in logs if any(_alike(line, other) for other in others)}
    return shared


def _alike(first: str, second: str) -> bool:
    ours, theirs = _log_words(first), _log_words(second)
    return bool(ours and theirs) and len(ours & theirs) / len(ours | theirs) >= SAME_LOG_WORDS


def _log_words(signal: str) -> set[str]:
    return {word for word in re.findall(r"[a-z][a-z0-9_]+", signal[4:]) if word != "log"}


def describe(signal: str) -> str:
    kind, _, value = signal.partition(":")
    label = {"alert": "alert", "name": "metric or setting", "log": "log line"}.get(kind, kind)
    return f"{label} {value!r}" if kind != "log" else f"log line {value!r}"
