"""Which services a postmortem is about, when it does not fill in a field for it.

Explicit fields and impact lines win ("**Services:** checkout, payments-api";
"Services affected: search"). Otherwise names shaped like services are taken from
the title, summary and impact: hyphenated lower-case names ending in a word services
are named with ("payments-api", "orders-service", "notifications-consumer").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hotwash.postmortem.document import Document
from hotwash.postmortem.import_model import ImportedPostmortem

_FIELDS = (
    "services",
    "service",
    "affected services",
    "services affected",
    "systems",
    "affected systems",
    "components",
    "component",
)
_LABEL = re.compile(r"^(?:affected )?(?:services?|systems?|components?)(?: affected)?$", re.I)
_SUFFIXES = (
    "api|service|svc|worker|workers|consumer|producer|gateway|db|database|proxy|server|web"
    "|queue|cache|cluster|frontend|backend|scheduler|router|ingress|broker|store|app|ui"
)
_SHAPED = re.compile(rf"(?<![\w./-])([a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:{_SUFFIXES}))(?![\w-])")
_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|\+|&)\s*")
_NONE = {"", "-", "none", "n/a", "tbd", "unknown", "all"}


def services_of(found: ImportedPostmortem, document: Document) -> tuple[str, ...]:
    named = _named(found, document)
    if named:
        return named
    texts = [found.title or "", *found.summary, *found.summary_text, *found.impact_text]
    return _distinct(_SHAPED.findall(" ".join(texts)))


def _named(found: ImportedPostmortem, document: Document) -> tuple[str, ...]:
    field = document.field(*_FIELDS)
    values = [field.value.text] if field is not None else []
    pairs = [(pair.label, pair.value) for pair in found.impact]
    pairs += [(label, value) for label, _, value in (t.partition(":") for t in found.impact_text)]
    values += [value for label, value in pairs if _LABEL.match(_plain(label))]
    return _distinct(part for value in values for part in _SPLIT.split(_plain(value)))


def _plain(text: str) -> str:
    return re.sub(r"[`*_]|\([^)]*\)", "", text).strip()


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    cleaned = (" ".join(name.lower().split()).strip(" .") for name in names)
    return tuple(dict.fromkeys(name for name in cleaned if name not in _NONE))
