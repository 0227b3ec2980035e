"""Hypothesis strategies for log lines: the usual layouts, their variants, and damage.

Each strategy joins parts drawn from small lists that mix what loggers write with
near misses (an impossible date, a tab for a blank, a tenth fraction digit, a level
word in a thread name...), then sometimes damages one character, so that both the
fast path and the full parse see lines they must reject.
"""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["pool", "timeout", "8812", "user:42", 'say "hi"', "é", "a\tb", "x=1", "{}", ""]
DATES = ["2026-03-14", "2026-03-14", "2026-02-30", "2026-3-14", "1999-12-31"]
TIMES = ["14:02:11", "14:02:11", "23:59:59", "23:59:60", "14:2:11", "00:00:00"]
FRACTIONS = ["", ",123", ".123", ".123", ".1", ".123456", ".123456789", ".1234567890"]
ZONES = ["", "", "Z", "+01:00", "-0530", "+01", " +01:00", "z"]
BLANKS = [" ", " ", "  ", "\t"]
LEVELS = ["INFO", "ERROR", "WARN", "WARNING", "warn", "FATAL", "SEVERE", "DEBUG", "NOTICE"]
THREADS = ["", "", "[main] ", "[pool-1 INFO] ", "[exec-7]  "]
LOGGERS = ["com.acme.Pool", "c.a.P$1", "svc", ""]
SEPARATORS = [" - ", " ", "\t- ", " -x ", " "]
OTHER_LINES = [
    "\tat com.acme.Pool.get(Pool.java:197)",
    "Caused by: java.sql.SQLException: boom",
    "java.lang.IllegalStateException: bad",
    "\t... 12 more",
    "",
    "   ",
    "plain words",
    "\x00\x01 binary",
]


def text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)


