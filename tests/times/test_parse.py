from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hotwash.errors import AmbiguousTimeError, TimeParseError
from hotwash.times import parse_time, resolve_zone

NOW = datetime(2026, 7, 14, 12, 0, tzinfo=UTC)
BERLIN = resolve_zone("Europe/Berlin")


def parse(text: str, zone: str = "UTC", now: datetime = NOW) -> datetime:
    return parse_time(text, zone=resolve_zone(zone), now=now)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-07-14T10:05:00+02:00", datetime(2026, 7, 14, 8, 5, tzinfo=UTC)),
        ("2026-07-14T10:05:00Z", datetime(2026, 7, 14, 10, 5, tzinfo=UTC)),
        ("2026-07-14 10:05:30z", datetime(2026, 7, 14, 10, 5, 30, tzinfo=UTC)),
        ("2026-07-14T10:05-05:00", datetime(2026, 7, 14, 15, 5, tzinfo=UTC)),
        ("11:05 CEST", datetime(2026, 7, 14, 9, 5, tzinfo=UTC)),
        ("11:05 Europe/Berlin", datetime(2026, 7, 14, 9, 5, tzinfo=UTC)),
        ("07:05 EDT", datetime(2026, 7, 14, 11, 5, tzinfo=UTC)),
        ("11:05+02:00", datetime(2026, 7, 14, 9, 5, tzinfo=UTC)),
        ("11:05Z", datetime(2026, 7, 14, 11, 5, tzinfo=UTC)),
        ("10 minutes ago", NOW - timedelta(minutes=10)),
        ("an hour ago", NOW - timedelta(hours=1)),
        ("2h ago", NOW - timedelta(hours=2)),
        ("now", NOW),
        ("yesterday 23:50 UTC", datetime(2026, 7, 13, 23, 50, tzinfo=UTC)),
        ("2026-07-01 08:00 PDT", datetime(2026, 7, 1, 15, 0, tzinfo=UTC)),
        ("@1784030400", datetime(2026, 7, 14, 12, 0, tzinfo=UTC)),
    ],
)
def test_parses_common_forms_to_utc(text: str, expected: datetime) -> None:
    result = parse(text)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_naive_time_is_read_in_the_given_zone() -> None:
    assert parse("2026-07-14 11:05", "Europe/Berlin") == datetime(2026, 7, 14, 9, 5, tzinfo=UTC)
    assert parse("2026-01-14 11:05", "Europe/Berlin") == datetime(2026, 1, 14, 10, 5, tzinfo=UTC)


def test_clock_time_later_than_now_means_yesterday() -> None:
    late_evening = parse("23:55", now=datetime(2026, 7, 14, 0, 10, tzinfo=UTC))
    assert late_evening == datetime(2026, 7, 13, 23, 55, tzinfo=UTC)
    assert parse("11:58") == datetime(2026, 7, 14, 11, 58, tzinfo=UTC)


def test_ambiguous_local_time_shows_both_readings() -> None:
    # 2026-10-25 02:30 happens twice in Berlin: once in CEST, once in CET.
    with pytest.raises(AmbiguousTimeError) as caught:
        parse("2026-10-25 02:30", "Europe/Berlin")
    message = str(caught.value)
    assert "is ambiguous" in message
    assert "2026-10-25 00:30 UTC" in message
    assert "2026-10-25 01:30 UTC" in message


def test_nonexistent_local_time_is_an_error_with_both_readings() -> None:
    # 2026-03-29 02:30 never happens in Berlin: clocks jump from 02:00 to 03:00.
    with pytest.raises(AmbiguousTimeError) as caught:
        parse("2026-03-29 02:30", "Europe/Berlin")
    message = str(caught.value)
    assert "does not exist" in message
    assert "00:30 UTC" in message
    assert "01:30 UTC" in message


def test_an_explicit_offset_settles_an_ambiguous_time() -> None:
    result = parse("2026-10-25T02:30:00+01:00", "Europe/Berlin")
    assert result == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "25:00",
        "14:61 UTC",
        "14:05 Mars/Olympus",
        "3 fortnights ago",
        "2026-13-01 10:00",
    ],
)
def test_unparseable_times_raise_time_parse_error(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse(text)


def test_unknown_zone_is_named() -> None:
    with pytest.raises(TimeParseError, match="Mars/Olympus"):
        resolve_zone("Mars/Olympus")


@given(
    st.datetimes(
        min_value=datetime(1971, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
        ),
    )
)
def test_iso_round_trip_preserves_the_instant(moment: datetime) -> None:
    result = parse(moment.isoformat())
    assert result == moment
    assert result.tzinfo is UTC
