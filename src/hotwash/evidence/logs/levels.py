"""Normalise log levels: every scheme (words, bunyan numbers, syslog severities, HTTP
status codes, klog letters) becomes ``error``, ``warning``, ``info`` or ``debug``.

fatal, critical, alert, emergency and panic count as errors: for a timeline the
question is only whether something went wrong, not how loudly it was said.
"""

from __future__ import annotations

import polars as pl

ERROR = "error"
WARNING = "warning"
INFO = "info"
DEBUG = "debug"

_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["error", "err", "fatal", "critical", "crit", "alert", "emerg", "emergency", "panic"],
        ERROR,
    ),
    **dict.fromkeys(["severe", "dpanic", "exception", "failure"], ERROR),
    **dict.fromkeys(["warn", "warning"], WARNING),
    **dict.fromkeys(["info", "information", "informational", "notice", "log"], INFO),
    **dict.fromkeys(["debug", "trace", "fine", "finer", "finest", "verbose"], DEBUG),
}
_LETTERS = {"E": ERROR, "F": ERROR, "W": WARNING, "I": INFO, "D": DEBUG}
# Upper-case words only: "error" inside a sentence is too often not a level.
_KEYWORD = r"\b(FATAL|CRITICAL|PANIC|ERROR|ERR|WARN|WARNING|INFO|NOTICE|DEBUG|TRACE)\b"


def level_in(wanted: frozenset[str]) -> pl.Expr:
    """Whether a record's normalised ``level`` is one of ``wanted``."""
    return pl.col("level").is_in(sorted(wanted))


def from_word(word: pl.Expr) -> pl.Expr:
    """``ERROR``, ``warn``, ``Critical``, ``debug1`` (PostgreSQL) -> normalised, else null."""
    cleaned = word.str.strip_chars().str.to_lowercase().str.replace(r"\d+$", "")
    return cleaned.replace_strict(_WORDS, default=None, return_dtype=pl.String)


def from_letter(letter: pl.Expr) -> pl.Expr:
    """klog/glog's one-letter severities."""
    return letter.replace_strict(_LETTERS, default=None, return_dtype=pl.String)


def from_bunyan_number(number: pl.Expr) -> pl.Expr:
    """bunyan and pino: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal."""
    return (
        pl.when(number >= 50)
        .then(pl.lit(ERROR))
        .when(number >= 40)
        .then(pl.lit(WARNING))
        .when(number >= 30)
        .then(pl.lit(INFO))
        .when(number.is_not_null())
        .then(pl.lit(DEBUG))
    )


def from_syslog_severity(severity: pl.Expr) -> pl.Expr:
    """Syslog/journald severities 0..7: emergency..error are errors, 4 warning, 7 debug."""
    return (
        pl.when(severity <= 3)
        .then(pl.lit(ERROR))
        .when(severity == 4)
        .then(pl.lit(WARNING))
        .when(severity <= 6)
        .then(pl.lit(INFO))
        .when(severity == 7)
        .then(pl.lit(DEBUG))
    )


def from_http_status(status: pl.Expr) -> pl.Expr:
    """5xx is an error (the server failed), 4xx a warning (the request did)."""
    return (
        pl.when(status >= 500)
        .then(pl.lit(ERROR))
        .when(status >= 400)
        .then(pl.lit(WARNING))
        .when(status.is_not_null())
        .then(pl.lit(INFO))
    )


def keyword(text: pl.Expr) -> pl.Expr:
    """The first level word near the start of free text, as written."""
    return text.str.slice(0, 200).str.extract(_KEYWORD, 1)


def from_keywords(text: pl.Expr) -> pl.Expr:
    """A level word anywhere near the start of free text (plain container output)."""
    return from_word(keyword(text))


def from_any(value: pl.Expr) -> pl.Expr:
    """A level that may be a word or a bunyan number (JSON logs use both)."""
    number = value.cast(pl.Float64, strict=False)
    return (
        pl.when(number.is_not_null()).then(from_bunyan_number(number)).otherwise(from_word(value))
    )
