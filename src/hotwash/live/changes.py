"""Recent deploys and changes: git, Kubernetes rollouts and events, and the deploy feed.

What each place says is saved into a scratch folder in the formats the evidence
sources read (``kubectl get replicasets -o json`` is what ``rollout history`` is made
of, with times), then read by those sources; so ``changes`` and a timeline agree on
what a change is. A place that cannot be read is reported; the others still count.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

import httpx

from hotwash.config.settings import Endpoint, Settings
from hotwash.evidence.model import EvidenceEvent
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import ReadContext
from hotwash.live.budget import Meter, RequestBudget
from hotwash.live.commands import run_to_file
from hotwash.live.errors import FetchError
from hotwash.live.unit import UnitContext
from hotwash.live.window import Window
from hotwash.timeline.changes import CHANGE_KINDS
from hotwash.timeline.collect import collect


@dataclass
class ChangeReport:
    events: list[EvidenceEvent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # what was looked at


def recent_changes(
    settings: Settings,
    window: Window,
    root: Path,
    environ: Mapping[str, str],
    transport: httpx.BaseTransport | None = None,
) -> ChangeReport:
    report = ChangeReport()
    scratch = Path(tempfile.mkdtemp(prefix="hotwash-changes-"))
    try:
        paths = _repositories(settings, root, report)
        paths += _kubernetes(settings, window, scratch, report)
        paths += _deploy_feed(settings, window, root, scratch, environ, transport, report)
        context = ReadContext(default_zone=UTC, since=window.since, until=window.until)
        batch = collect(paths, context, evidence_sources()) if paths else None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    events = batch.events if batch is not None else []
    report.events = sorted(
        (e for e in events if e.kind in CHANGE_KINDS and window.contains(e.at)),
        key=lambda event: event.at,
        reverse=True,
    )
    return report


def _repositories(settings: Settings, root: Path, report: ChangeReport) -> list[Path]:
    found = []
    for name in settings.sources.git_repos:
        repo = (root / name).expanduser()
        if (repo / ".git").exists():
            found.append(repo)
            report.places.append(f"git {repo}")
        else:
            report.problems.append(f"git: {repo} is not a git repository")
    return found


def _kubernetes(
    settings: Settings, window: Window, scratch: Path, report: ChangeReport
) -> list[Path]:
    namespace = settings.sources.kubernetes_namespace
    if namespace is None:
        return []
    folder = scratch / "kubernetes"
    for kind in ("replicasets", "events"):
        command = ["kubectl", "get", kind, "-o", "json", "--namespace", namespace]
        try:
            run_to_file(command, folder / f"{kind}.json", timeout=60)
        except FetchError as error:
            report.problems.append(f"kubectl get {kind}: {error}")
            return []
    report.places.append(f"kubernetes namespace {namespace}")
    return [folder]


def _deploy_feed(
    settings: Settings,
    window: Window,
    root: Path,
    scratch: Path,
    environ: Mapping[str, str],
    transport: httpx.BaseTransport | None,
    report: ChangeReport,
) -> list[Path]:
    feed = settings.sources.deploys
    if feed is None:
        return []
    if not feed.startswith(("http://", "https://")):
        path = (root / feed).expanduser()
        if not path.is_file():
            report.problems.append(f"deploy feed: no such file {path}")
            return []
        report.places.append(f"deploy feed {path}")
        return [path]
    try:
        body = _fetch_feed(settings, feed, window, scratch, environ, transport)
    except FetchError as error:
        report.problems.append(f"deploy feed: {error}")
        return []
    # The content, not the name, tells the deploys source whether it is CSV or JSON.
    (scratch / "deploy-feed").write_bytes(body)
    report.places.append("deploy feed")
    return [scratch / "deploy-feed"]


def _fetch_feed(
    settings: Settings,
    url: str,
    window: Window,
    scratch: Path,
    environ: Mapping[str, str],
    transport: httpx.BaseTransport | None,
) -> bytes:
    meter = Meter(RequestBudget(settings.sources.max_requests), "deploys")
    context = UnitContext(scratch, window, settings.sources, meter, environ, transport)
    client = context.client("deploys", Endpoint(url=url))
    client.json_body = False  # a CSV feed is as good as a JSON one
    return client.get("").body
