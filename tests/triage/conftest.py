"""Fixtures: a real redis-server per test (so a test may stop it), and a certificate folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from redis_server import RedisServer, RedisUnavailable, start_redis


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    try:
        server = start_redis()
    except RedisUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis tests cannot run on CI: {error}", pytrace=False)
        pytest.skip(str(error))
    try:
        yield server
    finally:
        server.remove()
