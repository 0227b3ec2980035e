"""How a collection shows itself: a progress bar on a terminal, one line per unit on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hotwash.live.collector import Outcome
from hotwash.live.state import Status

Say = Callable[[str], None]


@contextmanager
def collection_progress(
    total: int, say: Say, *, enabled: bool | None = None
) -> Iterator[Callable[[Outcome], None]]:
    """A callback for finished units: advances the bar and says what the unit did."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield lambda outcome: say(describe(outcome))
        return
    columns = (TextColumn("collecting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("collect", total=total)

        def done(outcome: Outcome) -> None:
            bar.console.print(describe(outcome), markup=False, highlight=False)
            bar.advance(task)

        yield done


def describe(outcome: Outcome) -> str:
    record = outcome.record
    if outcome.resumed:
        return f"{outcome.key}: already fetched ({record.status.value})"
    cost = f"{record.requests} request{'s' * (record.requests != 1)}, {human_bytes(record.bytes)}"
    if record.status is Status.FAILED:
        return f"{outcome.key}: FAILED: {record.message} ({cost})"
    if record.status is Status.EMPTY:
        return f"{outcome.key}: nothing saved: {record.message or 'no data'} ({cost})"
    note = f"; {record.message}" if record.message else ""
    return f"{outcome.key}: saved {', '.join(record.files)} ({cost}){note}"


def human_bytes(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"
