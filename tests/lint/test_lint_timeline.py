"""Timeline and delay rules: zones, order, midnight, milestones, stated delays."""

from __future__ import annotations

from lintrun import findings, lines_of, rule_ids


def test_utc_declared_in_heading_header_or_note() -> None:
    rows = "- 14:02 errors begin\n- 14:06 alert fires\n"
    assert rule_ids(f"## Timeline\n\n{rows}", "timeline/no-utc") == {"timeline/no-utc"}
    assert rule_ids(f"## Timeline (UTC)\n\n{rows}", "timeline/no-utc") == set()
    assert rule_ids(f"## Timeline\n\nAll times UTC.\n\n{rows}", "timeline/no-utc") == set()
    table = "## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 14:02 | errors |\n"
    assert rule_ids(table, "timeline/no-utc") == set()


def test_utc_fix_offered_only_when_every_row_is_utc() -> None:
    stamped = "## Timeline\n\n- 14:02 UTC errors begin\n- 2026-03-14T14:06Z alert fires\n"
    (finding,) = findings(stamped, "timeline/no-utc")
    assert finding.fix
    assert finding.fix[0].text == " (UTC)"
    (bare,) = findings("## Timeline\n\n- 14:02 errors\n- 14:06 alert\n", "timeline/no-utc")
    assert bare.fix == ()


def test_non_utc_rows_and_declarations() -> None:
    declared = "## Timeline (Europe/Berlin)\n\n- 16:02 errors\n"
    assert lines_of(declared, "timeline/non-utc-zone") == [1]
    (row,) = findings("## Timeline (UTC)\n\n- 16:02 CEST errors\n", "timeline/non-utc-zone")
    assert row.fix
    assert row.fix[0].text == "14:02 UTC"
    (ambiguous,) = findings("## Timeline (UTC)\n\n- 16:02 IST errors\n", "timeline/non-utc-zone")
    assert ambiguous.fix == ()
    (crossing,) = findings("## Timeline (UTC)\n\n- 01:10 CEST errors\n", "timeline/non-utc-zone")
    assert crossing.fix == ()  # 23:10 the day before: no date to move it to
    (dated,) = findings(
        "## Timeline (UTC)\n\n- 2026-03-15 01:10 CEST errors\n", "timeline/non-utc-zone"
    )
    assert dated.fix
    assert dated.fix[0].text == "2026-03-14 23:10 UTC"


def test_order_and_midnight() -> None:
    text = (
        "## Timeline (UTC)\n\n- 23:40 deploy\n- 23:50 errors\n- 23:45 alert\n"
        "- 00:10 rollback\n- 2026-03-15 00:20 resolved\n"
    )
    assert lines_of(text, "timeline/out-of-order") == [5]
    assert lines_of(text, "timeline/midnight-without-date") == [6]
    dated = "## Timeline (UTC)\n\n- 2026-03-14 23:50 errors\n- 2026-03-15 00:10 alert\n"
    assert lines_of(dated, "timeline/midnight-without-date") == []
    assert lines_of(dated, "timeline/out-of-order") == []


def test_rows_in_other_zones_are_ordered_in_utc() -> None:
    text = "## Timeline (UTC)\n\n- 08:00 UTC deploy\n- 10:15 CEST alert\n- 08:40 UTC done\n"
    assert lines_of(text, "timeline/out-of-order") == []


def test_milestones_and_start() -> None:
    plain = "## Timeline (UTC)\n\n- 10:00 deploy\n- 10:05 errors begin\n- 10:09 alert fires\n"
    assert lines_of(plain, "timeline/no-milestones") == [1]
    assert lines_of(plain, "timeline/starts-at-impact") == []
    late = "## Timeline (UTC)\n\n- 10:05 **[impact start]** errors\n- 10:09 **[detected]** alert\n"
    assert lines_of(late, "timeline/starts-at-impact") == [3]
    assert lines_of(late, "timeline/no-milestones") == []


def test_judgement_in_rows_but_not_questions() -> None:
    text = (
        "## Timeline (UTC)\n\n- 10:00 Dana: should we roll back?\n"
        "- 10:05 rollback done; clearly the canary would help\n"
    )
    assert lines_of(text, "timeline/fix-or-judgement") == [4]


def test_stated_delays_are_compared_with_the_timeline() -> None:
    timeline = (
        "## Timeline (UTC)\n\n- 10:00 **[impact start]** errors\n- 10:12 **[detected]** alert\n"
        "- 10:41 **[mitigated]** rollback done\n"
    )
    right = f"## Summary\n\nTime to detect: 12 min. Time to mitigate: 41 minutes.\n\n{timeline}"
    wrong = f"## Summary\n\nTime to detect: 7 min. Time to mitigate: 41 minutes.\n\n{timeline}"
    assert lines_of(right, "delays/mismatch") == []
    assert lines_of(wrong, "delays/mismatch") == [3]
    assert lines_of(right, "delays/not-stated") == []
    (missing,) = findings(f"## Summary\n\nIt broke.\n\n{timeline}", "delays/not-stated")
    assert "detection and mitigation" in missing.message


def test_status_codes_are_not_durations() -> None:
    text = (
        "## Summary\n\nThe incident for checkout 502s lasted 29 minutes. Time to detect: 4 min.\n\n"
        "## Timeline (UTC)\n\n- 10:00 **[impact start]** 502s\n- 10:04 **[detected]** alert\n"
        "- 10:29 **[mitigated]** fixed\n"
    )
    assert lines_of(text, "delays/mismatch") == []


def test_unquantified_impact() -> None:
    vague = "## Impact\n\nSome users saw errors for a while.\n"
    assert lines_of(vague, "impact/not-quantified") == [3, 3]
    assert lines_of("## Impact\n\nCheckout was slow.\n", "impact/not-quantified") == [1]
    numbers = "## Impact\n\n2,300 orders failed. Some users retried later.\n"
    assert lines_of(numbers, "impact/not-quantified") == [3]
    fine = "## Impact\n\n2,300 orders (14%) failed over 23 minutes.\n"
    assert lines_of(fine, "impact/not-quantified") == []
