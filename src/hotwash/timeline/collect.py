"""Find evidence files under the paths given, pick a source for each by content, read them.

A folder that a source claims as a whole (a Slack export, a git repository) is read
as one piece of evidence; other folders are walked. Hidden files are skipped. A file
no source recognises is reported as such, never silently dropped, and a source that
fails on a file costs that file only.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from pathlib import Path

from hotwash.evidence.model import EvidenceBatch, IngestStats
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import EvidenceSource, ReadContext, Target

# Below this confidence no source is trusted with a file.
MIN_CONFIDENCE = 0.3
LOG_SOURCE = "logs"

FileHook = Callable[[Path], None]


def collect(
    paths: list[Path],
    context: ReadContext,
    sources: list[EvidenceSource],
    on_file: FileHook | None = None,
) -> EvidenceBatch:
    """Read every piece of evidence; logs last, so year-less timestamps get a year hint."""
    chosen = [(target, best_source(target, sources)) for target in discover(paths, sources)]
    batch = EvidenceBatch()
    ordered = sorted(chosen, key=lambda pair: pair[1] is not None and pair[1].name == LOG_SOURCE)
    for target, source in ordered:
        if source is not None and source.name == LOG_SOURCE and context.year_hint is None:
            context.year_hint = _year_hint(batch)
        if on_file is not None:
            on_file(target.path)
        batch.extend(_read(target, source, context))
    return batch


def discover(paths: list[Path], sources: list[EvidenceSource]) -> Iterator[Target]:
    for path in paths:
        yield from _walk(path, sources)


def _walk(path: Path, sources: list[EvidenceSource]) -> Iterator[Target]:
    if path.name.startswith(".") and path.name not in {".", ".."}:
        return
    if not path.is_dir():
        yield make_target(path)
        return
    target = make_target(path)
    if best_source(target, sources) is not None:
        yield target
        return
    for child in sorted(path.iterdir()):
        yield from _walk(child, sources)


def best_source(target: Target, sources: list[EvidenceSource]) -> EvidenceSource | None:
    scored = [(_sniff(source, target), source) for source in sources]
    score, source = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return source if score >= MIN_CONFIDENCE else None


def _sniff(source: EvidenceSource, target: Target) -> float:
    try:
        return float(source.sniff(target))
    except Exception:  # a plugin's sniff bug must not stop the whole collection
        return 0.0


def _read(target: Target, source: EvidenceSource | None, context: ReadContext) -> EvidenceBatch:
    shown = context.display_path(target.path)
    if source is None:
        stats = IngestStats(path=shown, format="unknown")
        stats.skip("unrecognised format (no source claims it)")
        return EvidenceBatch(stats=[stats])
    try:
        return source.read(target, context)
    except Exception as error:  # report the file as failed; the rest of the evidence still counts
        stats = IngestStats(path=shown, format=source.name)
        stats.skip(f"{source.name} reader failed: {type(error).__name__}: {error}")
        return EvidenceBatch(stats=[stats])


def _year_hint(batch: EvidenceBatch) -> int | None:
    years = [event.at.year for event in batch.events]
    years += [s.first_time.year for s in batch.stats if s.first_time is not None]
    return int(statistics.median(years)) if years else None
