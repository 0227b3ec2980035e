"""TCP connect and DNS resolution, each bounded by the check's timeout."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from hotwash.config.settings import Check
from hotwash.triage.model import Health, Verdict


def check_tcp(check: Check) -> Verdict:
    assert check.host is not None
    assert check.port is not None
    started = time.perf_counter()
    try:
        with socket.create_connection((check.host, check.port), timeout=check.timeout_seconds):
            pass
    except TimeoutError:
        return Verdict(Health.FAIL, f"no answer within {check.timeout_seconds:g} s")
    except OSError as error:
        return Verdict(Health.FAIL, f"cannot connect: {error.strerror or error}")
    return Verdict(Health.OK, "accepts connections", _since(started))


def check_dns(check: Check) -> Verdict:
    """The resolver call cannot be interrupted, so it runs in a thread that is not waited for."""
    assert check.host is not None
    started = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(socket.getaddrinfo, check.host, check.port or 0, type=socket.SOCK_STREAM)
    pool.shutdown(wait=False)
    try:
        answers = future.result(timeout=check.timeout_seconds)
    except FutureTimeout:
        return Verdict(Health.FAIL, f"no answer within {check.timeout_seconds:g} s")
    except socket.gaierror as error:
        return Verdict(Health.FAIL, f"does not resolve: {error.strerror or error}")
    addresses = sorted({str(answer[4][0]) for answer in answers})
    return Verdict(Health.OK, "resolves to " + ", ".join(addresses[:4]), _since(started))


def _since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
