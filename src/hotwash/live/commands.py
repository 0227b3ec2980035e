"""Run a log command (journalctl, docker, kubectl) with its output streamed into a file.

Output goes straight from the process to disk, so a big window costs disk, not memory.
The command is stopped after a timeout; a missing tool or a failure is a clear error,
with the tool's own first line of complaint, and no half-written file is left behind.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from hotwash.live.errors import Failure, FetchError

TIMEOUT_SECONDS = 300.0


def run_to_file(
    command: list[str],
    output: Path,
    *,
    merge_stderr: bool = False,
    timeout: float = TIMEOUT_SECONDS,
) -> int:
    """Run ``command``; its stdout (and stderr, if merged) becomes ``output``. Returns bytes."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as stream, tempfile.TemporaryFile() as errors:
            code = _run(command, stream, errors, merge_stderr, timeout)
            if code != 0:
                raise _failed(command, code, errors, Path(temporary) if merge_stderr else None)
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return output.stat().st_size


def _run(
    command: list[str], stream: IO[bytes], errors: IO[bytes], merge: bool, timeout: float
) -> int:
    try:
        process = subprocess.Popen(
            command,
            stdout=stream,
            stderr=subprocess.STDOUT if merge else errors,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise FetchError(Failure.TOOL, f"{command[0]} is not installed (not on PATH)") from None
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise FetchError(Failure.TIMEOUT, f"{command[0]} took longer than {timeout:g} s") from None


def _failed(command: list[str], code: int, errors: IO[bytes], merged: Path | None) -> FetchError:
    if merged is not None:
        complaint = merged.read_bytes()[-2000:]
    else:
        errors.seek(0)
        complaint = errors.read(2000)
    lines = complaint.decode("utf-8", errors="replace").strip().splitlines()
    reason = lines[-1 if merged is not None else 0][:200] if lines else "no message"
    return FetchError(Failure.TOOL, f"{command[0]} exited with {code}: {reason}")
