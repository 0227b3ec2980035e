"""Severity levels SEV1 (worst) to SEV4."""

from __future__ import annotations

import enum

from hotwash.errors import ValidationError


class Severity(enum.StrEnum):
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"

    @property
    def level(self) -> int:
        return int(self.value[3])

    @classmethod
    def parse(cls, value: str | int) -> Severity:
        """Accept ``2``, ``"2"``, ``"sev2"``, ``"SEV2"`` or ``"P2"``."""
        text = str(value).strip().upper()
        for prefix in ("SEV", "P"):
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
        if text in {"1", "2", "3", "4"}:
            return cls(f"SEV{text}")
        raise ValidationError(f"invalid severity {value!r}: expected SEV1, SEV2, SEV3 or SEV4")
