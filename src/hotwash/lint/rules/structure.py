"""Structure: the sections the profile requires, their length caps, owner and status."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.prose import sentences
from hotwash.lint.rule import Hit, rule

_OWNER_FIELDS = (
    "owner", "owners", "author", "authors", "incident owner", "postmortem owner", "dri",
    "document owner", "written by", "prepared by", "editor", "editors", "postmortem author",
)  # fmt: skip
_STATUS_FIELDS = ("status", "state", "document status", "postmortem status", "review status")
_EMPTY = re.compile(r"^\W*$")


@rule(
    "structure/missing-section",
    Severity.WARNING,
    "A section the profile requires is missing",
    why="Each required section answers a question every reader has: what happened, who was "
    "affected, when, why, and what changes now.",
    hint="add the section (any usual title works: 'Contributing factors', 'Root causes'...)",
    bad="# Checkout outage\n\n## Summary\n\nCheckout failed for 20 minutes.\n",
    good="# Checkout outage\n\n## Summary\n\nCheckout failed for 20 minutes.\n\n## Impact\n\n"
    "2,300 orders failed.\n\n## Timeline (UTC)\n\n- 10:00 errors begin\n\n"
    "## Contributing factors\n\n- A\n- B\n\n## Action items\n\n- Add X (owner: @a, due: "
    "2026-04-01)\n",
)
def missing_section(context: LintContext) -> Iterator[Hit]:
    present = {section.family for section in context.document.walk()}
    for families in context.config.sections:
        if not present & set(families):
            names = " or ".join(family.value for family in families)
            yield Hit.document(f"no {names} section")


@rule(
    "structure/section-length",
    Severity.INFO,
    "A section is outside its length cap",
    why="The summary is read by everyone, often alone: the four-section template wants "
    "50-150 words, the Google template two or three sentences.",
    hint="move detail to the timeline or analysis; keep the headline",
    bad="## Summary\n\nCheckout failed. It was a deploy. The pool shrank. Alerts fired late. "
    "We rolled back. It took 23 minutes.\n",
    good="## Summary\n\nCheckout failed for 23 minutes after a deploy. A rollback fixed it.\n",
    settings={"profile": "google"},
)
def section_length(context: LintContext) -> Iterator[Hit]:
    for family, cap in context.limits.caps.items():
        section = context.document.section(family)
        # A length judges finished text; a section still holding a placeholder is not.
        if section is None or context.has_placeholder(section):
            continue
        text = " ".join(p.masked for p in context.prose_under(section) if p.kind != "heading")
        words = len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))
        count = len(sentences(text))
        label = section.title
        if cap.max_words is not None and words > cap.max_words:
            yield Hit.at(section.heading, 0, f"{label}: {words} words; at most {cap.max_words}")
        if cap.min_words is not None and words < cap.min_words:
            yield Hit.at(section.heading, 0, f"{label}: {words} words; at least {cap.min_words}")
        if cap.max_sentences is not None and count > cap.max_sentences:
            yield Hit.at(
                section.heading, 0, f"{label}: {count} sentences; at most {cap.max_sentences}"
            )


def _field_hit(context: LintContext, names: tuple[str, ...], label: str) -> Iterator[Hit]:
    field = context.document.field(*names)
    if field is None:
        yield Hit.document(f"no {label} field")
    elif _EMPTY.match(field.value.plain):
        yield Hit.at(field.key, 0, f"the {label} field is empty")


@rule(
    "structure/no-owner",
    Severity.WARNING,
    "No owner field",
    why="Someone must own getting the review written, reviewed and its items tracked.",
    hint="add **Owner:** Name (or Author/DRI) below the title",
    bad="# Checkout outage\n\n**Status:** Draft\n\n## Summary\n\nText.\n",
    good="# Checkout outage\n\n**Owner:** Dana Kim\n**Status:** Draft\n\n## Summary\n\nText.\n",
)
def no_owner(context: LintContext) -> Iterator[Hit]:
    yield from _field_hit(context, _OWNER_FIELDS, "owner")


@rule(
    "structure/no-status",
    Severity.WARNING,
    "No status field",
    why="Readers need to know whether they are reading a draft or the reviewed, final account.",
    hint="add **Status:** Draft, In review or Final below the title",
    bad="# Checkout outage\n\n**Owner:** Dana Kim\n\n## Summary\n\nText.\n",
    good="# Checkout outage\n\n**Owner:** Dana Kim\n**Status:** Final\n\n## Summary\n\nText.\n",
)
def no_status(context: LintContext) -> Iterator[Hit]:
    yield from _field_hit(context, _STATUS_FIELDS, "status")
