"""Why a live source could not be fetched, said so a responder knows what to fix."""

from __future__ import annotations

import enum

from hotwash.errors import HotwashError


class Failure(enum.StrEnum):
    TIMEOUT = "timeout"
    SERVER_ERROR = "server error"
    AUTH = "authentication failed"
    WRONG_URL = "wrong URL"
    UNREACHABLE = "unreachable"
    REJECTED = "request rejected"
    PARTIAL = "partial response"
    BUDGET = "request budget exhausted"
    TOOL = "command failed"


class FetchError(HotwashError):
    """One source failed; the message never holds a token."""

    def __init__(self, failure: Failure, message: str) -> None:
        super().__init__(message)
        self.failure = failure
