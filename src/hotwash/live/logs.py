"""Logs from where they live: files and globs, journald, docker, Kubernetes, Loki, Elasticsearch.

Local files are referenced where they are (custody hashes them in place); files not
written to since the window began are left out. The commands get the window pushed
down (``--since``/``--until``) and stream into one file per source, named after the
service so the log reader knows whose lines they are.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hotwash.config.settings import LogSource, Settings
from hotwash.live.commands import run_to_file
from hotwash.live.elasticsearch import fetch_elasticsearch
from hotwash.live.errors import Failure, FetchError
from hotwash.live.files import safe_name
from hotwash.live.loki import fetch_loki
from hotwash.live.unit import Fetch, Fetched, Unit, UnitContext
from hotwash.live.window import Window

FOLDER = "logs"


def log_units(settings: Settings, services: list[str], root: Path | None = None) -> list[Unit]:
    """One unit per configured log source of each service; ``root`` anchors relative globs."""
    units = []
    for service in services:
        for index, source in enumerate(settings.services[service].log_sources):
            fetch = _fetcher(settings, service, source, root)
            if fetch is not None:
                units.append(Unit(f"logs/{service}/{index}-{source.place}", source.place, fetch))
    return units


def _fetcher(
    settings: Settings, service: str, source: LogSource, root: Path | None
) -> Fetch | None:
    sources = settings.sources
    if source.loki is not None:
        loki, selector = sources.loki, source.loki
        if loki is None:
            return _missing("loki")
        return lambda context: fetch_loki(context, loki, service, selector)
    if source.elasticsearch is not None:
        es, query = sources.elasticsearch, source.elasticsearch
        if es is None:
            return _missing("elasticsearch")
        return lambda context: fetch_elasticsearch(context, es, service, query)
    return lambda context: fetch_local(context, service, source, root)


def _missing(name: str) -> Fetch:
    def fetch(_context: UnitContext) -> Fetched:
        raise FetchError(Failure.WRONG_URL, f"sources.{name}.url is not configured")

    return fetch


def fetch_local(
    context: UnitContext, service: str, source: LogSource, root: Path | None
) -> Fetched:
    if source.path is not None:
        return _files(source.path, context.window, root)
    name = safe_name(service)
    command, file, merge = _command(source, context.window, name)
    run_to_file(command, context.folder / file, merge_stderr=merge)
    if (context.folder / file).stat().st_size == 0:
        (context.folder / file).unlink()
        return Fetched(note=f"{command[0]} returned no lines in the window")
    return Fetched([file])


def log_command(source: LogSource, window: Window) -> list[str]:
    """The command that prints this source's lines in the window (time pushed down)."""
    since, until = _seconds(window.since), _seconds(window.until)
    if source.journal_unit is not None:
        return ["journalctl", "--no-pager", "-o", "json", f"--since=@{since}", f"--until=@{until}",
                "-u", source.journal_unit]  # fmt: skip
    if source.docker_container is not None:
        return ["docker", "logs", "--timestamps", "--since", _rfc3339(window.since),
                "--until", _rfc3339(window.until), source.docker_container]  # fmt: skip
    assert source.kubernetes is not None
    command = ["kubectl", "logs", source.kubernetes, "--timestamps",
               f"--since-time={_rfc3339(window.since)}"]  # fmt: skip
    if source.namespace:
        command += ["--namespace", source.namespace]
    command += ["--container", source.container] if source.container else ["--all-containers=true"]
    return command


def _command(source: LogSource, window: Window, name: str) -> tuple[list[str], str, bool]:
    suffix = {"journal_unit": "journal.json", "docker_container": "docker.log"}.get(
        source.place, "kubectl.log"
    )
    # docker logs replays the container's stderr on its own stderr: both are the log.
    return (
        log_command(source, window),
        f"{FOLDER}/{name}.{suffix}",
        source.place == "docker_container",
    )


def _files(pattern: str, window: Window, root: Path | None) -> Fetched:
    files = [path for path in _expand(pattern, root) if path.is_file()]
    recent = [path for path in files if _written_since(path, window.since)]
    if not recent:
        why = "no file matches" if not files else "no matching file was written to in the window"
        return Fetched(note=f"{why}: {pattern}")
    return Fetched([str(path.resolve()) for path in recent])


def _expand(pattern: str, root: Path | None) -> list[Path]:
    """Files matching a glob (``**`` included); relative patterns start at ``root``."""
    path = Path(pattern).expanduser()
    if not path.is_absolute():
        path = (root or Path.cwd()) / path
    anchor = Path(path.anchor)
    return sorted(anchor.glob(str(path.relative_to(anchor))))


def _written_since(path: Path, since: datetime) -> bool:
    # A file last written before the window began holds nothing from inside it.
    return path.stat().st_mtime >= since.timestamp()


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
