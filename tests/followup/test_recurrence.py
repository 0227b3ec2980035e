"""Recurrence detection on a collection of postmortems written by several teams.

The collection (tests/fixtures/postmortems-history) holds genuine recurrences (the same
failure mode back with other words, services and dates) and near misses that share a
service, a symptom or vocabulary but not the failure. The expected pairs live here only.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from followup_helpers import HISTORY
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import Run
from hotwash.recurrence.concepts import concepts_in
from hotwash.recurrence.detect import Recurrence, find_recurrences
from hotwash.recurrence.stemming import stem
from hotwash.review.from_files import read_folder
from hotwash.review.history import PastIncident

RECURRENCES = {
    ("2025-09-30-catalog-cache-invalidation.md", "2025-06-10-api-latency-cache-flush.md"),
    ("2025-10-20-partner-webhooks-tls.md", "2025-07-18-billing-ledger-cert.md"),
    ("2026-01-19-search-mtls-cert.md", "2025-07-18-billing-ledger-cert.md"),
    ("2026-01-19-search-mtls-cert.md", "2025-10-20-partner-webhooks-tls.md"),
    ("2025-11-02-reporting-db-no-space.md", "2025-08-05-orders-db-disk-full.md"),
    ("2025-12-11-orders-api-db-connections.md", "2025-09-03-checkout-pool-exhaustion.md"),
    ("2026-11-20-tutor-truncated-answers.md", "2026-08-14-tutor-spanish-gloss.md"),
    ("2026-02-17-service-discovery-dns.md", "2025-07-02-coredns-upstream.md"),
}
NEAR_MISSES = {
    # same services and symptom (checkout 502s), different failure
    ("2025-09-22-checkout-currency-flag.md", "2025-09-03-checkout-pool-exhaustion.md"),
    # same gateway and symptom (webhooks rejected): throttling, not an expired certificate
    ("2025-11-14-partner-webhooks-429.md", "2025-10-20-partner-webhooks-tls.md"),
    # same database and service, replication lag
    ("2025-11-26-orders-replica-lag.md", "2025-08-05-orders-db-disk-full.md"),
    ("2025-12-11-orders-api-db-connections.md", "2025-11-26-orders-replica-lag.md"),
    # disks saturated with I/O while plenty of space was free
    ("2025-10-08-kafka-disk-io.md", "2025-08-05-orders-db-disk-full.md"),
    ("2025-11-02-reporting-db-no-space.md", "2025-10-08-kafka-disk-io.md"),
    # DNS, but a stale TTL rather than failing resolution
    ("2026-02-17-service-discovery-dns.md", "2025-12-01-dns-ttl-failover.md"),
    # same service after a deploy, different failure
    ("2026-03-03-search-latency-sync-logging.md", "2026-01-19-search-mtls-cert.md"),
}


@pytest.fixture(scope="module")
def history() -> list[PastIncident]:
    return [file.incident for file in read_folder(HISTORY)]


@pytest.fixture(scope="module")
def found(history: list[PastIncident]) -> list[Recurrence]:
    return find_recurrences(history)


def _pairs(found: list[Recurrence]) -> set[tuple[str, str]]:
    return {(r.incident.key, r.earlier.key) for r in found}


def test_finds_exactly_the_recurrences_of_the_collection(found: list[Recurrence]) -> None:
    assert _pairs(found) == RECURRENCES


def test_near_misses_are_not_flagged(found: list[Recurrence]) -> None:
    assert _pairs(found) & NEAR_MISSES == set()


def test_each_match_says_why(found: list[Recurrence]) -> None:
    for match in found:
        assert match.reasons, match
        assert any(reason.startswith("same failure mode:") for reason in match.reasons)
        assert 0.3 <= match.score <= 1.0
        assert match.earlier.started_at is not None
        assert match.incident.started_at is not None
        assert match.earlier.started_at < match.incident.started_at


def test_the_earlier_incidents_open_items_are_shown(found: list[Recurrence]) -> None:
    pool = next(r for r in found if r.earlier.key == "2025-09-03-checkout-pool-exhaustion.md")

    open_items = [action.action for action in pool.open_actions]
    assert open_items == [
        "Alert when pool usage stays above 80% for 5 minutes",
        "Require a database reviewer for changes to connection handling",
    ]  # AI-001, the integration test, is marked Done in that postmortem


def test_review_of_a_folder_needs_no_store(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no workspace here

    result = run("review", str(HISTORY), "--json")

    assert result.code == 0, result.err
    recurrences = json.loads(result.out)["recurrences"]
    assert {(r["incident"], r["earlier"]) for r in recurrences} == RECURRENCES
    first = recurrences[0]
    assert set(first) >= {"incident", "earlier", "score", "reasons"}
    assert isinstance(first["score"], float)
    assert first["reasons"]
    assert "earlier_open_actions" in first
    assert "we_knew" in first


def test_files_with_the_same_name_are_named_by_their_path(tmp_path: Path) -> None:
    for team in ("payments", "orders"):
        (tmp_path / team).mkdir()
    shutil.copy(HISTORY / "2025-09-03-checkout-pool-exhaustion.md", tmp_path / "payments" / "pm.md")
    shutil.copy(HISTORY / "2025-12-11-orders-api-db-connections.md", tmp_path / "orders" / "pm.md")

    found = find_recurrences([file.incident for file in read_folder(tmp_path)])

    assert _pairs(found) == {("orders/pm.md", "payments/pm.md")}


def _incident(key: str, day: int, **fields: object) -> PastIncident:
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day)
    return PastIncident(key=key, title=str(fields.pop("title", key)), started_at=start, **fields)  # type: ignore[arg-type]


def test_shared_services_alone_do_not_make_a_recurrence() -> None:
    first = _incident(
        "a", 1, title="Checkout errors after a bad feature flag", services=("checkout",)
    )
    second = _incident("b", 9, title="Checkout slow while the cache warmed", services=("checkout",))

    assert find_recurrences([first, second]) == []


def test_only_checks_the_named_incidents_but_against_all_history(
    history: list[PastIncident],
) -> None:
    later = "2026-01-19-search-mtls-cert.md"

    found = find_recurrences(history, only={later})

    assert _pairs(found) == {pair for pair in RECURRENCES if pair[0] == later}


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(
    history: list[PastIncident], rng: random.Random
) -> None:
    shuffled = list(history)
    rng.shuffle(shuffled)

    assert _pairs(find_recurrences(shuffled)) == RECURRENCES


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=20, max_size=20))
def test_the_earlier_incident_is_never_the_later_one(
    history: list[PastIncident], days: list[int]
) -> None:
    base = datetime(2025, 1, 1, tzinfo=UTC)
    redated = [
        replace(i, started_at=base + timedelta(days=d)) for i, d in zip(history, days, strict=True)
    ]

    for match in find_recurrences(redated):
        assert match.earlier.started_at is not None
        assert match.incident.started_at is not None
        assert match.earlier.started_at <= match.incident.started_at
        assert 0.0 <= match.score <= 1.0


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("connection", "connect"),
        ("connected", "connect"),
        ("expiration", "expir"),
        ("rotation", "rotat"),
        ("relational", "relat"),
        ("hopping", "hop"),
        ("ponies", "poni"),
        ("generalization", "gener"),
        ("exhaustion", "exhaust"),
    ],
)
def test_porter_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("the connection pool was exhausted", "connection-exhaustion"),
        ("we ran out of database connections", "connection-exhaustion"),
        ("FATAL: sorry, too many clients already", "connection-exhaustion"),
        ("the TLS cert on the gateway lapsed", "certificate-expiry"),
        ("no space left on device", "disk-full"),
        ("the deploy job flushes every key in Redis", "cache-stampede"),
        ("max_new_tokens was lowered to 12", "generation-budget"),
    ],
)
def test_failure_modes_are_named_in_many_words(text: str, mode: str) -> None:
    assert mode in concepts_in(text)


def test_a_negated_or_unrelated_mention_names_no_mode() -> None:
    assert concepts_in("disks had plenty of free space; the bottleneck was IOPS") == {
        "disk-io-saturation": "IOPS"
    }


def test_a_write_up_in_sections_of_its_own_is_still_compared(tmp_path: Path) -> None:
    body = (
        "# {title}\n\nDate: {day}\n\n## Notes from the on-call\n\n{text}\n\n"
        "## Follow-ups\n\n- Add an alert (owner: @kim)\n"
    )
    (tmp_path / "a.md").write_text(
        body.format(
            title="Orders outage",
            day="2026-01-05",
            text="The order service leaked database connections on its retry path until the "
            "connection pool was exhausted and every request waited for a connection.",
        )
    )
    (tmp_path / "b.md").write_text(
        body.format(
            title="Billing outage",
            day="2026-04-02",
            text="A new batch job never closed its database connections; Postgres refused new "
            "clients with 'too many clients already' and billing requests timed out waiting.",
        )
    )

    found = find_recurrences([file.incident for file in read_folder(tmp_path)])

    assert _pairs(found) == {("b.md", "a.md")}


def test_a_log_line_quoted_with_a_new_prefix_is_still_shared(found: list[Recurrence]) -> None:
    disk = next(r for r in found if r.incident.key == "2025-11-02-reporting-db-no-space.md")

    assert any(
        reason.startswith("both quote the log line 'could not write to file <*>")
        for reason in disk.reasons
    )


def test_a_write_up_that_names_the_earlier_one_is_matched(tmp_path: Path) -> None:
    text = "# {title}\n\nDate: {day}\n\n## Summary\n\n{text}\n"
    (tmp_path / "2026-01-05-search-reindex.md").write_text(
        text.format(
            title="Search results stale",
            day="2026-01-05",
            text="The nightly reindex job stalled on a mapping conflict and results went stale.",
        )
    )
    (tmp_path / "2026-03-09-search-stale.md").write_text(
        text.format(
            title="Stale search results again",
            day="2026-03-09",
            text="Results were stale for six hours: the reindex stalled on a new field. "
            "See 2026-01-05-search-reindex for the first time this happened.",
        )
    )

    (match,) = find_recurrences([file.incident for file in read_folder(tmp_path)])

    assert (match.incident.key, match.earlier.key) == (
        "2026-03-09-search-stale.md",
        "2026-01-05-search-reindex.md",
    )
    assert match.reasons[0] == "the later write-up names 2026-01-05-search-reindex.md"
