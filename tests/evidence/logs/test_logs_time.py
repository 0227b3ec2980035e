"""Time handling: offsets honoured, zones assumed and reported, years and dates completed."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import balanced, fixture, only_stats, read, utc

BERLIN = ZoneInfo("Europe/Berlin")


def test_access_log_offset_is_honoured_whatever_the_default_zone() -> None:
    stats = only_stats(read(fixture("nginx-access.log"), default_zone=ZoneInfo("America/New_York")))
    assert stats.first_time == utc("2026-03-14T14:01:59Z")  # written 15:01:59 +0100
    assert stats.assumed_zone is None


def test_naive_java_log_takes_the_zone_configured_by_glob_and_reports_it() -> None:
    stats = only_stats(read(fixture("java-payments.log"), zones={"java-*.log": BERLIN}))
    assert stats.assumed_zone == "Europe/Berlin"
    assert stats.first_time == utc("2026-03-14T13:01:58.412Z")
    assert any("Europe/Berlin" in note for note in stats.notes)


def test_naive_log_zone_can_be_matched_by_service_name() -> None:
    stats = only_stats(read(fixture("python-worker.log"), zones={"python-worker": BERLIN}))
    assert stats.assumed_zone == "Europe/Berlin"
    assert stats.first_time == utc("2026-03-14T13:02:00.004Z")


def test_default_zone_is_assumed_when_nothing_matches() -> None:
    stats = only_stats(
        read(fixture("java-payments.log"), default_zone=BERLIN, zones={"*.jsonl": ZoneInfo("UTC")})
    )
    assert stats.assumed_zone == "Europe/Berlin"


def test_syslog_year_comes_from_mtime_and_rolls_over_new_year(tmp_path: Path) -> None:
    copy = tmp_path / "messages"
    shutil.copyfile(fixture("syslog-newyear.log"), copy)
    written = datetime(2026, 1, 1, 0, 5).timestamp()
    os.utime(copy, (written, written))
    stats = only_stats(read(copy))
    assert stats.first_time == utc("2025-12-31T23:58:01Z")
    assert stats.last_time == utc("2026-01-01T00:01:10Z")
    assert any("modification time" in note for note in stats.notes)
    assert any("new year assumed at line 4" in note for note in stats.notes)
    assert stats.backwards_timestamps == 0


def test_year_hint_wins_over_mtime() -> None:
    stats = only_stats(read(fixture("klog-controller.log"), year_hint=2024))
    assert stats.first_time == utc("2024-03-14T14:02:10.100200Z")
    assert any("year hint" in note for note in stats.notes)


def test_time_only_log_takes_its_date_from_the_file_and_crosses_midnight() -> None:
    stats = only_stats(read(fixture("logback-console.log")))
    assert stats.format == "java-time-only"
    assert stats.first_time == utc("2026-03-14T23:59:58.101Z")
    assert stats.last_time == utc("2026-03-15T00:00:02.440Z")
    assert any("2026-03-14 taken from the file" in note for note in stats.notes)


def test_backwards_timestamps_are_counted_with_first_line_and_kept() -> None:
    stats = only_stats(read(fixture("backwards.log")))
    assert stats.backwards_timestamps == 1  # the 0.2 s interleaving is tolerated
    assert stats.records == 6
    assert "timestamps go backwards (first at line 5)" in stats.notes


def test_window_skips_records_outside_it_as_outside_window() -> None:
    stats = only_stats(
        read(
            fixture("java-payments.log"),
            since=utc("2026-03-14T14:02:00Z"),
            until=utc("2026-03-14T14:03:00Z"),
        )
    )
    assert stats.records == 4
    assert stats.skipped == {"outside window": 3}
    assert stats.first_time == utc("2026-03-14T14:02:03.090Z")
    assert balanced(stats)


def test_dst_fold_local_times_are_flagged(tmp_path: Path) -> None:
    log = tmp_path / "fold.log"
    log.write_text(
        "2026-10-25 02:30:00,000 INFO [m] a.B - in the repeated hour\n"
        "2026-10-25 03:30:00,000 INFO [m] a.B - after\n"
    )
    stats = only_stats(read(log, default_zone=BERLIN))
    assert stats.flagged == {"local time in a DST fold (read as the earlier)": 1}
    assert stats.first_time == utc("2026-10-25T00:30:00Z")
