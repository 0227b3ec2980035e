"""Detection's shortcuts change nothing: it finds what scoring every format in full finds.

Detection skips the formats with a pattern no sample line matches (``plausible``),
asks the others only for their ``recognition`` of each line, not their full parse,
and stops at a full score. The reference here is detection as it was before: every
candidate's full parse, every candidate scored.
"""

from __future__ import annotations

import json

import log_lines
import polars as pl
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from hotwash.evidence.logs import formats
from hotwash.evidence.logs.detect import INNER_THRESHOLD, detect, sample
from hotwash.evidence.logs.formats import JsonLinesFormat, LogFormat, PlainFormat
from hotwash.evidence.logs.formats.access import AccessLogFormat
from hotwash.evidence.logs.formats.base import LINE, RECOGNISED, TEXT
from hotwash.evidence.logs.formats.docker import DockerJsonFormat
from hotwash.evidence.logs.formats.java import JavaFormat
from hotwash.evidence.logs.formats.journald import JournaldFormat
from hotwash.evidence.logs.formats.jsonlines import DIALECTS
from hotwash.evidence.logs.formats.klog import KlogFormat
from hotwash.evidence.logs.formats.logfmt import LogfmtFormat
from hotwash.evidence.logs.formats.postgres import PostgresFormat
from hotwash.evidence.logs.formats.prefixed import GENERIC_PREFIX, KUBECTL_PREFIX, PrefixedFormat
from hotwash.evidence.logs.formats.pylogging import PythonLoggingFormat
from hotwash.evidence.logs.formats.syslog import Rfc3164Format, Rfc5424Format
from hotwash.evidence.logs.plausible import required

JSON_FORMATS: list[LogFormat] = [JournaldFormat(), *(JsonLinesFormat(d) for d in DIALECTS)]


@st.composite
def docker_line(draw: st.DrawFn) -> str:
    inner = draw(st.one_of(log_lines.json_line(), log_lines.text()))
    time = draw(st.one_of(log_lines.iso_time(), st.just("x")))
    keys = draw(st.permutations(["log", "stream", "time"]))
    values = {"log": inner + "\n", "stream": "stderr", "time": time}
    return json.dumps({key: values[key] for key in keys[: draw(st.integers(1, 3))]})


# Lines of each kind: the usual layouts, their variants, damaged lines.
KINDS: dict[str, st.SearchStrategy[str]] = {
    "java": log_lines.java_line(),
    "java-time-only": log_lines.java_line(dated=False),
    "json": log_lines.json_line(),
    "json-epoch": log_lines.json_line(epoch=True),
    "ecs": log_lines.ecs_line(),
    "journald": log_lines.journald_line(),
    "logfmt": log_lines.logfmt_line(),
    "access": log_lines.access_line(),
    "syslog": log_lines.syslog_line(),
    "syslog-5424": log_lines.syslog5424_line(),
    "postgres": log_lines.postgres_line(),
    "klog": log_lines.klog_line(),
    "python": log_lines.python_line(),
    "kubectl+json": log_lines.prefixed_line(log_lines.json_line(), kubectl=True),
    "kubectl+logfmt": log_lines.prefixed_line(log_lines.logfmt_line(), kubectl=True),
    "timestamped": log_lines.prefixed_line(log_lines.text(), kubectl=False),
    "timestamped+java": log_lines.prefixed_line(log_lines.java_line(dated=False), kubectl=False),
    "epoch-prefixed": log_lines.epoch_prefixed_line(),
    "docker": docker_line(),
}
OTHER = st.one_of(st.sampled_from(log_lines.OTHER_LINES), log_lines.text(), st.text(max_size=30))
SCHEMA = {LINE: pl.UInt64, TEXT: pl.String}
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


@st.composite
def mostly(draw: st.DrawFn, kind: st.SearchStrategy[str], least: int = 1) -> list[str]:
    """At least ``least`` lines (and a few more), most of ``kind``, some of any kind."""
    anything = st.one_of(*KINDS.values(), OTHER)
    line = st.one_of(kind, kind, kind, anything)
    return draw(st.lists(line, min_size=least, max_size=least + 9))


