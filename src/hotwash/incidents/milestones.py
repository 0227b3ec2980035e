"""The milestones every incident timeline is measured by."""

from __future__ import annotations

import enum

from hotwash.errors import ValidationError


class Milestone(enum.StrEnum):
    """Points in an incident's life; their gaps are the delays a postmortem reports."""

    IMPACT_START = "impact_start"
    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    DECLARED = "declared"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, value: str) -> Milestone:
        text = value.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(text)
        except ValueError:
            names = ", ".join(m.value for m in cls)
            raise ValidationError(f"invalid milestone {value!r}: expected one of {names}") from None
