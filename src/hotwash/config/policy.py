"""The severity policy: how fast to respond, how often to update, who to wake.

Defaults follow the incident-response seed's SEV1-SEV4 table; every value can
be overridden in ``hotwash.toml`` under ``[severity.SEVn]``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from hotwash.errors import HotwashError
from hotwash.incidents.severity import Severity
from hotwash.times.durations import parse_duration


def _duration(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return parse_duration(value)
    except HotwashError as error:  # pydantic reports ValueErrors with the key's location
        raise ValueError(str(error)) from None


Duration = Annotated[timedelta, BeforeValidator(_duration)]


class SeverityRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    response_time: Duration
    update_cadence: Duration
    escalation: list[str]
    postmortem_required: bool
    postmortem_due: Duration | None = None
    status_page: bool = False


class SeverityPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    SEV1: SeverityRule = Field(
        default_factory=lambda: SeverityRule(
            description="Complete outage, all users affected",
            response_time=timedelta(minutes=5),
            update_cadence=timedelta(minutes=15),
            escalation=["Page on-call engineer", "Page engineering manager immediately"],
            postmortem_required=True,
            postmortem_due=timedelta(hours=48),
            status_page=True,
        )
    )
    SEV2: SeverityRule = Field(
        default_factory=lambda: SeverityRule(
            description="Major degradation, most users affected",
            response_time=timedelta(minutes=15),
            update_cadence=timedelta(minutes=30),
            escalation=["Page on-call engineer", "Notify engineering manager"],
            postmortem_required=True,
            postmortem_due=timedelta(hours=48),
            status_page=True,
        )
    )
    SEV3: SeverityRule = Field(
        default_factory=lambda: SeverityRule(
            description="Partial degradation, some users affected",
            response_time=timedelta(hours=1),
            update_cadence=timedelta(hours=2),
            escalation=["Notify on-call engineer via chat"],
            postmortem_required=False,
        )
    )
    SEV4: SeverityRule = Field(
        default_factory=lambda: SeverityRule(
            description="Minor issue, few users affected",
            response_time=timedelta(hours=4),
            update_cadence=timedelta(days=1),
            escalation=["Create a ticket; address during working hours"],
            postmortem_required=False,
        )
    )

    def rule(self, severity: Severity) -> SeverityRule:
        rule: SeverityRule = getattr(self, severity.value)
        return rule
