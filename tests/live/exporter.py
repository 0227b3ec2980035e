"""A tiny Prometheus exporter whose request and error counters the test controls.

Timelines are minute-grained: an onset needs several quiet minutes and several bad
ones. A test cannot wait that long, so the exporter plays a scenario on a fast clock:
every scrape advances the samples' own timestamps (explicit timestamps are part of
the exposition format, and Prometheus honours them) by ``step`` seconds, starting in
the past and never passing real time. The errors start at ``onset`` on that clock.
Real Prometheus stores, queries and alerts on these samples exactly as on any others.
Latency is a summary's 0.99 quantile, which jumps at ``onset`` too.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"


@dataclass
class Scenario:
    start: float  # timestamp (epoch seconds) of the first sample
    onset: float  # from this sample time on, the error share is ``incident_share``
    step: float = 20.0  # sample seconds per scrape
    requests: int = 200  # per sample
    baseline_share: float = 0.01
    incident_share: float = 0.4
    baseline_p99: float = 0.12  # seconds
    incident_p99: float = 1.8


@dataclass
class Exporter:
    scenario: Scenario
    served: int = 0
    ok_total: int = 0
    error_total: int = 0
    seconds_total: float = 0.0  # the summary's _sum
    last_sample: float = 0.0
    first_error_served: float | None = None  # real time the first bad sample went out
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def sample(self) -> bytes:
        with self.lock:
            # Never ahead of real time, always after the previous sample.
            wanted = self.scenario.start + self.scenario.step * self.served
            moment = max(min(wanted, time.time() - 1.0), self.last_sample + 0.001)
            self.served += 1
            self.last_sample = moment
            bad = moment >= self.scenario.onset
            scenario = self.scenario
            share = scenario.incident_share if bad else scenario.baseline_share
            p99 = scenario.incident_p99 if bad else scenario.baseline_p99
            errors = round(scenario.requests * share)
            self.error_total += errors
            self.ok_total += scenario.requests - errors
            self.seconds_total += scenario.requests * p99 / 2
            if bad and self.first_error_served is None:
                self.first_error_served = time.time()
            return self._exposition(p99, int(moment * 1000))

    def _exposition(self, p99: float, millis: int) -> bytes:
        count = self.ok_total + self.error_total
        return (
            "# TYPE app_http_requests_total counter\n"
            f'app_http_requests_total{{code="200"}} {self.ok_total} {millis}\n'
            f'app_http_requests_total{{code="500"}} {self.error_total} {millis}\n'
            "# TYPE app_http_request_duration_seconds summary\n"
            f'app_http_request_duration_seconds{{quantile="0.99"}} {p99} {millis}\n'
            f"app_http_request_duration_seconds_sum {self.seconds_total} {millis}\n"
            f"app_http_request_duration_seconds_count {count} {millis}\n"
        ).encode()

    @property
    def address(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"{host!s}:{port}"

    def start(self) -> None:
        exporter = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = exporter.sample()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; version=0.0.4")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
