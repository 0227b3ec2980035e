"""A log store receiving 100 GB a day, as Loki and Elasticsearch would answer hotwash about it.

Nothing is stored: counts per minute are computed, and a log query returns as many
synthetic lines (``LINE_BYTES`` each) as the real store would, up to the request's
limit. What hotwash pulls can then be compared with what the store holds.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx

BYTES_PER_DAY = 100 * 10**9
LINE_BYTES = 250
SERVICES = 5
LINES_PER_MINUTE = BYTES_PER_DAY // LINE_BYTES // (24 * 60) // SERVICES  # per service
BASELINE_ERRORS, INCIDENT_ERRORS = 0.002, 0.2


class StoreModel:
    def __init__(self, onset: datetime, minutes: int) -> None:
        self.onset, self.minutes = onset.timestamp() // 60, minutes

    def errors(self, minute: int) -> int:
        bad = self.onset <= minute < self.onset + self.minutes
        return int(LINES_PER_MINUTE * (INCIDENT_ERRORS if bad else BASELINE_ERRORS))

    def loki(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        start, end = (int(params[key]) // 10**9 // 60 for key in ("start", "end"))
        query = params["query"]
        if query.startswith("sum(count_over_time("):
            count = self.errors if "|~" in query else (lambda _m: LINES_PER_MINUTE)
            values = [[m * 60, str(count(m))] for m in range(start, end + 1)]
            return _answer("matrix", [{"metric": {}, "values": values}])
        lines = self._lines(start, end, int(params["limit"]))
        values = [[str(ns), text] for ns, text in lines]
        return _answer("streams", [{"stream": {"app": "x"}, "values": values}])

    def elasticsearch(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        span = body["query"]["bool"]["filter"][0]["range"]["@timestamp"]
        start, end = (_minute(span[key]) for key in ("gte", "lte"))
        if "aggs" in body:
            buckets = [_bucket(m, self.errors(m)) for m in range(start, end + 1)]
            found = {"aggregations": {"per_minute": {"buckets": buckets}}, "_shards": {"failed": 0}}
            return httpx.Response(200, json=found)
        lines = self._lines(start, end, body["size"])
        return httpx.Response(200, json={"hits": {"hits": [_hit(ns, text) for ns, text in lines]}})

    def _lines(self, start: int, end: int, limit: int) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for minute in range(start, end):
            count = self.errors(minute)
            for i in range(min(count, limit - len(found))):
                found.append((minute * 60 * 10**9 + i * (60 * 10**9 // max(count, 1)), LINE))
            if len(found) >= limit:
                break
        return found


LINE = 'level=error msg="upstream timeout" ' + "x" * (LINE_BYTES - 36)


def _answer(kind: str, result: list[object]) -> httpx.Response:
    data = {"resultType": kind, "result": result}
    return httpx.Response(200, json={"status": "success", "data": data})


def _minute(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp()) // 60


def _bucket(minute: int, errors: int) -> dict[str, object]:
    return {"key": minute * 60_000, "doc_count": LINES_PER_MINUTE, "errors": {"doc_count": errors}}


def _hit(nanos: int, text: str) -> dict[str, object]:
    moment = datetime.fromtimestamp(nanos / 1e9, UTC).isoformat()
    source = {"@timestamp": moment, "log": {"level": "error"}, "message": text}
    return {"_id": str(nanos), "_source": source}
