"""Contributing factors: the several conditions that combined into an incident."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hotwash.errors import ValidationError


class FactorCategory(enum.StrEnum):
    IMMEDIATE = "immediate"
    CONTRIBUTING = "contributing"
    SYSTEMIC = "systemic"

    @classmethod
    def parse(cls, value: str) -> FactorCategory:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(c.value for c in cls)
            raise ValidationError(f"invalid factor category {value!r}: expected {names}") from None


@dataclass(frozen=True)
class ContributingFactor:
    text: str
    category: FactorCategory = FactorCategory.CONTRIBUTING
    seq: int | None = None