def damaged(lines: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``lines``, with one character now and then replaced, dropped or doubled."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        line = draw(lines)
        if not line or draw(st.integers(0, 5)) != 0:
            return line
        at = draw(st.integers(0, len(line) - 1))
        edit = draw(st.sampled_from(["replace", "drop", "double"]))
        if edit == "drop":
            return line[:at] + line[at + 1 :]
        if edit == "double":
            return line[:at] + line[at] + line[at:]
        return line[:at] + draw(st.sampled_from([" ", "x", "9", '"', "}", "é"])) + line[at + 1 :]

    return build()


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


def _pick(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


def iso_time() -> st.SearchStrategy[str]:
    return _joined(_pick(DATES), _pick(["T", " "]), _pick(TIMES), _pick(FRACTIONS), _pick(ZONES))


def java_line(*, dated: bool = True) -> st.SearchStrategy[str]:
    date = _joined(_pick(DATES), _pick([" ", "T"])) if dated else st.just("")
    head = _joined(
        date,
        _pick(TIMES),
        _pick(FRACTIONS),
        _pick(["", "", "Z", "+01:00"]),
        _pick(BLANKS),
        _pick(THREADS),
        _pick(LEVELS),
        _pick(BLANKS),
        _pick(THREADS),
        _pick(LOGGERS),
        _pick(SEPARATORS),
        text(),
    )
    return damaged(st.one_of(head, head, head, _pick(OTHER_LINES)))


def _json_value(value: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(value.map(lambda v: f'"{v}"'), _pick(["[1]", '{"a":1}', "null", "7"]))


@st.composite
def json_line(draw: st.DrawFn, *, epoch: bool = False) -> str:
    """A JSON object with time, level, message and service keys in any order."""
    time = st.integers(1_700_000_000_000, 1_800_000_000_000).map(str) if epoch else iso_time()
    fields = {
        "time": draw(st.one_of(_json_value(time), time) if epoch else _json_value(time)),
        "level": draw(st.one_of(_pick(["30", "50", "40", "60"]), _json_value(_pick(LEVELS)))),
        "msg": draw(_json_value(text().map(lambda t: t.replace('"', '\\"')))),
        "name": draw(_json_value(_pick(["api", "cart", "a,b", "x}"]))),
        "v": "0",
    }
    keys = draw(st.permutations(list(fields)))
    keys = keys[: draw(st.integers(2, len(keys)))]
    colon = draw(_pick([":", ":", ": ", " :"]))
    comma = draw(_pick([",", ",", ", "]))
    body = comma.join(f'"{key}"{colon}{fields[key]}' for key in keys)
    return draw(damaged(st.just("{" + body + "}")))


@st.composite
def logfmt_line(draw: st.DrawFn) -> str:
    """``key=value`` pairs, some quoted, in any order."""
    value = st.one_of(
        iso_time(),
        iso_time().map(lambda t: f'"{t}"'),
        st.integers(1_700_000_000, 1_800_000_000).map(str),
    )
    pairs = {
        "time": draw(value),
        "level": draw(st.one_of(_pick(LEVELS), _pick(['"warn now"', '"error"', ""]))),
        "msg": draw(text().map(lambda t: '"' + t.replace('"', '\\"') + '"')),
        "service": draw(_pick(["cart", "checkout", '"a b"'])),
        "trace_id": "4bf92f35",
    }
    keys = draw(st.permutations(list(pairs)))
    keys = keys[: draw(st.integers(1, len(keys)))]
    return draw(damaged(st.just(" ".join(f"{key}={pairs[key]}" for key in keys))))


def access_line() -> st.SearchStrategy[str]:
    stamp = _joined(
        _pick(["14/Mar/2026", "14/Mar/2026", "31/Feb/2026", "14/mar/2026", "4/Mar/2026"]),
        _pick([":13:00:00", ":23:59:59", ":13:00:60"]),
        _pick([" +0000", " +0100", " -0530", ""]),
    )
    request = _pick(["GET /api/orders?id=7 HTTP/1.1", "POST /x HTTP/1.1", 'say \\"hi\\"', "-"])
    line = _joined(
        _pick(["10.0.0.7 - - [", "::1 - bob [", "10.0.0.7 -  - ["]),
        stamp,
        st.just('] "'),
        request,
        st.just('" '),
        _pick(["200", "404", "502", "5xx"]),
        _pick([" 157", " -", "", ' 12 "-" "curl"']),
    )
    return damaged(line)


def kubectl_time() -> st.SearchStrategy[str]:
    return _joined(
        _pick(DATES),
        st.just("T"),
        _pick(TIMES),
        _pick([".004305000", ".004305000", ".1", "", ".1234567890"]),
        _pick(["Z", "Z", "+00:00"]),
    )


def prefixed_line(inner: st.SearchStrategy[str], *, kubectl: bool) -> st.SearchStrategy[str]:
    stamp = kubectl_time() if kubectl else st.one_of(iso_time(), iso_time().map(lambda t: f"[{t}]"))
    separator = st.just(" ") if kubectl else _pick(BLANKS)
    return damaged(_joined(stamp, separator, st.one_of(inner, _pick(OTHER_LINES))))


def syslog_line() -> st.SearchStrategy[str]:
    """RFC 3164, with or without ``<PRI>``."""
    return damaged(
        _joined(
            _pick(["", "<34>", "<13>", "<999>"]),
            _pick(["Mar 14 14:02:11", "Mar  4 04:02:11", "Feb 29 23:59:59", "Mar 14 24:02:11"]),
            _pick([" host ", " h-1 ", "  host "]),
            _pick(["sshd[42]: ", "cron: ", "app:", "kernel[x]: "]),
            st.one_of(text(), _pick(["ERROR disk full", "WARN slow", "error lower"])),
        )
    )


def syslog5424_line() -> st.SearchStrategy[str]:
    return damaged(
        _joined(
            _pick(["<34>1 ", "<165>1 ", "<13>2 "]),
            st.one_of(iso_time().map(lambda t: t.replace(" ", "T")), st.just("-")),
            _pick([" host app 42 ID47 - ", " host - - - - ", ' h a p m [x a="1"] ']),
            _pick(["", "\ufeff"]),
            text(),
        )
    )


def postgres_line() -> st.SearchStrategy[str]:
    return damaged(
        _joined(
            _pick(DATES),
            st.just(" "),
            _pick(TIMES),
            _pick(["", ".123", ".1234567890"]),
            _pick([" UTC", " CET", " XYZ", " +01", " -05:30", ""]),
            _pick([" [12345] ", " [7]-1: ", " [12] app@db "]),
            _pick(["ERROR", "LOG", "WARNING", "DETAIL", "STATEMENT", "FATAL", "DEBUG2"]),
            _pick([":  ", ": ", ":"]),
            text(),
        )
    )


def klog_line() -> st.SearchStrategy[str]:
    return damaged(
        _joined(
            _pick(["E", "W", "I", "F", "X"]),
            _pick(["0314", "0229", "1314", "0314"]),
            st.just(" "),
            _pick(TIMES),
            _pick(["", ".123456", ".1", ".1234567890"]),
            _pick(["   12345 ", " 1 ", "\t7 "]),
            _pick(["file.go:42] ", "x:1] ", "bad] "]),
            text(),
        )
    )


def python_line() -> st.SearchStrategy[str]:
    return damaged(
        st.one_of(
            _joined(
                _pick(DATES),
                st.just(" "),
                _pick(TIMES),
                _pick(["", ",123", ",12"]),
                _pick([" - payments.db - ", " - a - b - ", " -  - "]),
                _pick(["ERROR", "INFO", "WARNING", "CRITICAL", "TRACE"]),
                _pick([" - ", " -", " - - "]),
                text(),
            ),
            _pick(["ERROR:payments.db:boom", "Traceback (most recent call last):", "  File x"]),
        )
    )


@st.composite
def journald_line(draw: st.DrawFn) -> str:
    fields = {
        "__CURSOR": '"s=1;i=1"',
        "__REALTIME_TIMESTAMP": draw(
            _pick(['"1773496921000000"', '"1773496921"', "1773496921000000", '"x"'])
        ),
        "PRIORITY": draw(_pick(['"6"', '"3"', '"4"', "3", '"x"'])),
        "SYSLOG_IDENTIFIER": draw(_pick(['"sshd"', '"a,b"', "[1]"])),
        "_SYSTEMD_UNIT": draw(_pick(['"ssh.service"', '"orders.service"'])),
        "MESSAGE": draw(_pick(['"accepted"', "[111,107,255]", '"say \\"hi\\""', '""'])),
    }
    keys = draw(st.permutations(list(fields)))
    keys = keys[: draw(st.integers(2, len(keys)))]
    return draw(damaged(st.just("{" + ",".join(f'"{k}":{fields[k]}' for k in keys) + "}")))


def epoch_prefixed_line() -> st.SearchStrategy[str]:
    stamp = _pick(["1773496990", "1773496990.5", "1773496990123", "[1773496990]", "17734969901"])
    return damaged(_joined(stamp, _pick(BLANKS), st.one_of(text(), _pick(OTHER_LINES))))


@st.composite
def ecs_line(draw: st.DrawFn) -> str:
    """ECS: dotted keys written flat or nested."""
    fields = {
        "@timestamp": draw(st.one_of(iso_time().map(lambda t: f'"{t}"'), st.just("1"))),
        "log.level": draw(_pick(['"error"', '"info"', '"warn"'])),
        "log": draw(_pick(['{"level":"error","logger":"x"}', '{"logger":"x"}'])),
        "message": draw(_pick(['"shard 3 unavailable"', '"a"', "[1]"])),
        "service.name": draw(_pick(['"search"', '"idx"'])),
        "service": draw(_pick(['{"name":"search-indexer"}', '"flat"'])),
        "ecs.version": '"1.6.0"',
    }
    keys = draw(st.permutations(list(fields)))
    keys = keys[: draw(st.integers(2, len(keys)))]
    return draw(damaged(st.just("{" + ",".join(f'"{k}":{fields[k]}' for k in keys) + "}")))
