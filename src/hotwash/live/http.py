"""HTTP for live sources: bounded time, bounded retries, clear reasons, no token in any message.

A request is tried ``1 + retries`` times when the server is slow, unreachable, answers
5xx or asks to back off (429); never when it refuses the request (4xx). Each attempt
is limited by the timeout, and the pause between attempts is short and capped, so
the worst case of one request is known in advance.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from hotwash.live.budget import Meter
from hotwash.live.errors import Failure, FetchError

BACKOFF_SECONDS = 0.5
MAX_PAUSE_SECONDS = 5.0
USER_AGENT = "hotwash (incident evidence collection)"
# Pairs when a parameter repeats (PagerDuty's ``service_ids[]=A&service_ids[]=B``).
Params = Mapping[str, str | int] | tuple[tuple[str, str | int], ...]


@dataclass(frozen=True)
class Reply:
    """A successful answer: its JSON and the exact bytes, which are what gets saved."""

    body: bytes
    data: Any


@dataclass
class ApiClient:
    """One source's API. ``token`` is only ever sent, never shown."""

    source: str
    base_url: str
    meter: Meter
    timeout: float = 10.0
    retries: int = 2
    headers: dict[str, str] = field(default_factory=dict)
    token_hint: str | None = None  # the variable the token came from, for auth errors
    auth: tuple[str, str] | None = None
    transport: httpx.BaseTransport | None = None
    json_body: bool = True  # False: any body is fine (a CSV deploy feed)
    sleep: Callable[[float], None] = time.sleep

    def get(self, path: str, params: Params | None = None) -> Reply:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: object) -> Reply:
        return self.request("POST", path, body=body)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        body: object = None,
    ) -> Reply:
        url = self.base_url.rstrip("/") + "/" + path.lstrip("/") if path else self.base_url
        with self._client() as client:
            for attempt in range(self.retries + 1):
                last = attempt == self.retries
                outcome = self._attempt(client, method, url, params, body, last=last)
                if isinstance(outcome, Reply):
                    return outcome
                self.sleep(min(outcome, MAX_PAUSE_SECONDS))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _client(self) -> httpx.Client:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **self.headers}
        return httpx.Client(
            timeout=self.timeout, headers=headers, auth=self.auth, transport=self.transport
        )

    def _attempt(
        self,
        client: httpx.Client,
        method: str,
        url: str,
        params: Params | None,
        body: object,
        *,
        last: bool,
    ) -> Reply | float:
        """The reply, or how long to pause before trying again (raises when giving up)."""
        self.meter.spend()
        try:
            response = client.request(method, url, params=params, json=body)
        except httpx.TimeoutException:
            return self._retry_or_fail(
                Failure.TIMEOUT, f"no answer within {self.timeout:g} s", last
            )
        except (httpx.ConnectError, httpx.ReadError, httpx.WriteError) as error:
            return self._retry_or_fail(Failure.UNREACHABLE, _connect_reason(error), last)
        except httpx.RemoteProtocolError:
            return self._retry_or_fail(Failure.PARTIAL, "the connection closed mid-answer", last)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise self._fail(Failure.WRONG_URL, f"invalid URL: {error}") from None
        self.meter.received(len(response.content))
        return self._judge(response, last)

    def _judge(self, response: httpx.Response, last: bool) -> Reply | float:
        status = response.status_code
        if status == 429 or status >= 500:
            pause = _retry_after(response) if status == 429 else None
            failure = Failure.SERVER_ERROR
            return self._retry_or_fail(failure, f"HTTP {status}{_detail(response)}", last, pause)
        if status in (401, 403):
            where = f"; check the token in ${self.token_hint}" if self.token_hint else ""
            raise self._fail(Failure.AUTH, f"HTTP {status}{where}")
        if status == 404:
            raise self._fail(Failure.WRONG_URL, f"HTTP 404 for {_path_of(response)}")
        if status >= 400:
            raise self._fail(Failure.REJECTED, f"HTTP {status}{_detail(response)}")
        return Reply(response.content, self._parse(response) if self.json_body else None)

    def _parse(self, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except ValueError:
            size = len(response.content)
            raise self._fail(
                Failure.PARTIAL, f"the answer is not complete JSON ({size} bytes received)"
            ) from None

    def _retry_or_fail(
        self, failure: Failure, reason: str, last: bool, pause: float | None = None
    ) -> float:
        if last:
            tries = self.retries + 1
            raise self._fail(failure, f"{reason} ({tries} attempt{'s' * (tries > 1)})")
        return pause if pause is not None else BACKOFF_SECONDS

    def _fail(self, failure: Failure, reason: str) -> FetchError:
        return FetchError(failure, f"{self.source} at {_safe(self.base_url)}: {reason}")


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None


def _detail(response: httpx.Response) -> str:
    """The server's own error message, if it gave a short one (Prometheus, Loki, ES do)."""
    try:
        data = json.loads(response.content)
    except ValueError:
        text = response.text.strip().splitlines()
        return f": {text[0][:200]}" if text else ""
    if isinstance(data, dict):
        message = data.get("error") or data.get("message")
        if isinstance(message, dict):
            message = message.get("reason") or message.get("type")
        if isinstance(message, str) and message:
            return f": {message[:200]}"
    return ""


def _connect_reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return f"cannot connect ({text[:200]})"


def _path_of(response: httpx.Response) -> str:
    return response.request.url.path


def _safe(url: str) -> str:
    """The URL without credentials or query (which may hold a key)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return "(invalid URL)"
    return str(parsed.copy_with(userinfo=b"", query=None, fragment=None))