# Every format detection asks, and envelopes around a format (as reading asks them),
# with the kind of lines each reads.
FORMATS: list[tuple[LogFormat, str]] = [
    *((fmt, "journald" if fmt.name == "journald-json" else "json") for fmt in JSON_FORMATS),
    (DockerJsonFormat(), "docker"),
    (Rfc5424Format(), "syslog-5424"),
    (Rfc3164Format(), "syslog"),
    (AccessLogFormat(), "access"),
    (PostgresFormat(), "postgres"),
    (KlogFormat(), "klog"),
    (PythonLoggingFormat(), "python"),
    (JavaFormat(dated=True), "java"),
    (JavaFormat(dated=False), "java-time-only"),
    (LogfmtFormat(), "logfmt"),
    (PrefixedFormat("kubectl", KUBECTL_PREFIX, PlainFormat()), "kubectl+logfmt"),
    (PrefixedFormat("timestamped", GENERIC_PREFIX, PlainFormat()), "timestamped"),
    (PrefixedFormat("kubectl", KUBECTL_PREFIX, JsonLinesFormat(DIALECTS[0])), "kubectl+json"),
    (PrefixedFormat("timestamped", GENERIC_PREFIX, JavaFormat(dated=False)), "timestamped+java"),
]


@pytest.mark.parametrize(
    ("fmt", "kind"), [pytest.param(*case, id=case[0].name) for case in FORMATS]
)
@settings(max_examples=6, deadline=None, phases=NO_SHRINK)  # shrinking many lines is slow
@given(data=st.data())
def test_recognition_is_what_the_full_parse_says(
    fmt: LogFormat, kind: str, data: st.DataObject
) -> None:
    lines = data.draw(mostly(KINDS[kind], least=30))  # lines cost little, queries much
    frame = pl.DataFrame({LINE: range(1, len(lines) + 1), TEXT: lines}, schema=SCHEMA)
    parsed = fmt.parse(frame)
    recognised = parsed["reason"].is_null() | parsed["reason"].is_in(RECOGNISED)
    got = fmt.recognition(frame)
    assert got["recognised"].to_list() == recognised.to_list()
    # ``cont`` only counts on lines not recognised
    assert got["cont"].filter(~recognised).to_list() == parsed["cont"].filter(~recognised).to_list()
    for pattern in (fmt.shape, fmt.requires):  # what ``plausible`` takes for granted
        if pattern is not None:
            assert frame[TEXT].filter(recognised).str.contains(pattern).all()


@pytest.mark.parametrize("kind", list(KINDS))
@settings(max_examples=3, deadline=None)
@given(data=st.data(), ending=st.sampled_from(["", "\n", "\r\n"]), complete=st.booleans())
def test_detection_finds_what_scoring_every_format_finds(
    kind: str, data: st.DataObject, ending: str, complete: bool
) -> None:
    head = ("\n".join(data.draw(mostly(KINDS[kind]))) + ending).encode()
    found = detect(head, complete=complete)
    name = found.format.name if found.format is not None else None
    assert (name, found.score, found.sample_lines) == reference_detect(head, complete=complete)


