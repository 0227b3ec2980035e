"""A unit of collection: one thing fetched (one query, one alert list, one log source).

Units are what a collection resumes by: each is done or not, and a re-run fetches
only those that are not. A unit writes its files under the collection folder, or
names files that stay where they are (local log files are referenced, not copied).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from hotwash.config.settings import Endpoint, Sources
from hotwash.live.budget import Meter
from hotwash.live.errors import Failure, FetchError
from hotwash.live.http import ApiClient
from hotwash.live.window import Window


@dataclass
class Fetched:
    """What a unit saved: paths relative to the collection folder (absolute for originals)."""

    files: list[str] = field(default_factory=list)
    note: str | None = None  # something the responder should know (truncated, partial...)

    @property
    def empty(self) -> bool:
        return not self.files


@dataclass(frozen=True)
class UnitContext:
    folder: Path
    window: Window
    sources: Sources
    meter: Meter
    environ: Mapping[str, str]
    transport: httpx.BaseTransport | None = None

    def client(
        self, source: str, endpoint: Endpoint, *, authorization: str = "Bearer {token}"
    ) -> ApiClient:
        return endpoint_client(
            source, endpoint, self.sources, self.meter, self.environ,
            authorization=authorization, transport=self.transport,
        )  # fmt: skip

    def secret(self, variable: str, source: str) -> str:
        return read_secret(self.environ, variable, source)


def endpoint_client(
    source: str,
    endpoint: Endpoint,
    sources: Sources,
    meter: Meter,
    environ: Mapping[str, str],
    *,
    authorization: str = "Bearer {token}",
    transport: httpx.BaseTransport | None = None,
) -> ApiClient:
    """An API client with the endpoint's timeout, retries and token (from its variable)."""
    headers = {}
    if endpoint.token_env:
        token = read_secret(environ, endpoint.token_env, source)
        headers["Authorization"] = authorization.format(token=token)
    return ApiClient(
        source=source,
        base_url=endpoint.url,
        meter=meter,
        timeout=endpoint.timeout_seconds or sources.timeout_seconds,
        retries=sources.retries if endpoint.retries is None else endpoint.retries,
        headers=headers,
        token_hint=endpoint.token_env,
        transport=transport,
    )


def read_secret(environ: Mapping[str, str], variable: str, source: str) -> str:
    """A token or password, from the environment only (never from a file hotwash reads)."""
    value = environ.get(variable, "").strip()
    if not value:
        raise FetchError(Failure.AUTH, f"{source}: ${variable} is not set (it holds the secret)")
    return value


Fetch = Callable[[UnitContext], Fetched]


@dataclass(frozen=True)
class Unit:
    key: str  # unique in a collection, e.g. "prometheus/checkout-error_ratio"
    source: str  # "prometheus", "loki", "journald"...
    fetch: Fetch
