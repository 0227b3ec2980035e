"""Write fetched evidence so that a half-written file never exists under its final name."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def safe_name(text: str) -> str:
    """``checkout/api v2`` -> ``checkout_api_v2``: usable as one path component."""
    cleaned = _UNSAFE.sub("_", text).strip("._")
    return cleaned or "unnamed"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def staging_dir(final: Path) -> Path:
    """An empty hidden folder beside ``final`` to build a multi-file result in."""
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=final.parent, prefix=f".partial-{final.name}-"))


def publish_dir(staging: Path, final: Path) -> None:
    """Move a finished folder into place, replacing an unfinished one from before."""
    if final.exists():
        shutil.rmtree(final)
    staging.replace(final)


def remove_partials(folder: Path) -> None:
    """Drop what an interrupted run left half-written."""
    for leftover in folder.rglob(".partial-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
