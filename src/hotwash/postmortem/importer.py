"""``hotwash import``: existing postmortems, ours or hand-written, into structure.

Built on the generic Markdown parser (:mod:`hotwash.postmortem.document`): sections
are found by meaning, so "Root cause", "Causes" and "Contributing factors" are read
alike. Extracted: title, date, severity, summary, impact, timeline rows, contributing
factors, action items and stats, plus what our own templates write (detection,
response, whys, appendix), which is what makes render -> import -> render lossless.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from hotwash.errors import HotwashError, ValidationError
from hotwash.incidents.severity import Severity
from hotwash.postmortem.document import Document, parse_document
from hotwash.postmortem.import_model import ImportedPostmortem
from hotwash.postmortem.import_sections import read_sections
from hotwash.postmortem.import_stats import stats
from hotwash.postmortem.import_text import pieces
from hotwash.postmortem.parse_time_text import parse_day

SUFFIXES = (".md", ".markdown")
_TITLE_PREFIX = re.compile(
    r"^(?:quick\s+)?(?:post-?mortem|incident report|(?:5|five) whys analysis)\s*[:—–-]\s*",
    re.IGNORECASE,
)
_FIELD_NAMES = {
    "date": ("date", "incident date"),
    "owner": ("owner", "owners", "authors", "author"),
    "status": ("status",),
    "severity": ("severity", "incident severity", "sev", "priority"),
    "duration": ("duration", "incident duration"),
    "incident": ("incident", "incident id", "id"),
}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def import_text(text: str, path: str = "<text>") -> ImportedPostmortem:
    document = parse_document(text, path)
    found = ImportedPostmortem(path=path)
    found.title = _title(document)
    found.fields = _fields(document)
    found.date = _date(found.fields.get("date"))
    found.severity = _severity(found.fields.get("severity"))
    day = date.fromisoformat(found.date) if found.date else None
    read_sections(document, found, day)
    texts = [piece for section in document.walk() for piece in pieces(section.blocks)]
    found.stats = stats(found.delays, texts, found.timeline)
    return found


def import_file(path: Path) -> ImportedPostmortem:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return import_text(handle.read(), str(path))
    except OSError as error:
        raise ValidationError(f"cannot read {path}: {error.strerror}") from None


def postmortem_files(target: Path) -> Iterator[Path]:
    """``target`` itself, or the Markdown files under it (hidden ones skipped), sorted."""
    if not target.exists():
        raise ValidationError(f"no such file or folder: {target}")
    if target.is_file():
        yield target
        return
    for path in sorted(target.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(target).parts)
        if path.is_file() and path.suffix.lower() in SUFFIXES and not hidden:
            yield path


def _title(document: Document) -> str | None:
    if document.title is None:
        return None
    return _TITLE_PREFIX.sub("", document.title.text.strip()) or None


def _fields(document: Document) -> dict[str, str]:
    found = {}
    for key, names in _FIELD_NAMES.items():
        field = document.field(*names)
        if field is not None and key not in found:
            found[key] = field.value.text.strip()
    return found


def _date(text: str | None) -> str | None:
    if not text:
        return None
    iso = _ISO_DAY.search(text)
    if iso:
        return iso.group(0)
    day = parse_day(text)
    return day.isoformat() if day else None


def _severity(text: str | None) -> str | None:
    if not text:
        return None
    match = re.search(r"\b(?:sev|p)\s*-?\s*([1-4])\b", text, re.IGNORECASE)
    try:
        return Severity.parse(match.group(1)).value if match else None
    except HotwashError:
        return None
