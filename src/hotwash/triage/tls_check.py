"""TLS: the certificate a server presents, verified, and how many days it has left."""

from __future__ import annotations

import socket
import ssl
import time

from hotwash.config.settings import Check
from hotwash.triage.model import Health, Verdict

DAY = 86_400.0


def check_tls(check: Check, now: float | None = None) -> Verdict:
    assert check.host is not None
    context = ssl.create_default_context(cafile=check.ca_file)
    started = time.perf_counter()
    try:
        with (
            socket.create_connection(
                (check.host, check.port or 443), timeout=check.timeout_seconds
            ) as raw,
            context.wrap_socket(raw, server_hostname=check.host) as secure,
        ):
            certificate = secure.getpeercert()
    except ssl.SSLCertVerificationError as error:
        return Verdict(Health.FAIL, f"certificate not valid: {error.verify_message}")
    except TimeoutError:
        return Verdict(Health.FAIL, f"no answer within {check.timeout_seconds:g} s")
    except (OSError, ssl.SSLError) as error:
        return Verdict(
            Health.FAIL, f"no TLS handshake: {getattr(error, 'strerror', None) or error}"
        )
    took = (time.perf_counter() - started) * 1000
    expires = ssl.cert_time_to_seconds(str((certificate or {}).get("notAfter", "")))
    return _judge(check, expires, time.time() if now is None else now, took)


def _judge(check: Check, expires: float, now: float, took: float) -> Verdict:
    days = (expires - now) / DAY
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(expires))
    if days < 0:
        return Verdict(Health.FAIL, f"certificate expired on {when}", took)
    if days < check.warn_days:
        return Verdict(Health.WARN, f"certificate expires in {days:.1f} days ({when})", took)
    return Verdict(Health.OK, f"certificate valid for {days:.0f} more days ({when})", took)
