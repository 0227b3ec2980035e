"""The contributing factors a postmortem lists, wherever its causes section keeps them.

A factor is a top-level list item, a table row, or a subsection (a heading per factor)
of a causes section. A label item such as ``**Contributing factors**:`` stands for the
items nested under it; a trigger ("Proximate cause: ...") and a 5-whys chain inside
the causes section are not factors. A causes section that is only prose states one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hotwash.lint.context import LintContext
from hotwash.postmortem import Family, ListBlock, ListItem, Paragraph, Section, Span, Table

__all__ = ["TRIGGER_LABEL", "causes_sections", "factors"]

TRIGGER_LABEL = re.compile(
    r"^\W*(?:the\s+)?(?:trigger|proximate\s+cause|immediate\s+cause|precipitating\s+event)\b",
    re.IGNORECASE,
)
_ANALYSIS_LABEL = re.compile(r"^\W*(?:5|five)\s+whys?\b|^\W*why\s*#?\d", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^\W*[^:.]{1,60}?\W*:\W*$")
_SKIPPED = {Family.SUMMARY, Family.TRIGGER, Family.ANALYSIS, Family.APPENDIX, Family.ACTIONS}


def causes_sections(context: LintContext) -> list[Section]:
    """Causes sections not nested in another causes section."""
    tops = context.document.sections_of(Family.CAUSES)
    nested = {id(s) for top in tops for s in top.walk() if s is not top}
    return [s for s in tops if id(s) not in nested]


def factors(context: LintContext) -> list[Span]:
    return context.memo("factors", _all_factors)


def _all_factors(context: LintContext) -> list[Span]:
    return [span for section in causes_sections(context) for span in _section_factors(section)]


def _section_factors(section: Section) -> list[Span]:
    found = list(_block_factors(section))
    for child in section.children:
        if child.family is Family.CAUSES:
            found += _section_factors(child)
        elif child.family is None and _has_text(child):
            found.append(child.heading)
    if not found and any(isinstance(b, Paragraph) for b in section.blocks):
        found.append(section.heading)
    return found


def _has_text(section: Section) -> bool:
    return any(isinstance(b, Paragraph | ListBlock | Table) for b in section.all_blocks())


def _block_factors(section: Section) -> Iterator[Span]:
    if section.family in _SKIPPED:
        return
    for block in section.blocks:
        if isinstance(block, Table):
            yield from (row[0] for row in block.rows if row and row[0].text)
        elif isinstance(block, ListBlock):
            yield from _list_factors(list(block.items))


def _list_factors(items: list[ListItem]) -> Iterator[Span]:
    top = [(i, item) for i, item in enumerate(items) if item.depth == 0]
    for position, (index, item) in enumerate(top):
        end = top[position + 1][0] if position + 1 < len(top) else len(items)
        nested = [n for n in items[index + 1 : end] if n.depth == 1]
        if TRIGGER_LABEL.match(item.plain) or _ANALYSIS_LABEL.match(item.plain):
            continue
        if _LABEL_ONLY.match(item.plain) and nested:
            yield from nested
        elif item.plain:
            yield item
