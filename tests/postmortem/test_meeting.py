"""The review meeting: the seed's 60-minute agenda, filled in, asking only "what" and "how"."""

from __future__ import annotations

from dataclasses import replace

from hotwash.postmortem.meeting import agenda, agenda_markdown, is_blameless
from hotwash.postmortem.questions import open_questions
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline


def test_blameless_questions_ask_what_and_how() -> None:
    assert is_blameless("What signals were there before the alert?")
    assert is_blameless("How did the page reach the responder?")
    assert not is_blameless("Who deployed the change?")
    assert not is_blameless("Why did you roll back so late?")
    assert not is_blameless("What did the person who deployed it think?")
    assert not is_blameless("Did the runbook help?")


def test_agenda_is_sixty_minutes_in_the_seed_order(demo_timeline: Timeline) -> None:
    items = agenda(demo_timeline, None, Redactor())
    assert [(i.title, i.minutes) for i in items] == [
        ("Opening", 5),
        ("Timeline review", 15),
        ("Analysis discussion", 20),
        ("Action items", 15),
        ("Closing", 5),
    ]
    text = agenda_markdown("INC-2026-0001: Checkout", items)
    assert "## 5. Closing (5 min, 55-60 min)" in text
    assert "We are here to learn, not to blame" in text


def test_timeline_review_walks_milestones_delays_and_the_change(demo_timeline: Timeline) -> None:
    review = agenda(demo_timeline, None, Redactor())[1].points
    assert review[0].startswith("14:02:00 UTC impact start:")
    assert any(p.startswith("14:06:12 UTC detected: Alert CheckoutHigh5xxRate") for p in review)
    assert any("Deploy payments-api v2.14.0" in p and "3m 56s before impact" in p for p in review)
    assert "Detection delay (impact start → detected): 4m 12s." in review


def test_open_questions_come_from_the_evidence_and_stay_blameless(demo_timeline: Timeline) -> None:
    questions = open_questions(demo_timeline)
    assert all(is_blameless(q) for q in questions), questions
    joined = "\n".join(questions)
    assert "between 14:02:00 and 14:06:12 UTC" in joined  # the detection delay
    assert "Deploy payments-api v2.14.0" in joined  # the change before impact
    assert "pool exhausted" in joined  # the resource limit
    assert "from detection to mitigation" in joined
    assert "What happened between 14:09:05 and 14:18:40 UTC?" in joined  # a quiet stretch


def test_missing_milestones_become_questions(demo_timeline: Timeline) -> None:
    questions = open_questions(replace(demo_timeline, milestones={}, delays={}, changes=[]))
    assert questions == [
        "What is the first sign of user impact, and when was it?",
        "How was the incident first noticed, and when?",
        "What ended the user impact, and when?",
    ]
