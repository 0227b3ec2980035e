"""A postmortem ready to publish: its page name, its Markdown, the chart files it uses.

The page is named ``Postmortem YYYY-MM-DD: <title>`` (seed 002), which is also how a
second publish finds the page the first one created.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hotwash.postmortem.html import MEDIA_TYPES
from hotwash.postmortem.importer import import_text
from hotwash.postmortem.placeholders import is_placeholder

_LOCAL_LINK = re.compile(r"\]\(([^)\s:]+\.(?:png|svg|jpe?g|gif))\)", re.IGNORECASE)
MAX_NAME = 255  # BookStack's limit; Confluence allows more


@dataclass(frozen=True)
class Page:
    name: str
    markdown: str
    base: Path  # the folder relative links start from
    attachments: tuple[Path, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Published:
    target: str
    page_id: str
    url: str
    created: bool  # False when an existing page was updated
    attachments: int = 0


def page_from_markdown(path: Path, name: str | None = None) -> Page:
    text = path.read_text(encoding="utf-8")
    found = import_text(text, str(path))
    title = found.title or path.stem
    day = found.date or ""
    default = f"Postmortem {day}: {title}" if day else f"Postmortem: {title}"
    incident = found.fields.get("incident")
    labels = {"incident": incident} if incident and not is_placeholder(incident) else {}
    return Page(
        name=(name or default)[:MAX_NAME],
        markdown=text,
        base=path.parent,
        attachments=tuple(local_files(text, path.parent)),
        labels=labels,
    )


def local_files(markdown: str, base: Path) -> list[Path]:
    """Chart and image files next to the Markdown that it links to, each once, in order."""
    found: dict[Path, None] = {}
    for target in _LOCAL_LINK.findall(markdown):
        path = base / target
        if path.suffix.lower() in MEDIA_TYPES and path.is_file() and not target.startswith("/"):
            found[path] = None
    return list(found)
