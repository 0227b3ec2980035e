"""Small readers shared by the importer: list items, paragraphs, labelled values, tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hotwash.postmortem.document import Section
from hotwash.postmortem.formatting import uncell
from hotwash.postmortem.import_model import LabelledValue
from hotwash.postmortem.parse_blocks import Block, ListBlock, Paragraph, Table
from hotwash.postmortem.parse_families import normalise_heading
from hotwash.postmortem.parse_inline import Span

_LABELLED = re.compile(
    r"^\*\*(?P<label>[^*\n]+?):\*\*\s*(?P<value>.*)$|^\*\*(?P<l2>[^*\n]+?)\*\*:\s*(?P<v2>.*)$"
)


@dataclass(frozen=True)
class TextPiece:
    line: int
    text: str
    is_item: bool


def one_line(text: str) -> str:
    return " ".join(text.split())


def pieces(blocks: Iterable[Block]) -> list[TextPiece]:
    """Each top-level list item and each paragraph, in order, as one line of text."""
    found = []
    for block in blocks:
        if isinstance(block, ListBlock):
            found += [
                TextPiece(i.line, one_line(i.text), True) for i in block.items if i.depth == 0
            ]
        elif isinstance(block, Paragraph):
            found.append(TextPiece(block.line, one_line(block.text), False))
    return found


def items(blocks: Iterable[Block]) -> list[str]:
    return [piece.text for piece in pieces(blocks)]


def labelled(text: str) -> LabelledValue | None:
    """``**Label:** value`` (or ``**Label**: value``) as a pair."""
    match = _LABELLED.match(text)
    if not match:
        return None
    label = match.group("label") or match.group("l2")
    value = match.group("value") if match.group("label") else match.group("v2")
    return LabelledValue(label.strip(), value.strip())


def labelled_items(blocks: Iterable[Block]) -> tuple[list[LabelledValue], list[str]]:
    """Pairs, and the pieces that are not pairs."""
    pairs, others = [], []
    for piece in pieces(blocks):
        pair = labelled(piece.text)
        if pair is not None:
            pairs.append(pair)
        else:
            others.append(piece.text)
    return pairs, others


def cells(row: Iterable[Span]) -> list[str]:
    return [uncell(cell.text) for cell in row]


def tables(blocks: Iterable[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def heading_key(section: Section) -> str:
    """The heading, normalised: ``"### Evidence read"`` -> ``"evidence read"``."""
    return normalise_heading(section.heading.text)
