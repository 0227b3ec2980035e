"""Replay recorded HTTP exchanges through httpx.MockTransport, checking every request.

A recording is a JSON file: ``{"exchanges": [{"request": {...}, "response": {...}}]}``.
Each request names its method, path and query, the headers it must carry, a subset of
its JSON body that must match, and text its body must contain (in a JSON body: in its
string values; otherwise, such as a multipart upload, in the raw body). Requests must
come in the recorded order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "recorded"


class Replay:
    def __init__(self, name: str) -> None:
        self.exchanges: list[dict[str, Any]] = json.loads((RECORDED / name).read_text())[
            "exchanges"
        ]
        self.index = 0
        self.bodies: list[bytes] = []

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    @property
    def finished(self) -> bool:
        return self.index == len(self.exchanges)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert self.index < len(self.exchanges), (
            f"unexpected request {request.method} {request.url}"
        )
        exchange = self.exchanges[self.index]
        self.index += 1
        self.bodies.append(request.content)
        _check(request, exchange["request"], self.index)
        response = exchange["response"]
        return httpx.Response(response["status"], json=response["json"])


def _check(request: httpx.Request, expected: dict[str, Any], number: int) -> None:
    where = f"exchange {number}"
    assert request.method == expected["method"], where
    assert request.url.path == expected["path"], where
    assert dict(request.url.params) == expected.get("query", {}), where
    for name, value in expected.get("headers", {}).items():
        assert request.headers.get(name) == value, f"{where}: header {name}"
    text = request.content.decode("utf-8", errors="replace")
    if "json" in expected:
        body = json.loads(request.content)
        _subset(body, expected["json"], where)
        text = "\n".join(_strings(body))  # "contains" looks inside the JSON string values
    for needle in expected.get("contains", []):
        assert needle in text, f"{where}: body lacks {needle!r}"


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _subset(actual: Any, expected: Any, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}: missing {key}"
            _subset(actual[key], value, f"{where}.{key}")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"
