"""The log formats, in detection order: most specific first (ties go to the earlier)."""

from __future__ import annotations

from hotwash.evidence.logs.formats.access import AccessLogFormat
from hotwash.evidence.logs.formats.base import Calendar, LogFormat
from hotwash.evidence.logs.formats.docker import DockerJsonFormat
from hotwash.evidence.logs.formats.java import JavaFormat
from hotwash.evidence.logs.formats.journald import JournaldFormat
from hotwash.evidence.logs.formats.jsonlines import DIALECTS, JsonLinesFormat
from hotwash.evidence.logs.formats.klog import KlogFormat
from hotwash.evidence.logs.formats.logfmt import LogfmtFormat
from hotwash.evidence.logs.formats.postgres import PostgresFormat
from hotwash.evidence.logs.formats.prefixed import (
    GENERIC_PREFIX,
    KUBECTL_PREFIX,
    PlainFormat,
    PrefixedFormat,
)
from hotwash.evidence.logs.formats.pylogging import PythonLoggingFormat
from hotwash.evidence.logs.formats.syslog import Rfc3164Format, Rfc5424Format

__all__ = [
    "Calendar",
    "LogFormat",
    "PlainFormat",
    "envelope_formats",
    "inner_formats",
    "line_formats",
]


def line_formats() -> list[LogFormat]:
    """Every top-level candidate but the timestamp prefixes (docker comes before generic JSON)."""
    return [
        JournaldFormat(),
        DockerJsonFormat(),
        *(JsonLinesFormat(dialect) for dialect in DIALECTS),
        Rfc5424Format(),
        Rfc3164Format(),
        AccessLogFormat(),
        PostgresFormat(),
        KlogFormat(),
        PythonLoggingFormat(),
        JavaFormat(dated=True),
        JavaFormat(dated=False),
        LogfmtFormat(),
    ]


def envelope_formats() -> list[PrefixedFormat]:
    """Timestamp prefixes wrapping another line; tried last, being the least specific."""
    return [
        PrefixedFormat("kubectl", KUBECTL_PREFIX, PlainFormat()),
        PrefixedFormat("timestamped", GENERIC_PREFIX, PlainFormat()),
    ]


def inner_formats() -> list[LogFormat]:
    """What may sit inside an envelope: structured and application formats."""
    return [
        *(JsonLinesFormat(dialect) for dialect in DIALECTS),
        LogfmtFormat(),
        JavaFormat(dated=True),
        JavaFormat(dated=False),
        PythonLoggingFormat(),
        KlogFormat(),
    ]
