"""Postmortem documents: the generic Markdown parser (see :mod:`hotwash.postmortem.document`)."""

from hotwash.postmortem.document import Document, Section, parse_document, read_document
from hotwash.postmortem.parse_actions import ActionItem, action_items
from hotwash.postmortem.parse_blocks import (
    Block,
    CodeBlock,
    Comment,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
)
from hotwash.postmortem.parse_families import Family, family_of
from hotwash.postmortem.parse_fields import Field
from hotwash.postmortem.parse_inline import Span, mask_code, mask_markup, plain_text
from hotwash.postmortem.parse_timeline import TimelineRow, timeline_rows

__all__ = [
    "ActionItem",
    "Block",
    "CodeBlock",
    "Comment",
    "Document",
    "Family",
    "Field",
    "Heading",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Section",
    "Span",
    "Table",
    "TimelineRow",
    "action_items",
    "family_of",
    "mask_code",
    "mask_markup",
    "parse_document",
    "plain_text",
    "read_document",
    "timeline_rows",
]
