"""Write a postmortem draft: charts next to the Markdown, the Markdown from a template.

The file is ``postmortems/postmortem-YYYY-MM-DD-<slug>.md`` unless a path is given;
charts are ``<file stem>-<chart>.png`` and ``.svg`` beside it. The rendered text is
redacted once more as a whole before it is written: a safety net for anything
derived from evidence that a template (or a workspace override) prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.postmortem.catalog import DEFAULT, Catalog
from hotwash.postmortem.chart_data import charts_for
from hotwash.postmortem.charts import DrawnChart, draw_chart
from hotwash.postmortem.context import build_context
from hotwash.postmortem.formatting import utc_date
from hotwash.postmortem.inputs import DraftInput, incident_start
from hotwash.postmortem.model import DraftContext
from hotwash.postmortem.placeholders import placeholders
from hotwash.postmortem.record import IncidentRecord
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

POSTMORTEMS_DIR = "postmortems"
MAX_SLUG = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class DraftRequest:
    """What to draft and where; ``output`` ``None`` means the default name in ``folder``."""

    timeline: Timeline
    settings: Settings
    folder: Path
    record: IncidentRecord | None = None
    title: str | None = None
    output: Path | None = None
    template: str = DEFAULT
    workspace_root: Path | None = None
    fallback_slug: str = "incident"
    redactor: Redactor = field(default_factory=Redactor)
    severity: str | None = None  # given by the user (e.g. `hotwash report --severity`)


@dataclass
class Draft:
    path: Path
    text: str
    context: DraftContext
    charts: list[DrawnChart]

    @property
    def placeholders(self) -> list[str]:
        return placeholders(self.text)


def slugify(text: str) -> str:
    """``Checkout failing with HTTP 502`` -> ``checkout-failing-with-http-502``."""
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-") or "incident"


def default_path(request: DraftRequest) -> Path:
    start = incident_start(request.timeline, request.record)
    day = utc_date(start) if start else "undated"
    title = request.title or (request.record.incident.title if request.record else None)
    slug = slugify(title) if title else slugify(request.fallback_slug)
    return request.folder / f"postmortem-{day}-{slug}.md"


def write_draft(request: DraftRequest, catalog: Catalog) -> Draft:
    """Draw the charts, fill the template and write the Markdown; return what was written."""
    path = request.output or default_path(request)
    catalog.source(request.template)  # an unknown template fails before anything is written
    path.parent.mkdir(parents=True, exist_ok=True)
    charts = [
        draw_chart(data, path.with_name(f"{path.stem}-{data.kind.value}"))
        for data in charts_for(request.timeline, request.redactor)
    ]
    source = DraftInput(
        timeline=request.timeline,
        settings=request.settings,
        redactor=request.redactor,
        output_dir=path.parent,
        record=request.record,
        title=request.title,
        workspace_root=request.workspace_root,
        charts=charts,
        severity=request.severity,
    )
    context = build_context(source)
    text = request.redactor.redact(catalog.render(request.template, context))
    path.write_text(text, encoding="utf-8")
    return Draft(path, text, context, charts)
