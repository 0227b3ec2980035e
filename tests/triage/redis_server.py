"""A throwaway ``redis-server`` (Debian's) on a free loopback port, without persistence."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


class RedisUnavailable(Exception):
    """redis-server is not installed here."""


@dataclass
class RedisServer:
    process: subprocess.Popen[bytes]
    port: int
    workdir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def start_redis() -> RedisServer:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisUnavailable(
            "redis-server not found on PATH; install Debian's redis-server package"
        )
    workdir = Path(tempfile.mkdtemp(prefix="hotwash-redis-"))
    for _ in range(3):
        port = _free_port()
        command = [binary, "--port", str(port), "--bind", HOST, "--save", "",
                   "--appendonly", "no", "--dir", str(workdir), "--daemonize", "no",
                   "--protected-mode", "no"]  # fmt: skip
        with (workdir / "redis.log").open("wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        server = RedisServer(process, port, workdir)
        if _answers(server):
            return server
        server.stop()
    log_text = (workdir / "redis.log").read_text(errors="replace")
    shutil.rmtree(workdir, ignore_errors=True)
    raise RuntimeError(f"redis-server did not start:\n{log_text}")


def _answers(server: RedisServer) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            with socket.create_connection((HOST, server.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(64).startswith(b"+PONG"):
                    return True
        except OSError:
            time.sleep(0.05)
    return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port
