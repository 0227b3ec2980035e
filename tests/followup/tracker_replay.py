"""A local HTTP server that replays recorded tracker exchanges and checks every request.

A recording (``tests/fixtures/recorded/<tracker>/<name>.json``) is a list of exchanges,
each a request (method, path, query, headers that must match, and the exact JSON body
hotwash must send) and the response the tracker's API gives, as its public
documentation describes it. Requests must arrive in the recorded order; anything else
(an unexpected POST on a second sync, a body that differs) is answered with HTTP 599
and recorded as a mismatch, so the test fails with the difference. ``{base}`` in a
response header stands for the server's own URL (pagination links).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "recorded"


class Recording:
    def __init__(self, tracker: str, name: str) -> None:
        document = json.loads((RECORDED / tracker / f"{name}.json").read_text())
        self.exchanges: list[dict[str, Any]] = document["exchanges"]
        self.index = 0
        self.mismatches: list[str] = []
        self.base = ""

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Any:
        if self.index >= len(self.exchanges):
            self.mismatches.append(f"unexpected request {method} {target}")
            return 599, {}, {"message": "not in the recording"}
        exchange = self.exchanges[self.index]
        self.index += 1
        problem = _difference(exchange["request"], method, target, headers, body)
        if problem:
            self.mismatches.append(f"exchange {self.index}: {problem}")
            return 599, {}, {"message": problem}
        response = exchange["response"]
        extra = {k: v.replace("{base}", self.base) for k, v in response.get("headers", {}).items()}
        return response["status"], extra, response.get("json")

    def check(self) -> None:
        assert self.mismatches == [], self.mismatches
        assert self.index == len(self.exchanges), (
            f"only {self.index} of {len(self.exchanges)} recorded requests were made"
        )


def _difference(
    expected: dict[str, Any], method: str, target: str, headers: dict[str, str], body: bytes
) -> str | None:
    url = urlsplit(target)
    if (method, url.path) != (expected["method"], expected["path"]):
        return f"got {method} {url.path}, recorded {expected['method']} {expected['path']}"
    query = dict(parse_qsl(url.query, keep_blank_values=True))
    if query != expected.get("query", {}):
        return f"query {query} differs from the recorded {expected.get('query', {})}"
    for name, value in expected.get("headers", {}).items():
        if headers.get(name.lower()) != value:
            return f"header {name} is not the recorded one"
    sent = json.loads(body) if body else None
    if sent != expected.get("json"):
        recorded = json.dumps(expected.get("json"), sort_keys=True)
        return f"body {json.dumps(sent, sort_keys=True)} != recorded {recorded}"
    return None


class Stage:
    """What the server is replaying now; a test loads one recording per phase, so the
    tracker keeps one address (and its ticket URLs stay the same) across phases."""

    def __init__(self) -> None:
        self.recording: Recording | None = None
        self.base = ""

    def load(self, recording: Recording) -> Recording:
        recording.base = self.base
        self.recording = recording
        return recording


@contextmanager
def replay_server(stage: Stage) -> Iterator[str]:
    """Serve whatever ``stage`` holds on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            assert stage.recording is not None, "no recording loaded"
            answer = stage.recording.answer
            status, extra, payload = answer(self.command, self.path, headers, body)
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = _serve

        def log_message(self, format: str, *args: object) -> None:
            return  # keep test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stage.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stage.base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
