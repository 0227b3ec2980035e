"""Evidence attached to an incident, and its chain of custody.

Evidence is referenced where it lies, not copied (unless asked): the record keeps the
absolute path, the size and a SHA-256 taken at attach time, so later readers can tell
whether what they read is what was attached. A folder (a Slack export, a git repository)
gets one digest over its sorted relative paths and their file digests. Files are only
ever opened for reading; a copy into the workspace is made read-only.
"""

from __future__ import annotations

import enum
import hashlib
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hotwash.errors import HotwashError, ValidationError
from hotwash.evidence.source import EvidenceSource
from hotwash.timeline.collect import best_source, discover

READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class CustodyError(HotwashError):
    """Attached evidence changed, went missing or cannot be read since it was attached."""


class Shape(enum.StrEnum):
    FILE = "file"
    FOLDER = "folder"


@dataclass(frozen=True)
class Digest:
    """What the content was: SHA-256 (hex), total bytes and number of files."""

    sha256: str
    size: int
    files: int


@dataclass(frozen=True)
class Inspection:
    """A file or folder looked at before attaching: its digest and who can read it."""

    path: Path  # absolute
    shape: Shape
    digest: Digest
    source: str | None  # the source(s) that read it; None when nothing recognises it
    unrecognised: tuple[str, ...] = ()  # paths inside it (or its own name) no source claims


@dataclass(frozen=True)
class AttachedEvidence:
    """One piece of evidence on an incident, as it was when attached.

    ``copy_path`` is the workspace-relative path of a read-only copy, if one was made; the
    copy is then what hotwash reads and verifies. ``seq`` is assigned by the store.
    """

    incident_id: str
    path: str
    shape: Shape
    sha256: str
    size: int
    files: int
    attached_at: datetime
    attached_by: str | None = None
    source: str | None = None
    unrecognised: tuple[str, ...] = ()
    source_zone: str | None = None
    copy_path: str | None = None
    seq: int | None = None

    @property
    def label(self) -> str:
        return f"E{self.seq}" if self.seq is not None else "E?"

    def location(self, workspace_root: Path) -> Path:
        """Where the evidence is read from: the copy if there is one, else the original."""
        return workspace_root / self.copy_path if self.copy_path else Path(self.path)


def attached_record(
    incident_id: str,
    inspection: Inspection,
    *,
    at: datetime,
    by: str | None,
    source_zone: str | None = None,
    copy_path: str | None = None,
) -> AttachedEvidence:
    """The custody record of ``inspection`` attached to an incident at ``at`` by ``by``."""
    return AttachedEvidence(
        incident_id=incident_id,
        path=str(inspection.path),
        shape=inspection.shape,
        sha256=inspection.digest.sha256,
        size=inspection.digest.size,
        files=inspection.digest.files,
        attached_at=at,
        attached_by=by,
        source=inspection.source,
        unrecognised=inspection.unrecognised,
        source_zone=source_zone,
        copy_path=copy_path,
    )


class Custody(enum.StrEnum):
    INTACT = "intact"
    CHANGED = "changed"
    MISSING = "missing"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class CustodyCheck:
    evidence: AttachedEvidence
    status: Custody
    location: Path
    current: Digest | None = None
    reason: str | None = None

    @property
    def describe(self) -> str:
        if self.status is Custody.CHANGED and self.current is not None:
            return (
                f"changed since attached: sha256 was {self.evidence.sha256[:12]}…,"
                f" now {self.current.sha256[:12]}…"
            )
        if self.status is Custody.UNREADABLE:
            return f"cannot be read ({self.reason})"
        return "missing" if self.status is Custody.MISSING else "intact"


def inspect_evidence(path: Path, sources: list[EvidenceSource]) -> Inspection:
    """Digest a file or folder and find which evidence sources read it, by content."""
    absolute = path.resolve()
    shape = _shape(absolute, shown=path)
    _refuse_special_files(absolute, shown=path)
    names: set[str] = set()
    unrecognised = []
    for target in discover([absolute], sources):
        chosen = best_source(target, sources)
        if chosen is None:
            unrecognised.append(_relative(target.path, absolute))
        else:
            names.add(chosen.name)
    source = ", ".join(sorted(names)) or None
    return Inspection(absolute, shape, digest(absolute), source, tuple(unrecognised))


def digest(path: Path) -> Digest:
    """SHA-256 of a file's bytes, or of a folder's sorted (relative path, file digest) list."""
    if not path.is_dir():
        return Digest(_file_sha256(path), path.stat().st_size, 1)
    outer = hashlib.sha256()
    size = files = 0
    for relative, entry in _entries(path):
        # NUL ends every field: no path or link target contains one, so no two different
        # folders hash the same text. File names are bytes (they need not be UTF-8).
        outer.update(os.fsencode(relative) + b"\0" + _entry_content(entry) + b"\0")
        if entry.is_file() and not entry.is_symlink():
            size += entry.stat().st_size
            files += 1
    return Digest(outer.hexdigest(), size, files)


