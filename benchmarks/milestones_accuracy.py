"""Milestone accuracy on randomised incident bundles with known true milestones.

Usage: ``uv run python benchmarks/milestones_accuracy.py [--n 40] [--seed 1] [--keep DIR]``

Each bundle (seeds ``seed`` .. ``seed+n-1``) is a random but realistic incident
(see ``bundles/``): which evidence was kept (access logs in UTC or a local zone,
JSON-lines, logfmt, log4j with naive local times, year-less syslog, klog,
Prometheus error ratio and latency quantile, Alertmanager v2 or amtool alerts,
PagerDuty log entries, a Slack export, a deploys CSV), the traffic (2 to 500
requests a minute, baseline errors 0.1% to 5%), the fault (errors or latency,
step or ramp, partial or total, 5 minutes to 3 hours), noise (short error bursts,
a second service) and who noticed first. The bundle goes through the same code as
``hotwash timeline DIR --format json`` (in process), and each milestone is compared
with the truth: within 60 s, missed (null), off by more, or found where the
evidence shows none. The worst cases are listed with their seed; ``--seed S --n 1
--keep DIR`` writes that bundle out to look at.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bundles.draw import draw_scenario
from bundles.model import Scenario
from bundles.truth import MILESTONES, true_milestones
from bundles.write import Written, write_bundle

from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.timeline.build import build_timeline
from hotwash.timeline.collect import collect
from hotwash.timeline.render_json import timeline_json
from hotwash.times import resolve_zone

TOLERANCE = 60.0  # seconds: "each within 60 s of the truth"


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    truth: dict[str, float | None]
    found: dict[str, float | None]
    seconds: float
    written: Written

    def limited(self, milestone: str) -> bool:
        """Whether the evidence itself cannot place the milestone within 60 s: the first
        request the fault touched came more than 60 s after its onset (sparse traffic,
        a partial fault), or the last one more than 60 s before its end."""
        truth = self.truth[milestone]
        first, last = self.written.first_affected, self.written.last_affected
        if truth is None or first is None or last is None:
            return False
        if milestone == "impact_start":
            return first - truth > TOLERANCE
        return milestone == "mitigated" and truth - last > TOLERANCE

    def error(self, milestone: str) -> float | None:
        """Seconds off (inf: missed or invented); None when both agree there is none."""
        truth, found = self.truth[milestone], self.found[milestone]
        if truth is None and found is None:
            return None
        if truth is None or found is None:
            return float("inf")
        return abs(found - truth)

    def right(self, milestone: str) -> bool:
        error = self.error(milestone)
        return error is None or error <= TOLERANCE


def run_bundle(seed: int, keep: Path | None) -> Outcome:
    scenario = draw_scenario(seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = (keep or Path(scratch)) / f"bundle-{seed}"
        folder.mkdir(parents=True, exist_ok=True)
        written = write_bundle(scenario, folder)
        started = time.perf_counter()
        found = timeline_milestones(folder, scenario.zone, written.zones)
        seconds = time.perf_counter() - started
    return Outcome(scenario, true_milestones(scenario), found, seconds, written)


def timeline_milestones(folder: Path, zone: str, zones: dict[str, str]) -> dict[str, float | None]:
    """What ``hotwash timeline FOLDER --format json`` gives as milestones, as epoch seconds."""
    context = ReadContext(
        default_zone=resolve_zone(zone),
        zones={name: resolve_zone(z) for name, z in zones.items()},
        root=folder,
    )
    built = build_timeline(collect([folder], context, evidence_sources()))
    shown = timeline_json(built)["milestones"]
    return {name: _epoch(shown[name]) for name in MILESTONES}


def _epoch(text: str | None) -> float | None:
    return None if text is None else datetime.fromisoformat(text).timestamp()


def summary(outcomes: list[Outcome]) -> list[str]:
    lines = [
        f"{'milestone':<13} {'truth':>5} {'within 60 s':>12} {'missed':>7} {'off >60 s':>10}"
        f" {'invented':>9} {'median off':>11}"
    ]
    for m in MILESTONES:
        errors = [o.error(m) for o in outcomes]
        known = [o for o in outcomes if o.truth[m] is not None]
        within = sum(1 for o in known if (o.error(m) or 0) <= TOLERANCE)
        missed = sum(1 for o in known if o.found[m] is None)
        finite = [e for e in errors if e is not None and e != float("inf")]
        invented = sum(1 for o in outcomes if o.truth[m] is None and o.found[m] is not None)
        median = f"{statistics.median(finite):.0f} s" if finite else "-"
        percent = f"{100 * within / len(known):3.0f}%" if known else "   -"
        share = f"{within}/{len(known)} {percent}"
        lines.append(
            f"{m:<13} {len(known):>5} {share:>12} {missed:>7} "
            f"{len(known) - within - missed:>10} {invented:>9} {median:>11}"
        )
    every = sum(1 for o in outcomes if all(o.right(m) for m in MILESTONES))
    lines.append(f"bundles with all six right: {every}/{len(outcomes)}")
    for m in ("impact_start", "mitigated"):
        limited = [o for o in outcomes if o.limited(m)]
        wrong = sum(1 for o in limited if not o.right(m))
        lines.append(
            f"{m}: {len(limited)} bundle(s) where no evidence can be within 60 s "
            f"(first/last affected request over 60 s away), {wrong} of them wrong"
        )
    return lines


def worst(outcomes: list[Outcome], count: int) -> list[str]:
    wrong = [(o.error(m) or 0.0, o, m) for o in outcomes for m in MILESTONES if not o.right(m)]
    wrong.sort(key=lambda item: (-item[0], item[1].scenario.seed))
    return [
        f"seed {o.scenario.seed:>4} {m:<13} truth {_clock(o.truth[m])} found {_clock(o.found[m])}"
        f" ({_off(o, m)}{', evidence-limited' if o.limited(m) else ''}): {o.scenario.describe()}"
        for _, o, m in wrong[:count]
    ]


def _off(outcome: Outcome, milestone: str) -> str:
    truth, found = outcome.truth[milestone], outcome.found[milestone]
    if truth is None or found is None:
        return "missed" if found is None else "invented"
    return f"{found - truth:+.0f} s"


def _clock(value: float | None) -> str:
    return "-" if value is None else datetime.fromtimestamp(value, UTC).strftime("%m-%d %H:%M:%S")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="number of bundles (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    parser.add_argument("--keep", type=Path, help="write the bundles here instead of a temp dir")
    parser.add_argument("--worst", type=int, default=15, help="worst cases to list")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcomes = []
    for seed in range(args.seed, args.seed + args.n):
        outcomes.append(run_bundle(seed, args.keep))
        print(f"seed {seed}: {_verdict(outcomes[-1])}", file=sys.stderr)
        if args.keep:
            print(_command(args.keep, outcomes[-1]), file=sys.stderr)
    took = time.perf_counter() - started
    print(f"{args.n} bundles, seeds {args.seed}..{args.seed + args.n - 1}, {took:.0f} s")
    print("\n".join(summary(outcomes)))
    print("\nworst cases (reproduce: --seed S --n 1 --keep DIR):")
    print("\n".join(worst(outcomes, args.worst)) or "none")
    return 0


def _command(keep: Path, outcome: Outcome) -> str:
    """The same run from the command line (naive logs with a zone of their own aside)."""
    s = outcome.scenario
    own = ", ".join(f"{name} in {zone}" for name, zone in outcome.written.zones.items())
    line = f"  hotwash timeline {keep / f'bundle-{s.seed}'} --format json --zone {s.zone}"
    return line + (f"  (per-source zones: {own})" if own else "")


def _verdict(outcome: Outcome) -> str:
    wrong = [
        f"{m} {_off(outcome, m)}{' (evidence-limited)' if outcome.limited(m) else ''}"
        for m in MILESTONES
        if not outcome.right(m)
    ]
    return ("ok" if not wrong else "; ".join(wrong)) + f" [{outcome.seconds:.1f} s]"


if __name__ == "__main__":
    raise SystemExit(main())
