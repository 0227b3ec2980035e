"""Read a JSON evidence file without trusting it.

Handles what people actually save: one document, several documents concatenated
(``for page in ...; do curl ...; done > pages.json``), JSON Lines, a byte-order
mark, gzip/zstd. A damaged file never raises: the result says what went wrong, and
a truncated top-level array still yields every item that was complete.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from hotwash.evidence.opening import DECOMPRESSION_ERRORS, open_binary

# JSON is parsed whole, so a cap keeps memory bounded; real exports are far smaller.
MAX_JSON_BYTES = 256 * 1024 * 1024

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\r\n]*")


@dataclass
class JsonLoad:
    """The documents read from one file, and what was wrong with it, if anything."""

    documents: list[object] = field(default_factory=list)
    problem: str | None = None
    salvaged_items: int = 0


def read_text(path: Path, limit: int = MAX_JSON_BYTES) -> tuple[str | None, str | None]:
    """The decompressed text of ``path`` or ``(None, reason)``; never raises."""
    try:
        with open_binary(path) as stream:
            data = stream.read(limit + 1)
    except (*DECOMPRESSION_ERRORS, OSError) as error:
        return None, f"unreadable file ({type(error).__name__})"
    if len(data) > limit:
        return None, f"file larger than {limit // (1024 * 1024)} MiB"
    return data.decode("utf-8-sig", errors="replace"), None


def load_json_documents(path: Path) -> JsonLoad:
    content, problem = read_text(path)
    if content is None:
        return JsonLoad(problem=problem)
    if not content.strip():
        return JsonLoad(problem="empty file")
    return parse_documents(content)


def parse_documents(content: str) -> JsonLoad:
    """Every JSON value in ``content``, one after the other."""
    result = JsonLoad()
    position = _skip_space(content, 0)
    while position < len(content):
        try:
            value, position = _DECODER.raw_decode(content, position)
        except (json.JSONDecodeError, RecursionError) as error:
            _salvage_array(content, position, error, result)
            return result
        result.documents.append(value)
        position = _skip_space(content, position)
    return result


def _salvage_array(content: str, start: int, error: Exception, result: JsonLoad) -> None:
    """Keep the complete items of a top-level array that breaks off part-way."""
    items: list[object] = []
    if content.startswith("[", start):
        position = _skip_space(content, start + 1)
        while position < len(content):
            try:
                item, position = _DECODER.raw_decode(content, position)
            except (json.JSONDecodeError, RecursionError):
                break
            items.append(item)
            position = _skip_space(content, position)
            if content.startswith(",", position):
                position = _skip_space(content, position + 1)
    if items:
        result.documents.append(items)
        result.salvaged_items = len(items)
    result.problem = describe_error(content, error)


def describe_error(content: str, error: Exception) -> str:
    if not isinstance(error, json.JSONDecodeError):
        return "invalid JSON (nested too deeply)"
    if not content[error.pos :].strip() or "Unterminated" in error.msg:
        return "truncated JSON"
    return f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"


def _skip_space(content: str, position: int) -> int:
    match = _WHITESPACE.match(content, position)
    return match.end() if match else position
