"""Evidence time parsing: exact round trips for ISO 8601 and epoch forms, scalar and columnar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.evidence.sources.git_log_text import parse_git_log
from hotwash.evidence.sources.time_columns import parse_time_column
from hotwash.evidence.sources.timestamps import parse_instant
from hotwash.times import resolve_zone
from hotwash.times.parse import localize

BERLIN = resolve_zone("Europe/Berlin")
INSTANTS = st.datetimes(
    min_value=datetime(1971, 1, 2), max_value=datetime(2199, 12, 30), timezones=st.just(UTC)
)
# Epoch numbers say their unit only by size: from 1974 on, seconds and milliseconds
# cannot be confused (evidence older than that does not exist).
EPOCH_INSTANTS = st.datetimes(
    min_value=datetime(1974, 1, 1), max_value=datetime(2199, 12, 30), timezones=st.just(UTC)
)
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
FAST = settings(max_examples=100, deadline=None)
FEWER = settings(max_examples=40, deadline=None)


@FAST
@given(instant=INSTANTS, offset=OFFSETS)
def test_iso_with_any_offset_round_trips(instant: datetime, offset: timezone) -> None:
    written = instant.astimezone(offset).isoformat()
    parsed = parse_instant(written, BERLIN)
    assert parsed.at == instant
    assert parsed.assumed is False


@FAST
@given(instant=INSTANTS)
def test_z_suffix_and_space_separator_round_trip(instant: datetime) -> None:
    written = instant.strftime("%Y-%m-%d %H:%M:%S.%fZ")
    assert parse_instant(written, BERLIN).at == instant


@FAST
@given(instant=EPOCH_INSTANTS)
def test_epoch_seconds_text_round_trips_to_the_microsecond(instant: datetime) -> None:
    whole = int(instant.timestamp() // 1)
    written = f"{whole}.{instant.microsecond:06d}"
    assert parse_instant(written, BERLIN).at == instant


@FAST
@given(instant=EPOCH_INSTANTS)
def test_epoch_numbers_in_seconds_and_milliseconds(instant: datetime) -> None:
    seconds = instant.replace(microsecond=0)
    assert parse_instant(int(seconds.timestamp()), BERLIN).at == seconds
    millis = instant.replace(microsecond=instant.microsecond // 1000 * 1000)
    count = (millis - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)
    assert parse_instant(count, BERLIN).at == millis
    assert parse_instant(count / 1000, BERLIN).at == millis


@FAST
@given(local=st.datetimes(min_value=datetime(1980, 1, 1), max_value=datetime(2100, 1, 1)))
def test_naive_times_are_read_in_the_zone_and_flagged(local: datetime) -> None:
    parsed = parse_instant(local.isoformat(), BERLIN)
    try:
        expected = localize(local, BERLIN)
    except ValueError:
        assert parsed.at is None
        assert parsed.problem == "local time ambiguous or skipped by a DST change"
        return
    assert (parsed.at, parsed.assumed) == (expected, True)


@FEWER
@given(instants=st.lists(st.tuples(INSTANTS, OFFSETS), max_size=20))
def test_column_parsing_agrees_with_the_scalar_parser(
    instants: list[tuple[datetime, timezone]],
) -> None:
    written = [instant.astimezone(offset).isoformat() for instant, offset in instants]
    column = parse_time_column(pl.Series(written, dtype=pl.String), BERLIN)
    assert column.times.to_list() == [parse_instant(text, BERLIN).at for text in written]


@FEWER
@given(instant=INSTANTS.map(lambda value: value.replace(microsecond=0)), offset=OFFSETS)
def test_git_default_dates_round_trip(instant: datetime, offset: timezone) -> None:
    local = instant.astimezone(offset)
    date = f"{local:%a %b} {local.day} {local:%H:%M:%S %Y %z}"
    text = f"commit 0123456789abcdef\nAuthor: A B <a@b>\nDate:   {date}\n\n    subject\n"
    (at,) = parse_git_log(text, UTC).commits["at"].to_list()
    assert at == instant


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, "missing time"),
        ("", "missing time"),
        (True, "time is not a string or number"),
        ({"t": 1}, "time is not a string or number"),
        ("yesterday", "unreadable time"),
        ("0001-01-01T00:00:00Z", "zero time"),
        (-5, "time out of range"),
        (float("nan"), "time out of range"),
        ("9999-12-31T23:59:59-14:00", "time out of range"),
        ("2026-03-29T02:30:00", "local time ambiguous or skipped by a DST change"),
    ],
)
def test_unreadable_times_say_why(value: object, problem: str) -> None:
    parsed = parse_instant(value, BERLIN)
    assert (parsed.at, parsed.problem) == (None, problem)