def _entry_content(entry: Path) -> bytes:
    if entry.is_symlink():
        # Links are not followed (they may point anywhere); what they say is recorded.
        return b"link:" + os.fsencode(entry.readlink())
    if not entry.is_file():
        # A pipe or device has no content to hash, and reading one could block forever.
        return b"special"
    return _file_sha256(entry).encode()


def check_custody(evidence: AttachedEvidence, workspace_root: Path) -> CustodyCheck:
    """Re-hash what hotwash reads for ``evidence`` and compare it with the record."""
    location = evidence.location(workspace_root)
    if not location.exists() and not location.is_symlink():
        return CustodyCheck(evidence, Custody.MISSING, location)
    try:
        now = digest(location)
    except OSError as error:
        return CustodyCheck(evidence, Custody.UNREADABLE, location, reason=_reason(error))
    status = Custody.INTACT if now.sha256 == evidence.sha256 else Custody.CHANGED
    return CustodyCheck(evidence, status, location, now)


def copy_read_only(inspection: Inspection, folder: Path) -> Path:
    """Copy the evidence into ``folder`` with its files read-only; the original is untouched.

    The copy is hashed again: if the original changed while it was copied, the copy is
    removed and the attach fails rather than record a digest the copy does not have.
    """
    folder.mkdir(parents=True, exist_ok=True)
    destination = _free_name(folder, inspection)
    try:
        _copy(inspection, destination)
    except (OSError, shutil.Error) as error:
        remove_copy(destination)
        raise HotwashError(f"cannot copy {inspection.path}: {_reason(error)}") from None
    if digest(destination).sha256 != inspection.digest.sha256:
        remove_copy(destination)
        raise HotwashError(f"{inspection.path} changed while it was being copied; try again")
    return destination


def _copy(inspection: Inspection, destination: Path) -> None:
    if inspection.shape is Shape.FILE:
        shutil.copyfile(inspection.path, destination)
        destination.chmod(READ_ONLY)
        return
    shutil.copytree(inspection.path, destination, symlinks=True)
    for _name, entry in _entries(destination):
        if entry.is_file() and not entry.is_symlink():
            entry.chmod(READ_ONLY)


def remove_copy(copy: Path) -> None:
    """Delete a copy hotwash made (never an original)."""
    if copy.is_dir() and not copy.is_symlink():
        shutil.rmtree(copy)
    else:
        copy.unlink(missing_ok=True)


def _shape(path: Path, *, shown: Path) -> Shape:
    if not _is_text(str(path)):
        printable = os.fsencode(shown).decode("utf-8", "replace")
        raise ValidationError(f"{printable}: the path is not valid UTF-8, so it cannot be recorded")
    if path.is_dir():
        return Shape.FOLDER
    if path.is_file():
        return Shape.FILE
    if not path.exists():
        raise ValidationError(f"no such evidence file or folder: {shown}")
    raise ValidationError(f"{shown}: not a regular file or folder")


def _refuse_special_files(folder: Path, *, shown: Path) -> None:
    """Sniffing opens every file: a named pipe (or a link to one) would block it forever."""
    if not folder.is_dir():
        return
    for relative, entry in _entries(folder):
        if entry.exists() and not (entry.is_file() or entry.is_dir()):
            raise ValidationError(f"{shown}/{relative}: not a regular file (a pipe or device)")


def _free_name(folder: Path, inspection: Inspection) -> Path:
    # Two different files may share a name; the digest tells the copies apart.
    plain = folder / inspection.path.name
    if not plain.exists():
        return plain
    stem, suffix = plain.stem, plain.suffix
    return folder / f"{stem}-{inspection.digest.sha256[:12]}{suffix}"


def _entries(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file and link under ``folder`` (hidden ones too), sorted by relative path."""
    found = []
    for directory, subfolders, names in os.walk(folder):
        base = Path(directory)
        linked = [name for name in subfolders if (base / name).is_symlink()]
        for name in [*names, *linked]:
            entry = base / name
            found.append((entry.relative_to(folder).as_posix(), entry))
    return iter(sorted(found))


def _file_sha256(path: Path) -> str:
    # file_digest reads in fixed-size chunks in C: constant memory whatever the size.
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _relative(path: Path, root: Path) -> str:
    """A name to report; bytes that are not UTF-8 are shown as U+FFFD, as the store keeps text."""
    name = path.name if path == root else path.relative_to(root).as_posix()
    return name if _is_text(name) else os.fsencode(name).decode("utf-8", "replace")


def _is_text(name: str) -> bool:
    # Undecodable bytes arrive from the file system as lone surrogates.
    return not any("\udc80" <= char <= "\udcff" for char in name)


def _reason(error: Exception) -> str:
    """One line for a user: the OS's reason, else the first line of the message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return (str(error).splitlines() or [type(error).__name__])[0]
