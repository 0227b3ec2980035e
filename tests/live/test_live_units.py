"""The pieces: window and step, per-minute counts, the line windows, state and the budget."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.errors import ValidationError
from hotwash.live.budget import Meter, RequestBudget
from hotwash.live.counts import aligned, matrix_document, matrix_minutes
from hotwash.live.errors import Failure, FetchError
from hotwash.live.http import ApiClient
from hotwash.live.spikes import MAX_WINDOWS, line_windows
from hotwash.live.state import CollectionState, Status, UnitRecord
from hotwash.live.window import MAX_POINTS, Window

T0 = datetime(2024, 5, 14, 9, 0, tzinfo=UTC)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize(
    ("hours", "step"), [(1, 15), (6, 15), (24, 15), (72, 30), (24 * 14, 120), (24 * 400, 3600)]
)
def test_the_step_keeps_series_under_the_point_limit(hours: int, step: int) -> None:
    window = Window(T0, T0 + timedelta(hours=hours))
    assert window.step_seconds() == step
    assert window.span.total_seconds() / step <= MAX_POINTS or step == 3600


def test_an_empty_or_naive_window_is_refused() -> None:
    with pytest.raises(ValidationError, match="empty window"):
        Window(T0, T0)
    with pytest.raises(ValueError, match="aware"):
        Window(T0.replace(tzinfo=None), T0)


@given(json_values)
def test_matrix_minutes_never_raises_on_any_json(document: object) -> None:
    minutes, values = matrix_minutes(document)
    assert minutes.shape == values.shape


@given(
    st.lists(st.tuples(st.integers(28_000_000, 28_100_000), st.integers(0, 10_000)), max_size=50)
)
def test_counts_round_trip_through_the_prometheus_shape(samples: list[tuple[int, int]]) -> None:
    unique = dict(samples)
    minutes = np.array(sorted(unique), dtype=np.float64)
    values = np.array([unique[int(m)] for m in minutes], dtype=np.float64)
    back_minutes, back_values = matrix_minutes(json.loads(matrix_document({}, minutes, values)))
    assert back_minutes.tolist() == minutes.tolist()
    assert back_values.tolist() == values.tolist()


@given(st.sets(st.integers(0, 100), max_size=30), st.sets(st.integers(0, 100), max_size=30))
def test_aligned_counts_missing_minutes_as_zero(have: set[int], want: set[int]) -> None:
    minutes = np.array(sorted(have), dtype=np.float64)
    values = minutes * 10 + 1
    onto = np.array(sorted(want), dtype=np.float64)
    expected = [m * 10 + 1 if m in have else 0 for m in sorted(want)]
    assert aligned(minutes, values, onto).tolist() == expected


def test_line_windows_cover_baseline_onset_and_peak_and_stay_few() -> None:
    base = int(T0.timestamp() // 60)
    minutes = np.arange(base, base + 60, dtype=np.float64)
    totals = np.full(60, 1000.0)
    errors = np.where((minutes >= base + 31) & (minutes <= base + 44), 300.0, 2.0)
    errors[40] = 600.0
    windows = line_windows(minutes, totals, errors, Window(T0, T0 + timedelta(hours=1)))
    assert 1 <= len(windows) <= MAX_WINDOWS
    onset = T0 + timedelta(minutes=31)
    assert any(w.contains(onset) for w in windows)
    assert any(w.until <= onset - timedelta(minutes=5) for w in windows)  # a baseline sample
    assert sum((w.span for w in windows), timedelta()) <= timedelta(minutes=15)


def test_no_errors_means_no_raw_lines() -> None:
    minutes = np.arange(10, dtype=np.float64)
    assert (
        line_windows(minutes, np.ones(10), np.zeros(10), Window(T0, T0 + timedelta(hours=1))) == []
    )


@settings(max_examples=30)  # each example writes files
@given(st.dictionaries(st.text(min_size=1, max_size=12), st.sampled_from(list(Status)), max_size=6))
def test_state_survives_a_save_and_load(units: dict[str, Status]) -> None:
    folder = Path(tempfile.mkdtemp())
    state = CollectionState(folder, Window(T0, T0 + timedelta(hours=1)))
    state.save()
    for key, status in units.items():
        state.record(key, UnitRecord(status, [f"{key}.json"], "note", 2, 300))
    loaded = CollectionState.load(folder)
    assert loaded is not None
    assert loaded.window == state.window
    assert {k: (u.status, u.files) for k, u in loaded.units.items()} == {
        k: (s, [f"{k}.json"]) for k, s in units.items()
    }


def test_a_damaged_state_file_starts_over(tmp_path: Path) -> None:
    (tmp_path / ".collect-state.json").write_text('{"since": "yesterday"')
    assert CollectionState.load(tmp_path) is None


def test_the_budget_refuses_requests_beyond_its_limit() -> None:
    budget = RequestBudget(limit=3)
    calls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(200, json={})

    client = ApiClient(
        "loki", "http://loki.test", Meter(budget, "loki"), transport=httpx.MockTransport(handle)
    )
    for _ in range(3):
        client.get("/x")
    with pytest.raises(FetchError) as refused:
        client.get("/x")
    assert refused.value.failure is Failure.BUDGET
    assert len(calls) == 3
    assert budget.used["loki"].requests == 3


def test_a_rate_limit_pause_follows_retry_after_within_a_cap() -> None:
    pauses: list[float] = []
    replies = iter(
        [httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200, json=[])]
    )
    client = ApiClient(
        "slack", "http://slack.test", Meter(RequestBudget(10), "slack"),
        transport=httpx.MockTransport(lambda _r: next(replies)), sleep=pauses.append,
    )  # fmt: skip
    assert client.get("/conversations.history").data == []
    assert pauses == [2.0]


def test_credentials_in_a_url_never_reach_a_message() -> None:
    client = ApiClient(
        "prometheus", "http://user:hunter2@prom.test/?key=abc", Meter(RequestBudget(5), "p"),
        transport=httpx.MockTransport(lambda _r: httpx.Response(500)), retries=0,
    )  # fmt: skip
    with pytest.raises(FetchError) as failed:
        client.get("/api/v1/query_range")
    assert str(failed.value) == "prometheus at http://prom.test/: HTTP 500 (1 attempt)"


def test_the_progress_display_names_each_unit_and_its_cost(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hotwash.live.collector import Outcome
    from hotwash.live.progress import collection_progress

    said: list[str] = []
    outcome = Outcome("loki/x", "loki", UnitRecord(Status.FAILED, [], "HTTP 503", 3, 1500), False)
    with collection_progress(1, said.append, enabled=True) as done:
        done(outcome)
    assert "loki/x: FAILED: HTTP 503 (3 requests, 1.5 kB)" in capsys.readouterr().err
    with collection_progress(1, said.append, enabled=False) as done:
        done(outcome)
    assert said == ["loki/x: FAILED: HTTP 503 (3 requests, 1.5 kB)"]