# Heads where formats compete: an earlier one scores less than a later one, an
# envelope's inner lines fall short, a time that is not a time, blank and binary data.
TRICKY = [
    b"2026-03-14 14:02:11 NOTICE [main] c.a.P - x\n2026-03-14 14:02:11,123 INFO [main] c.a.P - y\n",
    b"[2026-03-14T14:02:00.000+00:00] INFO started\n1773496990 WARN buffer full\n",
    b"2026-03-14T14:02:01.000000001Z plain words\n2026-03-14T14:02:02Z more words\n",
    b'2026-03-14T14:02:01Z {"time":"x","msg":"a"}\n2026-03-14T14:02:02Z a=1 b=2\n',
    b'{"log":"plain\\n","stream":"stderr","time":"2026-03-14T14:02:01Z"}\n{"log":"x\\n"}\n',
    b'{"time":"not a time","msg":"a"}\n{"time":["x"],"msg":"b"}\n{"msg":"c"}\n',
    b"2026-03-14 14:02:11.123 UTC [5512] app@orders DETAIL:  Process 5512 waits\n",
    b"2026-03-14 14:02:11 UTC [1] LOG:  x\n\tSET status = 1\n2026-03-14 14:02:12 UTC [1] HINT: y\n",
    b"a=1\nb=2 c=3\n",
    b"\x00\x01\xff\xfe" * 50,
    b" \n\t\n\n",
    b"{}\n{}\n",
    b"\xc3\x28 {\n",
]


@pytest.mark.parametrize("head", TRICKY)
def test_competing_formats_are_detected_as_before(head: bytes) -> None:
    found = detect(head, complete=True)
    name = found.format.name if found.format is not None else None
    assert (name, found.score, found.sample_lines) == reference_detect(head, complete=True)


def reference_detect(head: bytes, *, complete: bool) -> tuple[str | None, float, int]:
    """Detection as it was: every candidate parsed in full and scored."""
    lines = sample(head, complete=complete)
    chosen, top = _best([*formats.line_formats(), *formats.envelope_formats()], lines)
    if isinstance(chosen, DockerJsonFormat | PrefixedFormat):
        chosen = _with_inner(chosen, lines)
    return (chosen.name if chosen is not None else None), top, lines.height


def _with_inner(envelope: DockerJsonFormat | PrefixedFormat, lines: pl.DataFrame) -> LogFormat:
    text = pl.col(TEXT)
    if isinstance(envelope, DockerJsonFormat):
        inner_text = envelope.inner_text(text)
    else:
        head = text.str.extract_groups(envelope.prefix).struct.field("head")
        inner_text = text.str.slice(head.str.len_chars())
    inner_lines = lines.select(pl.col(LINE), inner_text.alias(TEXT)).drop_nulls()
    inner, inner_score = _best(formats.inner_formats(), inner_lines)
    if inner is not None and inner_score >= INNER_THRESHOLD:
        return envelope.with_inner(inner)
    if isinstance(envelope, PrefixedFormat) and envelope.base_name == "kubectl":
        return formats.envelope_formats()[1]
    return envelope


def _best(candidates: list[LogFormat], lines: pl.DataFrame) -> tuple[LogFormat | None, float]:
    chosen: LogFormat | None = None
    top = 0.0
    for fmt in candidates:
        value = _score(fmt, lines)
        if value > top:
            chosen, top = fmt, value
    return chosen, top


def _score(fmt: LogFormat, lines: pl.DataFrame) -> float:
    nonblank = lines.filter(pl.col(TEXT).str.strip_chars() != "")
    gates = [pattern for pattern in (fmt.gate, fmt.marker) if pattern is not None]
    if nonblank.height == 0 or not all(nonblank[TEXT].str.contains(p).any() for p in gates):
        return 0.0
    parsed = fmt.parse(nonblank).with_columns(nonblank[TEXT])
    recognised = pl.col("reason").is_null() | pl.col("reason").is_in(RECOGNISED)
    if fmt.marker is not None:
        recognised = recognised & pl.col(TEXT).str.contains(fmt.marker)
    counted = recognised | (pl.col("cont") & (recognised.cast(pl.Int32).cum_sum() > 0))
    return float(parsed.select(counted.sum()).item()) / nonblank.height


def test_required_patterns_are_those_the_format_names() -> None:
    bunyan = JsonLinesFormat(DIALECTS[0])
    assert required(bunyan) == (bunyan.gate, bunyan.marker, bunyan.shape, bunyan.requires)
    assert required(JavaFormat(dated=True)) == (JavaFormat(dated=True).shape,)
