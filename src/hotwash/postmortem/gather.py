"""Read evidence and rebuild the timeline a draft, a runbook entry or a meeting is made from.

The same flow as ``hotwash timeline`` (find files, pick a source by content, read,
build). For an incident, the caller adds what ``hotwash timeline INC`` reads: the
recorded events and the attached evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from hotwash.errors import ValidationError
from hotwash.evidence.model import EvidenceBatch
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.redact import Redactor
from hotwash.timeline.build import BuildOptions, build_timeline
from hotwash.timeline.collect import FileHook, collect
from hotwash.timeline.model import Timeline

EVIDENCE_DIR = "evidence"


@dataclass
class Reading:
    """How to read evidence: zone for naive times, and optional progress hooks."""

    zone: tzinfo
    on_file: FileHook | None = None
    on_bytes: Callable[[int], None] | None = None
    redactor: Redactor = field(default_factory=Redactor)


def evidence_folder(workspace_root: Path, incident_id: str) -> Path | None:
    """``<workspace>/evidence/<INC>``, where the demo and many teams keep an incident's files."""
    folder = workspace_root / EVIDENCE_DIR / incident_id
    return folder if folder.is_dir() else None


def existing(paths: list[Path]) -> list[Path]:
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise ValidationError(f"no such evidence file or folder: {', '.join(missing)}")
    return paths


def read_evidence(paths: list[Path], reading: Reading) -> EvidenceBatch:
    if not paths:
        return EvidenceBatch()
    context = ReadContext(
        default_zone=reading.zone,
        root=paths[0] if len(paths) == 1 and paths[0].is_dir() else None,
        progress=reading.on_bytes,
    )
    return collect(existing(paths), context, evidence_sources(), on_file=reading.on_file)


def rebuild(batch: EvidenceBatch, redactor: Redactor) -> Timeline:
    return build_timeline(batch, BuildOptions(redactor=redactor))
