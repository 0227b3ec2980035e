"""``hotwash fetch-logs``: one service's logs for a window, saved in a folder and summarised.

The seed's fetch-logs script, plus what the seed then does by hand: count the errors
and see which messages dominate. Local log files are copied (streamed, read-only);
every other place is fetched with the window pushed down, as ``collect`` does.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.errors import ConfigError
from hotwash.evidence.model import EvidenceBatch
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.live.collection import run_collection
from hotwash.live.files import safe_name
from hotwash.live.logs import FOLDER, log_units
from hotwash.live.progress import describe
from hotwash.live.state import CollectionState, Status
from hotwash.live.window import Window
from hotwash.timeline.collect import collect

ERROR_LEVELS = {"error", "critical", "fatal", "emergency", "alert"}


@dataclass
class FetchedLogs:
    folder: Path
    batch: EvidenceBatch
    outcomes: list[str] = field(default_factory=list)
    failed: int = 0


def fetch_service_logs(
    settings: Settings,
    service: str,
    window: Window,
    output_dir: Path,
    environ: Mapping[str, str],
    *,
    root: Path,
    zone: tzinfo,
) -> FetchedLogs:
    units = log_units(settings, [service], root)
    if not units:
        raise ConfigError(f"service {service!r} has no log_sources configured")
    folder = output_dir / f"{safe_name(service)}-{window.key()}"
    state = CollectionState.load(folder) or CollectionState(folder, window)
    run = run_collection(state, units, settings.sources, environ)
    for outcome in run.outcomes:
        if outcome.record.status is Status.DONE:
            outcome.record.files = [_copied(folder, item) for item in outcome.record.files]
    context = ReadContext(default_zone=zone, since=window.since, until=window.until, root=folder)
    batch = collect([folder], context, evidence_sources())
    failed = sum(1 for o in run.outcomes if o.record.status is Status.FAILED)
    return FetchedLogs(folder, batch, [describe(o) for o in run.outcomes], failed)


def _copied(folder: Path, item: str) -> str:
    """Local files are referenced by ``collect``; here they are copied into the folder."""
    source = Path(item)
    if not source.is_absolute():
        return item
    target = folder / FOLDER / source.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target.relative_to(folder).as_posix()


def log_rows(batch: EvidenceBatch) -> list[list[str]]:
    """Per log file: records, errors and the most frequent error template."""
    rows = []
    for summary in batch.logs:
        errors = [t for t in summary.templates if (t.level or "").lower() in ERROR_LEVELS]
        top = max(errors, key=lambda t: t.count, default=None)
        rows.append([
            summary.path,
            summary.format,
            str(sum(summary.rates.total.values())),
            str(sum(summary.rates.errors.values())),
            f"{top.count}x {top.template}" if top else "-",
        ])  # fmt: skip
    return rows
