"""What a postmortem, runbook entry or review meeting is about: an incident, or a folder.

``INC-2026-0001`` names an incident in the store: its record, plus the evidence
``hotwash timeline INC`` reads (recorded events and attached evidence), plus any
folders given. Anything else is a folder or file of evidence, read without a store
or even a workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hotwash.evidence.model import EvidenceBatch
from hotwash.incidents.model import INCIDENT_ID
from hotwash.postmortem.gather import Reading, existing, read_evidence, rebuild
from hotwash.postmortem.record import IncidentRecord
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline


@dataclass
class Subject:
    timeline: Timeline
    record: IncidentRecord | None
    label: str  # the incident id, or the evidence folder's name (for file names)
    redactor: Redactor = field(default_factory=Redactor)

    @property
    def title(self) -> str:
        return self.record.incident.title if self.record else self.label


def names_incident(target: str) -> bool:
    """``INC-2026-0001`` that is not also the name of an existing path."""
    return bool(INCIDENT_ID.match(target.strip().upper())) and not Path(target).exists()


def incident_subject(
    record: IncidentRecord, recorded: EvidenceBatch, extra: list[Path], reading: Reading
) -> Subject:
    """The incident's recorded and attached evidence (``recorded``) plus ``extra`` paths."""
    recorded.extend(read_evidence(existing(extra), reading))
    timeline = rebuild(recorded, reading.redactor)
    return Subject(timeline, record, record.incident.id, reading.redactor)


def folder_subject(paths: list[Path], reading: Reading) -> Subject:
    timeline = rebuild(read_evidence(existing(paths), reading), reading.redactor)
    label = paths[0].resolve().name if paths else "incident"
    return Subject(timeline, None, label, reading.redactor)
