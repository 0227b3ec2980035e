"""Run every configured health check at once; results come back in configuration order.

A service's ``health_url`` is an HTTP check named ``health``; its ``checks`` follow.
Each check bounds its own time, so the whole run takes about as long as the slowest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

from hotwash.config.settings import Check, Settings
from hotwash.triage.http_check import check_http
from hotwash.triage.model import CheckResult, Health, Verdict
from hotwash.triage.network import check_dns, check_tcp
from hotwash.triage.postgres_check import check_postgres
from hotwash.triage.redis_check import check_redis
from hotwash.triage.tls_check import check_tls

MAX_WORKERS = 32

Planned = tuple[str, Check]


def planned_checks(settings: Settings, services: list[str] | None = None) -> list[Planned]:
    chosen = services if services else sorted(settings.services)
    planned: list[Planned] = []
    for name in chosen:
        service = settings.services[name]
        if service.health_url:
            planned.append((name, Check(kind="http", name="health", url=service.health_url)))
        planned += [(name, check) for check in service.checks]
    return planned


def run_checks(planned: list[Planned], environ: Mapping[str, str]) -> list[CheckResult]:
    if not planned:
        return []
    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(planned))) as pool:
        verdicts = list(pool.map(lambda item: _verdict(item[1], environ), planned))
    return [
        _result(service, check, verdict)
        for (service, check), verdict in zip(planned, verdicts, strict=True)
    ]


def _verdict(check: Check, environ: Mapping[str, str]) -> Verdict:
    runners: dict[str, Callable[[], Verdict]] = {
        "http": lambda: check_http(check),
        "tcp": lambda: check_tcp(check),
        "dns": lambda: check_dns(check),
        "tls": lambda: check_tls(check),
        "postgres": lambda: check_postgres(check),
        "redis": lambda: check_redis(check, environ),
    }
    try:
        return runners[check.kind]()
    except Exception as error:  # one check's surprise must not hide the others' results
        return Verdict(Health.FAIL, f"check failed unexpectedly: {error!r}")


def _result(service: str, check: Check, verdict: Verdict) -> CheckResult:
    return CheckResult(
        service=service,
        check=check.label,
        kind=check.kind,
        target=target_of(check),
        health=verdict.health,
        detail=verdict.detail,
        latency_ms=None if verdict.latency_ms is None else round(verdict.latency_ms, 1),
    )


def target_of(check: Check) -> str:
    if check.url is not None:
        return _without_credentials(check.url)
    return f"{check.host}:{check.port}" if check.port else str(check.host)


def _without_credentials(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    host_part, slash, path = rest.partition("/")
    host = host_part.rpartition("@")[2]
    return f"{scheme}{sep}{host}{slash}{path.partition('?')[0]}"
