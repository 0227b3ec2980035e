"""Interrupted or partly failed collections resume: a re-run fetches only what is missing."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from collecting import RECORDED_WINDOW, collect_with, settings_of
from test_live_bad_conditions import ALERT, GOOD_MATRIX, config

from hotwash.live.collection import open_collection
from hotwash.live.state import STATE_FILE, CollectionState, Status
from hotwash.live.window import Window


class Counting:
    """A transport that counts requests per host and can misbehave for one host."""

    def __init__(self, failing: str | None = None, how: BaseException | int | None = None) -> None:
        self.hits: dict[str, int] = {}
        self.failing, self.how = failing, how

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.hits[host] = self.hits.get(host, 0) + 1
        if host == self.failing and isinstance(self.how, BaseException):
            raise self.how
        if host == self.failing and isinstance(self.how, int):
            return httpx.Response(self.how)
        return httpx.Response(200, json=GOOD_MATRIX if host == "prom.test" else [ALERT])


def test_an_interrupted_collection_fetches_only_the_missing_unit(tmp_path: Path) -> None:
    settings = settings_of(config())
    with pytest.raises(KeyboardInterrupt):
        collect_with(
            settings, tmp_path / "c", httpx.MockTransport(Counting("am.test", KeyboardInterrupt()))
        )
    state = CollectionState.load(tmp_path / "c")
    assert state is not None
    assert {key: unit.status for key, unit in state.units.items()} == {
        "prometheus/checkout/error_ratio": Status.DONE
    }

    again = Counting()
    run = collect_with(settings, tmp_path / "c", httpx.MockTransport(again))
    assert again.hits == {"am.test": 1}
    assert [o.resumed for o in run.outcomes] == [True, False]
    assert (tmp_path / "c" / "alertmanager" / "alerts.json").is_file()


def test_a_failed_unit_is_fetched_again_and_the_done_one_is_not(tmp_path: Path) -> None:
    settings = settings_of(config())
    first = collect_with(settings, tmp_path / "c", httpx.MockTransport(Counting("am.test", 503)))
    assert [o.record.status for o in first.outcomes] == [Status.DONE, Status.FAILED]
    again = Counting()
    collect_with(settings, tmp_path / "c", httpx.MockTransport(again))
    assert again.hits == {"am.test": 1}
    saved = json.loads((tmp_path / "c" / STATE_FILE).read_text())
    assert {key: unit["status"] for key, unit in saved["units"].items()} == {
        "alertmanager/alerts": "done", "prometheus/checkout/error_ratio": "done",
    }  # fmt: skip


def test_an_unfinished_collection_is_resumed_with_its_own_window(tmp_path: Path) -> None:
    CollectionState(tmp_path / RECORDED_WINDOW.key(), RECORDED_WINDOW).save()  # no units yet
    later = Window(RECORDED_WINDOW.since, RECORDED_WINDOW.until.replace(hour=11))
    assert open_collection(tmp_path, later).window == RECORDED_WINDOW
    assert open_collection(tmp_path, later, fresh=True).window == later


def test_half_written_files_of_an_interrupted_run_are_removed(tmp_path: Path) -> None:
    leftover = tmp_path / "c" / "prometheus" / ".partial-abc"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("{")
    collect_with(settings_of(config()), tmp_path / "c", httpx.MockTransport(Counting()))
    assert not leftover.exists()
