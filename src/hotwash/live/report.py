"""``hotwash report``: the seed's generate-incident-report in one step.

Collect the window from every configured source, rebuild the timeline from what was
saved, write it, and draft the postmortem when the drafting code is installed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path

from hotwash.config.settings import Settings
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.live.collection import CollectionRun, saved_paths
from hotwash.redact import Redactor
from hotwash.timeline.build import BuildOptions, build_timeline
from hotwash.timeline.collect import collect
from hotwash.timeline.model import Timeline
from hotwash.timeline.render_json import timeline_json
from hotwash.timeline.render_md import timeline_markdown


@dataclass(frozen=True)
class Written:
    timeline_md: Path
    timeline_json: Path
    postmortem: Path | None
    why_no_postmortem: str | None = None


def rebuild_timeline(run: CollectionRun, zone: tzinfo) -> Timeline:
    """The timeline of everything the collection saved, read as ``hotwash timeline`` does."""
    paths = saved_paths(run)
    context = ReadContext(default_zone=zone, root=run.state.folder)
    batch = collect(paths, context, evidence_sources())
    return build_timeline(batch, BuildOptions())


def write_report(
    timeline: Timeline,
    settings: Settings,
    output_dir: Path,
    title: str,
    workspace_root: Path | None,
    *,
    severity: str | None = None,
) -> Written:
    output_dir.mkdir(parents=True, exist_ok=True)
    markdown, as_json = output_dir / "timeline.md", output_dir / "timeline.json"
    markdown.write_text(timeline_markdown(timeline, UTC), encoding="utf-8")
    document = json.dumps(timeline_json(timeline), indent=2, ensure_ascii=False)
    as_json.write_text(document + "\n", encoding="utf-8")
    draft, why = _draft(timeline, settings, output_dir, title, workspace_root, severity)
    return Written(markdown, as_json, draft, why)


def _draft(
    timeline: Timeline,
    settings: Settings,
    output_dir: Path,
    title: str,
    workspace_root: Path | None,
    severity: str | None,
) -> tuple[Path | None, str | None]:
    try:
        from hotwash.postmortem.catalog import Catalog
        from hotwash.postmortem.draft import DraftRequest, write_draft
    except ImportError as error:  # drafting ships separately; the timeline stands on its own
        return None, f"postmortem drafting is not available ({error})"
    request = DraftRequest(
        timeline=timeline,
        settings=settings,
        folder=output_dir,
        title=title,
        workspace_root=workspace_root,
        fallback_slug=title,
        redactor=Redactor(),
        severity=severity,
    )
    return write_draft(request, Catalog(workspace_root)).path, None
