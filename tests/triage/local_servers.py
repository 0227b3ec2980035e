"""Small HTTP and HTTPS servers for health checks to look at, with a certificate made by openssl."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
Routes = dict[str, tuple[int, str]]


@contextmanager
def http_server(routes: Routes, certificate: tuple[Path, Path] | None = None) -> Iterator[str]:
    """Serve ``path -> (status, body)``; yields the base URL (https when given a certificate)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = routes.get(self.path, (404, "not found"))
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((HOST, 0), Handler)
    scheme = "http"
    if certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificate)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{scheme}://{'localhost' if certificate else HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Silent:
    """A server that accepts connections and never answers; it counts them."""

    url: str
    accepted: list[socket.socket] = field(default_factory=list)


@contextmanager
def silent_server() -> Iterator[Silent]:
    listener = socket.create_server((HOST, 0))
    listener.settimeout(0.1)
    silent = Silent(f"http://{HOST}:{listener.getsockname()[1]}")
    done = threading.Event()

    def hold() -> None:
        while not done.is_set():
            try:
                silent.accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        yield silent
    finally:
        done.set()
        thread.join()
        for connection in [*silent.accepted, listener]:
            connection.close()


def make_certificate(folder: Path, days: int) -> tuple[Path, Path]:
    """A self-signed certificate for ``localhost`` valid ``days`` days: (cert, key) PEM files."""
    if shutil.which("openssl") is None:
        raise RuntimeError("openssl is needed to make a test certificate")
    key, cert = folder / f"key-{days}.pem", folder / f"cert-{days}.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", str(days), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key
