"""Header learning: the header is found from the file's own lines and cut off exactly."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.condense.mining import NO_HEADER, learn_header

MESSAGES = [
    "Starting the scheduler",
    "session opened for user root",
    "cache miss for key profile",
    "Connection closed by peer",
    "flush complete",
]

FORMATS = {
    "log4j": "2024-03-0{d} 10:1{d}:0{d},12{d} {level} [worker-{d}] org.example.Service: {msg}",
    "syslog": "Jun  {d} 0{d}:10:1{d} gateway sshd[12{d}]: {msg}",
    "dash": "2015-07-29 17:41:4{d},747 - {level}  [Thread-{d}:Peer@77{d}] - {msg}",
    "pipes": "20171223-22:15:2{d}:606|Step_LSC|3000231{d}|{msg}",
    "brackets": "[Sun Dec 04 04:47:4{d} 2005] [{lower}] {msg}",
    "columns": "- 111783857{d} 2005.06.03 R02-M1-N{d} RAS KERNEL {level} {msg}",
    "android": "03-17 16:13:3{d}.811  1702  239{d} D WindowManager: {msg}",
    "windows": "2016-09-28 04:30:3{d}, {level}                  {msg}",
}


def sample(fmt: str, count: int = 40) -> tuple[pl.Series, list[str]]:
    levels = ["INFO", "WARN", "ERROR", "DEBUG"]
    messages = [MESSAGES[i % len(MESSAGES)] for i in range(count)]
    lines = [
        fmt.format(d=i % 10, level=levels[i % 4], lower=levels[i % 4].lower(), msg=msg)
        for i, msg in enumerate(messages)
    ]
    return pl.Series(lines), messages


@pytest.mark.parametrize("name", FORMATS)
def test_header_is_cut_off_every_line(name: str) -> None:
    lines, messages = sample(FORMATS[name])
    rule = learn_header(lines)
    assert rule.strip(lines).to_list() == messages


def test_bare_messages_have_no_header() -> None:
    lines = pl.Series(MESSAGES * 4)
    assert learn_header(lines) == NO_HEADER
    assert NO_HEADER.strip(lines).to_list() == lines.to_list()


def test_too_few_lines_learn_nothing() -> None:
    assert learn_header(pl.Series(["2024-01-01 INFO x: y"])) == NO_HEADER


def test_a_line_the_rule_does_not_fit_is_kept_whole() -> None:
    lines, _ = sample(FORMATS["syslog"])
    rule = learn_header(lines)
    odd = pl.Series(["a continuation line without any header"])
    assert rule.strip(odd).to_list() == odd.to_list()


def test_a_steady_thread_bracket_before_the_component_is_part_of_the_header() -> None:
    lines, _ = sample(FORMATS["log4j"])
    rule = learn_header(lines)
    assert (rule.kind, rule.units) == ("terminator", 2)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
MESSAGE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(FORMATS)),
    st.lists(MESSAGE, min_size=10, max_size=30),
)
def test_any_letters_only_message_survives_stripping(name: str, messages: list[str]) -> None:
    fmt = FORMATS[name]
    lines = pl.Series(
        [fmt.format(d=i % 10, level="INFO", lower="info", msg=m) for i, m in enumerate(messages)]
    )
    assert learn_header(lines).strip(lines).to_list() == messages
