"""One HTTP conversation with a tracker: requests, error messages, pagination.

Every failure becomes a :class:`TrackerError` of one line naming the tracker, the
request and what went wrong, with the token scrubbed from anything quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx

from hotwash.trackers.credentials import scrub
from hotwash.trackers.model import TrackerError

ClientFactory = Callable[..., httpx.Client]
_EXCERPT = 200
_MAX_PAGES = 50  # 5,000 tickets; more is a mistake in the search, not a team's backlog


class TrackerApi:
    def __init__(self, name: str, client: httpx.Client, secrets: tuple[str, ...]) -> None:
        self.name = name
        self._client = client
        self._secrets = secrets

    def close(self) -> None:
        self._client.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        try:
            response = self._client.request(method, path, params=params, json=json)
        except httpx.TimeoutException:
            raise self._failure(method, path, "no answer in time") from None
        except httpx.HTTPError as error:
            raise self._failure(method, path, f"{type(error).__name__}: {error}") from None
        if not response.is_success:
            problem = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
            excerpt = _one_line(response.text)
            raise self._failure(method, path, f"{problem}: {excerpt}" if excerpt else problem)
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.call(method, path, **kwargs)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise self._failure(method, path, "the answer is not JSON") from None

    def pages(
        self, path: str, params: Mapping[str, str], next_of: Callable[[httpx.Response], Any]
    ) -> Iterator[Any]:
        """The JSON of each page; ``next_of`` gives the next (path, params), or ``None``."""
        step: tuple[str, Mapping[str, str] | None] | None = (path, params)
        for _ in range(_MAX_PAGES):
            if step is None:
                return
            response = self.call("GET", step[0], params=step[1])
            yield response.json()
            step = next_of(response)
        raise TrackerError(f"{self.name}: more than {_MAX_PAGES} pages of tickets; narrow labels")

    def _failure(self, method: str, path: str, problem: str) -> TrackerError:
        where = scrub(f"{method} {path}", self._secrets)
        return TrackerError(f"{self.name}: {where} failed: {scrub(problem, self._secrets)}")


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1] + "…"
