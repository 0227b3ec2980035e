"""Run units the way ``collect`` does, against a recorded or mocked transport."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from hotwash.config.settings import Settings
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.live.collection import CollectionRun, run_collection, saved_paths
from hotwash.live.plan import plan_units
from hotwash.live.state import CollectionState
from hotwash.live.window import Window
from hotwash.timeline.build import build_timeline
from hotwash.timeline.collect import collect
from hotwash.timeline.model import Timeline

RECORDED_WINDOW = Window(
    datetime(2024, 5, 14, 9, 0, tzinfo=UTC), datetime(2024, 5, 14, 10, 0, tzinfo=UTC)
)


def settings_of(tree: dict[str, Any]) -> Settings:
    return Settings.model_validate(tree)


def collect_with(
    settings: Settings,
    folder: Path,
    transport: httpx.BaseTransport,
    window: Window = RECORDED_WINDOW,
    environ: Mapping[str, str] | None = None,
    services: list[str] | None = None,  # the incident's services; default: all configured
) -> CollectionRun:
    state = CollectionState.load(folder) or CollectionState(folder, window)
    chosen = sorted(settings.services) if services is None else services
    units = plan_units(settings, chosen, folder)
    return run_collection(state, units, settings.sources, environ or {}, transport=transport)


def timeline_of(run: CollectionRun) -> Timeline:
    context = ReadContext(default_zone=UTC, root=run.state.folder)
    return build_timeline(collect(saved_paths(run), context, evidence_sources()))
