"""HTTP: the status, how long it took, and optionally whether the body says what it should."""

from __future__ import annotations

import re
import time

import httpx

from hotwash.config.settings import Check
from hotwash.triage.model import Health, Verdict


def check_http(check: Check, transport: httpx.BaseTransport | None = None) -> Verdict:
    assert check.url is not None
    verify: str | bool = check.ca_file or True
    started = time.perf_counter()
    try:
        with httpx.Client(
            timeout=check.timeout_seconds, verify=verify, transport=transport
        ) as client:
            response = client.get(check.url)
    except httpx.TimeoutException:
        return Verdict(Health.FAIL, f"no answer within {check.timeout_seconds:g} s")
    except httpx.HTTPError as error:
        return Verdict(Health.FAIL, f"cannot connect: {_first_line(error)}")
    took = (time.perf_counter() - started) * 1000
    return _judge(check, response, took)


def _judge(check: Check, response: httpx.Response, took: float) -> Verdict:
    status = response.status_code
    expected = check.expect_status
    if (expected is not None and status != expected) or (
        expected is None and not 200 <= status < 300
    ):
        wanted = str(expected) if expected is not None else "2xx"
        return Verdict(Health.FAIL, f"HTTP {status}, expected {wanted}", took)
    if check.body_match and not re.search(check.body_match, response.text):
        return Verdict(
            Health.FAIL, f"HTTP {status}, body does not match {check.body_match!r}", took
        )
    if check.max_latency_ms is not None and took > check.max_latency_ms:
        return Verdict(Health.WARN, f"HTTP {status}, slower than {check.max_latency_ms:g} ms", took)
    return Verdict(Health.OK, f"HTTP {status}", took)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    # "[Errno 111] Connection refused" reads better without the number.
    return _ERRNO.sub("", text[0])[:200] if text else type(error).__name__


_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")
