"""The tracker a sync talks to, built from ``[trackers.<name>]`` and a token."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import httpx

from hotwash.config.settings import Trackers
from hotwash.errors import ConfigError, ValidationError
from hotwash.trackers.base import Tracker
from hotwash.trackers.credentials import read_token
from hotwash.trackers.github import GitHubIssues
from hotwash.trackers.gitlab import GitLabIssues
from hotwash.trackers.http import ClientFactory
from hotwash.trackers.jira import JiraIssues

NAMES = ("github", "gitlab", "jira")


def configured(trackers: Trackers) -> list[str]:
    return [name for name in NAMES if getattr(trackers, name) is not None]


def open_tracker(
    name: str,
    trackers: Trackers,
    environ: Mapping[str, str],
    base: Path,
    client_factory: ClientFactory = httpx.Client,
) -> Tracker:
    if name == "github" and trackers.github is not None:
        config = trackers.github
        token = read_token(name, config.token_env, config.token_file, environ, base)
        return GitHubIssues(config, token, client_factory)
    if name == "gitlab" and trackers.gitlab is not None:
        gitlab = trackers.gitlab
        token = read_token(name, gitlab.token_env, gitlab.token_file, environ, base)
        return GitLabIssues(gitlab, token, client_factory)
    if name == "jira" and trackers.jira is not None:
        jira = trackers.jira
        token = read_token(name, jira.token_env, jira.token_file, environ, base)
        return JiraIssues(jira, token, client_factory)
    raise ConfigError(
        f"no [trackers.{name}] in the configuration (configured: "
        f"{', '.join(configured(trackers)) or 'none'})"
    )


def only_tracker(names: list[str]) -> str:
    """The tracker to use when the command names none: the only one configured."""
    if len(names) == 1:
        return names[0]
    if not names:
        raise ConfigError(
            "no tracker configured: add [trackers.github], [trackers.gitlab] or [trackers.jira]"
        )
    raise ValidationError(f"several trackers configured ({', '.join(names)}): choose one with --to")


def labels_of(name: str, trackers: Trackers) -> tuple[str, ...]:
    config = getattr(trackers, name)
    return tuple(config.labels) if config is not None else ("postmortem",)
