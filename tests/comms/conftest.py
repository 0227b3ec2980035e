"""Fixtures for the communications tests: a real HTTP receiver, a real SQLite store."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest

from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.repository import Store
from hotwash.incidents.service import IncidentService
from hotwash.store import open_store, sqlite_url

T0 = datetime(2026, 3, 14, 14, 5, tzinfo=UTC)

Mode = Literal["ok", "error", "hang"]


@dataclass(frozen=True)
class Received:
    path: str
    content_type: str
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What a webhook receiver saw; ``modes`` makes a path answer 500 or hang."""

    port: int
    requests: list[Received] = field(default_factory=list)
    modes: dict[str, Mode] = field(default_factory=dict)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def seen(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.path == path]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with receiver.lock:
            receiver.requests.append(Received(self.path, self.headers["Content-Type"], body))
        mode = receiver.modes.get(self.path, "ok")
        if mode == "hang":
            receiver.release.wait(10)  # the client gives up long before; teardown releases us
            return
        # A 500 that echoes the request path (where webhook secrets live) and runs long,
        # like real error pages do: neither may reach a stored error message.
        status, text = (
            (500, f"boom at {self.path} " + "x" * 500) if mode == "error" else (200, "ok")
        )
        payload = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    # Non-daemon request threads are joined by server_close(): nothing outlives a test.
    daemon_threads = False
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.receiver = Receiver(port=self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is expected here


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.receiver
    finally:
        server.receiver.release.set()
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on a port nobody listens on: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(sqlite_url(tmp_path / "hotwash.db"))
    try:
        yield opened
    finally:
        opened.close()


class Clock:
    """A settable clock shared by the service and the notifier."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: Store, clock: Callable[[], datetime]) -> IncidentService:
    return IncidentService(store, SeverityPolicy(), clock=clock, viewer="alice")
