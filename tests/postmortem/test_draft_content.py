"""What a draft says, checked against the evidence itself rather than against the code.

The demo bundle's story (demo/evidence.py): payments-api v2.14.0 deployed at 13:58:04,
impact 14:02, alert 14:06:12, ack 14:07:40, declared in chat 14:09:05, back to
baseline 14:31, page resolved 14:48. Figures are recounted from the raw files here.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pm_secrets import SECRETS

from hotwash.config.settings import Settings
from hotwash.postmortem.catalog import Catalog
from hotwash.postmortem.document import parse_document
from hotwash.postmortem.draft import Draft, DraftRequest, default_path, slugify, write_draft
from hotwash.postmortem.parse_families import Family
from hotwash.postmortem.placeholders import placeholders
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

STANDARD_FAMILIES = {
    Family.SUMMARY,
    Family.IMPACT,
    Family.TIMELINE,
    Family.DETECTION,
    Family.RESPONSE,
    Family.CAUSES,
    Family.ANALYSIS,
    Family.WENT_WELL,
    Family.WENT_POORLY,
    Family.LUCKY,
    Family.ACTIONS,
    Family.LESSONS,
    Family.APPENDIX,
}
_ACCESS = re.compile(r"\[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] \"[^\"]*\" (\d{3}) ")


@pytest.fixture(scope="module")
def draft(demo_timeline: Timeline, tmp_path_factory: pytest.TempPathFactory) -> Draft:
    folder = tmp_path_factory.mktemp("draft")
    request = DraftRequest(demo_timeline, Settings(), folder, output=folder / "pm.md")
    return write_draft(request, Catalog())


def _recount(bundle: Path) -> tuple[int, int]:
    """5xx and all responses from 14:02 to 14:31 UTC, read straight from the access log."""
    start = datetime(2026, 3, 14, 14, 2, tzinfo=UTC)
    end = datetime(2026, 3, 14, 14, 31, tzinfo=UTC)
    failed = total = 0
    for line in (bundle / "edge-nginx-access.log").read_text().splitlines():
        match = _ACCESS.search(line)
        assert match, line
        at = datetime.strptime(match.group(1), "%d/%b/%Y:%H:%M:%S %z")
        if start <= at < end:
            total += 1
            failed += match.group(2).startswith("5")
    return failed, total


def test_standard_draft_has_every_section(draft: Draft) -> None:
    document = parse_document(draft.text)
    found = {section.family for section in document.walk()}
    assert found >= STANDARD_FAMILIES
    for name in ("date", "owner", "status", "severity", "duration"):
        assert document.field(name) is not None, name
    assert document.field("status").value.text == "Draft"  # type: ignore[union-attr]


def test_impact_is_quantified_from_the_evidence(draft: Draft, demo_bundle: Path) -> None:
    failed, total = _recount(demo_bundle)
    assert f"**Failed requests:** {failed:,} of {total:,} returned 5xx" in draft.text
    assert f"**Error rate:** {failed / total * 100:.1f}% of requests" in draft.text
    assert "**Duration:** 29m of user impact (14:02 UTC to 14:31 UTC)" in draft.text
    assert re.search(r"\*\*Affected services:\*\* checkout\b.*payments-api", draft.text)


def test_timeline_is_utc_with_source_actor_and_milestones(draft: Draft) -> None:
    assert "| Time (UTC) | Event | Source | Actor |" in draft.text
    expected = {
        "14:02:00": "impact start",
        "14:06:12": "detected",
        "14:07:40": "acknowledged",
        "14:09:05": "declared",
        "14:31:00": "mitigated",
        "14:48:00": "resolved",
    }
    for clock, milestone in expected.items():
        assert re.search(rf"^\| {clock} \| \*\*\[{milestone}\]\*\* ", draft.text, re.M), milestone
    assert "| 13:58:04 | Deploy payments-api v2.14.0" in draft.text  # starts before impact


def test_delays_are_stated_exactly(draft: Draft) -> None:
    assert "- **Detection delay (impact start → detected):** 4m 12s" in draft.text
    assert "- **Mitigation delay (impact start → mitigated):** 29m" in draft.text
    assert "- **Mitigation delay (detected → mitigated):** 24m 48s" in draft.text
    assert "Detected at 14:06:12 UTC (first alert or page: Alert CheckoutHigh5xxRate" in draft.text


def test_factors_are_seeded_by_the_evidence_and_name_no_person(draft: Draft) -> None:
    factors = draft.context.factors
    immediate = " ".join(factors["immediate"])
    assert "A change 3m 56s before impact started: Deploy payments-api v2.14.0" in immediate
    assert "A resource limit in the error logs of payments-api" in immediate
    assert "pool exhausted" in immediate
    everything = " ".join(line for lines in factors.values() for line in lines)
    for person in ("Dana", "Lee", "Sam", "ci-bot"):
        assert person not in everything
    assert all(lines and "[TODO: " in lines[-1] for lines in factors.values())


def test_nothing_is_invented_where_the_evidence_is_silent(draft: Draft) -> None:
    missing = placeholders(draft.text)
    assert any(hint.startswith("incident title") for hint in missing)
    assert "owner of this postmortem" in missing
    assert any(hint.startswith("latency chart") for hint in missing)
    assert "number of users or customers affected" in missing
    assert "**Severity:** SEV2" in draft.text  # said in the declaration in chat


def test_required_artifacts_come_from_the_evidence(draft: Draft) -> None:
    assert "- **Alert that fired:** Alert CheckoutHigh5xxRate firing" in draft.text
    assert "- **Version in effect at impact start:** Deploy payments-api v2.14.0" in draft.text
    assert "- **Chart at peak impact:** [Error rate chart](pm-error-rate.png)" in draft.text


def test_charts_are_written_next_to_the_markdown_and_embedded(draft: Draft) -> None:
    kinds = {chart.data.kind.value for chart in draft.charts}
    assert kinds == {"error-rate", "request-rate"}
    for chart in draft.charts:
        assert chart.png.parent == draft.path.parent
        assert chart.png.stat().st_size > 10_000
        assert chart.svg.is_file()
        assert f"]({chart.png.name})" in draft.text
        assert f"[SVG]({chart.svg.name})" in draft.text


def test_runbooks_of_the_affected_services_are_linked(
    tmp_path: Path, demo_timeline: Timeline
) -> None:
    runbook = tmp_path / "docs" / "runbooks" / "checkout-runbook.md"
    runbook.parent.mkdir(parents=True)
    runbook.write_text("# Runbook: checkout\n")
    request = DraftRequest(
        demo_timeline,
        Settings(),
        tmp_path / "postmortems",
        workspace_root=tmp_path,
        title="Checkout 502s",
    )
    text = write_draft(request, Catalog()).text
    assert "- **checkout:** [checkout-runbook.md](../docs/runbooks/checkout-runbook.md)" in text
    assert "- **payments-api:** [TODO: no runbook for payments-api" in text


def test_default_file_name_is_dated_and_slugged(demo_timeline: Timeline, tmp_path: Path) -> None:
    request = DraftRequest(demo_timeline, Settings(), tmp_path, title="Checkout: HTTP 502s!")
    assert default_path(request) == tmp_path / "postmortem-2026-03-14-checkout-http-502s.md"
    untitled = DraftRequest(demo_timeline, Settings(), tmp_path, fallback_slug="My Bundle")
    assert default_path(untitled).name == "postmortem-2026-03-14-my-bundle.md"
    assert slugify("  ") == "incident"
    assert len(slugify("x" * 300)) <= 60


def test_secrets_in_evidence_never_reach_the_draft(secret_bundle: Path, tmp_path: Path) -> None:
    from hotwash.postmortem.gather import Reading, read_evidence, rebuild

    redactor = Redactor()
    timeline = rebuild(read_evidence([secret_bundle], Reading(UTC)), redactor)
    for template in ("standard", "google-sre"):
        request = DraftRequest(
            timeline,
            Settings(),
            tmp_path,
            output=tmp_path / f"{template}.md",
            template=template,
            redactor=redactor,
        )
        draft = write_draft(request, Catalog())
        written = [draft.path, *(c.svg for c in draft.charts)]
        for path in written:
            text = path.read_text()
            for secret in SECRETS:
                assert secret not in text, (secret, path.name)
    assert redactor.counts["password"] >= 1
    assert redactor.counts["email"] >= 1
    assert redactor.counts["github-token"] >= 1
