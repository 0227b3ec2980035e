"""Run the real ``hotwash`` entry point in-process, as a user would from a shell."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from hotwash.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


def make_runner(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("HOTWASH_USER", "dana")
    for name in ("HOTWASH_DATABASE_URL", "HOTWASH_NOW", "HOTWASH_TIMEZONE", "HOTWASH_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        with monkeypatch.context() as scoped:
            for key, value in (env or {}).items():
                scoped.setenv(key, value)
            try:
                main(list(args))
                code = 0
            except SystemExit as done:
                code = int(done.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke
