"""Real Prometheus and Alertmanager (Debian's binaries) on free loopback ports, for tests.

Plain helpers with no pytest in them; ``conftest.py`` turns them into fixtures. Each
server runs in its own temporary folder, listens on 127.0.0.1 only, and is stopped
(and its folder deleted) by :func:`stop`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from exporter import Exporter

HOST = "127.0.0.1"
READY_SECONDS = 30.0
PROMETHEUS_BINARIES = ("prometheus",)
ALERTMANAGER_BINARIES = ("prometheus-alertmanager", "alertmanager")


class Unavailable(Exception):
    """The binaries are not installed here."""


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    workdir: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log(self) -> str:
        path = self.workdir / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def find_binary(names: tuple[str, ...], package: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise Unavailable(f"{names[0]} not found on PATH; install Debian's {package} package")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_alertmanager() -> Server:
    binary = find_binary(ALERTMANAGER_BINARIES, "prometheus-alertmanager")
    workdir = Path(tempfile.mkdtemp(prefix="hotwash-am-"))
    (workdir / "alertmanager.yml").write_text(
        'route: {receiver: "null", group_wait: 0s, group_interval: 1s, repeat_interval: 1h}\n'
        'receivers: [{name: "null"}]\n'
    )

    def command(port: int) -> list[str]:
        return [binary, f"--config.file={workdir / 'alertmanager.yml'}",
                f"--storage.path={workdir / 'data'}", f"--web.listen-address={HOST}:{port}",
                "--cluster.listen-address="]  # fmt: skip

    return _start("alertmanager", command, workdir, "/-/ready")


def start_prometheus(target: str, alertmanager: str, rules: str) -> Server:
    """Scrape ``target`` (host:port) every second, evaluate ``rules`` every second."""
    binary = find_binary(PROMETHEUS_BINARIES, "prometheus")
    workdir = Path(tempfile.mkdtemp(prefix="hotwash-prom-"))
    (workdir / "rules.yml").write_text(rules)
    (workdir / "prometheus.yml").write_text(
        "global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}\n"
        "rule_files: [rules.yml]\n"
        f'alerting: {{alertmanagers: [{{static_configs: [{{targets: ["{alertmanager}"]}}]}}]}}\n'
        f'scrape_configs: [{{job_name: app, static_configs: [{{targets: ["{target}"]}}]}}]\n'
    )

    def command(port: int) -> list[str]:
        return [binary, f"--config.file={workdir / 'prometheus.yml'}",
                f"--storage.tsdb.path={workdir / 'data'}",
                f"--web.listen-address={HOST}:{port}"]  # fmt: skip

    return _start("prometheus", command, workdir, "/-/ready")


def stop(server: Server) -> None:
    try:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    finally:
        shutil.rmtree(server.workdir, ignore_errors=True)


def _start(
    name: str, command: Callable[[int], list[str]], workdir: Path, ready_path: str
) -> Server:
    for _ in range(3):  # a free port may be taken before the server binds it
        port = free_port()
        with (workdir / "server.log").open("wb") as log:  # the server keeps its own copy
            process = subprocess.Popen(
                command(port), stdout=log, stderr=subprocess.STDOUT, cwd=workdir
            )
        server = Server(name, process, port, workdir)
        if _wait_ready(server, ready_path):
            return server
        process.kill()
        process.wait()
    log_text = server.log()
    shutil.rmtree(workdir, ignore_errors=True)
    raise RuntimeError(f"{name} did not start:\n{log_text}")


def _wait_ready(server: Server, path: str) -> bool:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            if httpx.get(server.url + path, timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False


ALERT_RULES = """\
groups:
- name: checkout
  rules:
  - alert: CheckoutErrorRatioHigh
    expr: >
      sum(irate(app_http_requests_total{code=~"5.."}[5m]))
      / sum(irate(app_http_requests_total[5m])) > 0.1
    labels: {severity: page, service: checkout}
    annotations: {summary: "checkout error ratio above 10%"}
"""
ERROR_RATIO = (
    'sum(rate(app_http_requests_total{code=~"5.."}[1m])) / sum(rate(app_http_requests_total[1m]))'
)
# The scenario: ten minutes of samples ending about now, errors from minute seven on.
QUIET_MINUTES, BAD_MINUTES = 7, 3


@dataclass
class Monitoring:
    prometheus: Server
    alertmanager: Server
    exporter: Exporter

    @property
    def onset(self) -> float:
        return self.exporter.scenario.onset


def live_config(monitoring: Monitoring) -> str:
    return f"""
[sources]
timeout_seconds = 5
retries = 1

[sources.prometheus]
url = "{monitoring.prometheus.url}"

[sources.alertmanager]
url = "{monitoring.alertmanager.url}"

[services.checkout.queries]
error_ratio = '{ERROR_RATIO}'
"""
