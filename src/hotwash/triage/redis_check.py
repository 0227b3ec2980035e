"""Redis ``PING`` over a plain socket (RESP), with ``AUTH`` first when a password is set."""

from __future__ import annotations

import socket
import time
from collections.abc import Mapping

from hotwash.config.settings import Check
from hotwash.triage.model import Health, Verdict

DEFAULT_PORT = 6379
PING = b"*1\r\n$4\r\nPING\r\n"


def check_redis(check: Check, environ: Mapping[str, str]) -> Verdict:
    assert check.host is not None
    started = time.perf_counter()
    try:
        with socket.create_connection(
            (check.host, check.port or DEFAULT_PORT), timeout=check.timeout_seconds
        ) as conn:
            password = environ.get(check.password_env, "") if check.password_env else ""
            if password:
                conn.sendall(_command(b"AUTH", password.encode()))
                answer = _reply(conn)
                if not answer.startswith(b"+OK"):
                    return Verdict(Health.FAIL, f"AUTH refused: {_text(answer)}")
            conn.sendall(PING)
            answer = _reply(conn)
    except TimeoutError:
        return Verdict(Health.FAIL, f"no answer within {check.timeout_seconds:g} s")
    except OSError as error:
        return Verdict(Health.FAIL, f"cannot connect: {error.strerror or error}")
    took = (time.perf_counter() - started) * 1000
    if answer.startswith(b"+PONG"):
        return Verdict(Health.OK, "PONG", took)
    return Verdict(Health.FAIL, f"answered {_text(answer) or 'nothing'}", took)


def _command(*parts: bytes) -> bytes:
    encoded = b"".join(b"$%d\r\n%s\r\n" % (len(part), part) for part in parts)
    return b"*%d\r\n" % len(parts) + encoded


def _reply(conn: socket.socket) -> bytes:
    """One simple reply line (``+PONG``, ``-NOAUTH ...``, ``-LOADING ...``)."""
    data = b""
    while not data.endswith(b"\r\n") and len(data) < 4096:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _text(answer: bytes) -> str:
    return answer.decode("utf-8", errors="replace").strip()[:200]
