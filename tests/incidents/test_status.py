import pytest

from hotwash.errors import InvalidTransitionError, ValidationError
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status, allowed_transitions, check_transition

ACTIVE = [Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATING, Status.MONITORING]


@pytest.mark.parametrize("current", ACTIVE)
def test_active_incidents_move_between_active_statuses_and_to_resolved(current: Status) -> None:
    for new in [*ACTIVE, Status.RESOLVED]:
        if new is not current:
            check_transition(current, new)


@pytest.mark.parametrize("current", ACTIVE)
def test_active_incidents_cannot_skip_resolution(current: Status) -> None:
    for new in (Status.POSTMORTEM, Status.CLOSED):
        with pytest.raises(InvalidTransitionError, match=f"cannot move from {current.value}"):
            check_transition(current, new)


def test_after_resolution_only_postmortem_and_closed_follow() -> None:
    assert allowed_transitions(Status.RESOLVED) == {Status.POSTMORTEM, Status.CLOSED}
    assert allowed_transitions(Status.POSTMORTEM) == {Status.CLOSED}
    assert allowed_transitions(Status.CLOSED) == set()
    with pytest.raises(InvalidTransitionError, match="reopen"):
        check_transition(Status.RESOLVED, Status.INVESTIGATING)
    with pytest.raises(InvalidTransitionError, match="closed"):
        check_transition(Status.CLOSED, Status.POSTMORTEM)


def test_same_status_is_refused() -> None:
    with pytest.raises(InvalidTransitionError, match="already Monitoring"):
        check_transition(Status.MONITORING, Status.MONITORING)


@pytest.mark.parametrize(
    ("text", "expected"), [("identified", Status.IDENTIFIED), ("RESOLVED", Status.RESOLVED)]
)
def test_status_parse(text: str, expected: Status) -> None:
    assert Status.parse(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", Severity.SEV1), ("sev2", Severity.SEV2), ("P3", Severity.SEV3), ("SEV4", Severity.SEV4)],
)
def test_severity_parse(text: str, expected: Severity) -> None:
    assert Severity.parse(text) is expected


@pytest.mark.parametrize("text", ["0", "5", "SEV0", "critical", ""])
def test_bad_severity_is_a_validation_error(text: str) -> None:
    with pytest.raises(ValidationError, match="SEV1, SEV2, SEV3 or SEV4"):
        Severity.parse(text)


def test_bad_status_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="Investigating"):
        Status.parse("fixed")
