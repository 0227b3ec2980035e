"""A progress bar over the bytes of evidence read, shown only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)


@dataclass
class ByteProgress:
    """Turns per-file byte counts into one bar across all files."""

    bar: Progress | None
    task: TaskID | None = None
    done_before: int = 0
    current_size: int = 0

    def start_file(self, path: Path) -> None:
        self.done_before += self.current_size
        self.current_size = _size(path)
        self.advance(0)

    def advance(self, bytes_in_file: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(
                self.task, completed=self.done_before + min(bytes_in_file, self.current_size)
            )


@contextmanager
def byte_progress(paths: list[Path], *, enabled: bool | None = None) -> Iterator[ByteProgress]:
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield ByteProgress(None)
        return
    columns = (TextColumn("reading evidence"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        total = sum(_size(path) for root in paths for path in _files(root))
        yield ByteProgress(bar, bar.add_task("read", total=total))


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
    elif root.is_dir():
        yield from (path for path in root.rglob("*") if path.is_file())


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in _files(path))
