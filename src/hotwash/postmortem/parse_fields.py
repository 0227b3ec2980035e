"""Header fields: ``Owner``, ``Status``, ``Date``... wherever a template puts them.

Three places hold them: YAML-style front matter (``---`` ... ``---``), the lines
between the title and the first section, and a section such as "Metadata" or
"Incident details". In those places a field is written ``**Owner:** x``,
``**Owner**: x``, ``Owner: x``, a ``| Owner | x |`` table row, or a one-row table
whose header names the fields; several bold fields may share a line, separated by
``|`` or ``·``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from hotwash.postmortem.parse_blocks import Block, ListBlock, Paragraph, Table
from hotwash.postmortem.parse_inline import Span

__all__ = ["Field", "field_name", "fields_in_blocks", "front_matter"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """One header field; ``name`` is normalised (``"Author(s)"`` -> ``"authors"``)."""

    name: str
    key: Span
    value: Span


_BOLD = re.compile(r"\*\*([A-Za-z][^*:|\n]{0,40}?)\s*(?::\s*\*\*|\*\*\s*:)[ \t]*")
_PLAIN = re.compile(r"^([A-Z][A-Za-z()/ -]{0,30}?)\s*:[ \t]+")
_KEY_WORDS = {"field", "key", "property", "name", "attribute", "item", "metadata"}


@lru_cache(maxsize=1024)
def field_name(key: str) -> str:
    """The normalised name of a field key: lower case, ``(s)`` folded, punctuation gone."""
    lowered = key.lower().replace("(s)", "s")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", lowered).split())


def front_matter(lines: list[str]) -> tuple[list[Field], int]:
    """Fields of a leading ``---`` (YAML) or ``+++`` (TOML) block and the index after it."""
    if not lines or lines[0].strip() not in {"---", "+++"}:
        return [], 0
    fence = lines[0].strip()
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() == fence:
            return _front_fields(lines[1:end]), end + 1
    return [], 0


def _front_fields(lines: list[str]) -> list[Field]:
    fields = []
    for number, line in enumerate(lines, start=2):
        match = re.match(r"^([A-Za-z][\w -]{0,40}?)\s*[:=]\s*(.*)$", line)
        if match:
            value = match.group(2).strip().strip("\"'")
            fields.append(_field(match.group(1), number, match.start(1), value, line))
    return fields


def _field(key: str, number: int, key_at: int, value: str, line: str) -> Field:
    value_at = line.find(value, key_at + len(key)) if value else len(line)
    return Field(
        name=field_name(key),
        key=Span(text=key.strip(), line=number, columns=(key_at + 1,)),
        value=Span(text=value, line=number, columns=(value_at + 1,)),
    )


def fields_in_blocks(blocks: Iterable[Block], *, plain: bool) -> list[Field]:
    """Fields written in these blocks; ``plain`` also accepts ``Key: value`` lines."""
    fields: list[Field] = []
    for block in blocks:
        if isinstance(block, Table):
            fields += _table_fields(block)
        elif isinstance(block, Paragraph):
            fields += _span_fields(block, plain=plain)
        elif isinstance(block, ListBlock):
            for item in block.items:
                fields += _span_fields(item, plain=plain)
    return fields


def _span_fields(span: Span, *, plain: bool) -> list[Field]:
    fields = []
    offset = 0
    for text in span.text.split("\n"):
        number, column = span.position(offset)
        # Padded so that match offsets in the line are the file's columns.
        fields += _line_fields(" " * (column - 1) + text, number, plain=plain)
        offset += len(text) + 1
    return fields


def _line_fields(line: str, number: int, *, plain: bool) -> list[Field]:
    bold = list(_BOLD.finditer(line))
    if bold:
        ends = [m.start() for m in bold[1:]] + [len(line)]
        return [
            _field(m.group(1), number, m.start(1), _value_before(line, m.end(), end), line)
            for m, end in zip(bold, ends, strict=True)
        ]
    match = _PLAIN.match(line.strip())
    if plain and match and len(match.group(1).split()) <= 4:
        key_at = line.index(match.group(1))
        return [_field(match.group(1), number, key_at, line[key_at + match.end() :].strip(), line)]
    return []


def _value_before(line: str, start: int, end: int) -> str:
    return line[start:end].strip().rstrip("|·•").strip()


def _table_fields(table: Table) -> list[Field]:
    rows = list(table.rows)
    if len(rows) == 1 and len(table.header) > 2:
        return [_cell_field(key, value) for key, value in zip(table.header, rows[0], strict=False)]
    pairs = [row for row in rows if len(row) == 2]
    header = table.header
    if len(header) == 2 and field_name(header[0].plain) not in _KEY_WORDS:
        pairs.insert(0, header)
    return [_cell_field(key, value) for key, value in pairs if key.plain]


def _cell_field(key: Span, value: Span) -> Field:
    return Field(name=field_name(key.plain), key=key, value=value)
