"""Replay recorded HTTP exchanges (``tests/fixtures/recorded/``) as httpx transports or a server.

A recording lists exchanges: a request pattern (method, path, params that must be
equal, headers that must be equal, or a word the JSON body must hold) and the response
that was recorded; the first exchange that matches answers. A parameter sent several
times (``service_ids[]=A&service_ids[]=B``) matches its values joined by commas
(``"A,B"``). Log queries are answered as the store would: only entries inside the
request's time range, at most its limit. A request that matches nothing fails the test.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

HERE = Path(__file__).resolve().parent
RECORDED = HERE.parent / "fixtures" / "recorded"


@dataclass
class Recording:
    exchanges: list[dict[str, Any]]
    seen: list[str] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    @classmethod
    def load(cls, *names: str) -> Recording:
        """Recordings by name under ``tests/fixtures/recorded/`` or ``tests/live/recordings/``."""
        exchanges = []
        for name in names:
            path = RECORDED / name if (RECORDED / name).exists() else HERE / "recordings" / name
            exchanges += json.loads(path.read_text())["exchanges"]
        return cls(exchanges)

    def answer(
        self,
        method: str,
        path: str,
        params: dict[str, str],
        body: bytes,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, bytes]:
        self.seen.append(f"{method} {path}")
        for exchange in self.exchanges:
            if _matches(exchange["request"], method, path, params, body, headers or {}):
                response = exchange["response"]
                content = _narrowed(response["body"], params, body)
                return int(response["status"]), json.dumps(content).encode()
        raise AssertionError(f"no recorded exchange for {method} {path} {params} {body[:200]!r}")

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            params = joined(request.url.params.multi_items())
            status, content = self.answer(
                request.method, request.url.path, params, request.content, request.headers
            )
            return httpx.Response(
                status, content=content, headers={"Content-Type": "application/json"}
            )

        return httpx.MockTransport(handle)


@contextmanager
def replay_server(recording: Recording) -> Iterator[str]:
    """Serve the recording on a loopback port; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            size = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(size) if size else b""
            status, content = recording.answer(
                self.command,
                parts.path,
                joined(parse_qsl(parts.query)),
                body,
                dict(self.headers.items()),
            )
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _serve

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def joined(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Query parameters, a repeated one as its values joined by commas."""
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return {key: ",".join(values) for key, values in found.items()}


def _matches(
    pattern: dict[str, Any],
    method: str,
    path: str,
    params: dict[str, str],
    body: bytes,
    headers: Mapping[str, str],
) -> bool:
    if pattern["method"] != method or pattern["path"] != path:
        return False
    if any(params.get(key) != value for key, value in pattern.get("params", {}).items()):
        return False
    sent = {key.lower(): value for key, value in headers.items()}
    if any(sent.get(key.lower()) != value for key, value in pattern.get("headers", {}).items()):
        return False
    word = pattern.get("body_has")
    return word is None or word in json.loads(body or b"{}")


def _narrowed(content: Any, params: dict[str, str], body: bytes) -> Any:
    """Loki streams inside start..end (nanoseconds); Elasticsearch hits inside the range."""
    data = content.get("data") if isinstance(content, dict) else None
    if isinstance(data, dict) and data.get("resultType") == "streams":
        low, high, limit = int(params["start"]), int(params["end"]), int(params.get("limit", 100))
        result = [
            {**stream, "values": [v for v in stream["values"] if low <= int(v[0]) < high][:limit]}
            for stream in data["result"]
        ]
        return {**content, "data": {**data, "result": result}}
    request = json.loads(body) if body else {}
    if "sort" in request:
        low_text, high_text = _range(request)
        hits = [
            h
            for h in content["hits"]["hits"]
            if low_text <= _epoch(h["_source"]["@timestamp"]) <= high_text
        ]
        return {**content, "hits": {**content["hits"], "hits": hits[: request["size"]]}}
    return content


def _range(request: dict[str, Any]) -> tuple[float, float]:
    for clause in request["query"]["bool"]["filter"]:
        if "range" in clause:
            span = clause["range"]["@timestamp"]
            return _epoch(span["gte"]), _epoch(span["lte"])
    raise AssertionError("search without a time range")


def _epoch(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
