"""Mask the variable parts of messages, vectorised over a whole column at once.

Order matters: multi-token values (dates, URLs, a number with its unit) are
masked whole first so they become one ``<*>`` however many words they span;
then ``key=value`` keeps its key, and so does a message's first word in
``name:value`` (``onExtend:<*>``); then any token holding a digit is a variable
(ids, IPs, block ids like ``blk_-123``, hex, versions, durations, sizes, paths
with numbers). Groups that hold nothing but a variable (``(1.94 KB)``) are
optional decoration and dropped; a lone one-word parenthesis holding more than
letters (``(host.net)``, ``()``) is a value, while a plain word in parentheses
(``(usable)``, ``(reserved)``) stays a constant; and runs of variables collapse
into one, so a message keeps one shape however many numbers it lists.
"""

from __future__ import annotations

import polars as pl

VAR = "<*>"

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*"
CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
ZONE = r"(?:\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?"

WHOLE_VALUES: tuple[str, ...] = (
    r"\b[A-Za-z][\w+.-]*://\S+",  # URLs
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    rf"\b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T ]{CLOCK}{ZONE})?\b",  # ISO dates
    rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+\d{{1,2}},?\s+{CLOCK}(?:\s+\d{{4}})?\b",  # syslog dates
    (  # a number with its unit: sizes, durations, rates
        r"<?[-+]?\d+(?:[.,]\d+)?\s?(?:[KMGTP]i?B|[kmgt]b|B|bytes?|ms|us|ns|s|secs?|seconds?"
        r"|mins?|minutes?|h|hrs?|hours?|days?)(?:/s)?\b"
    ),
)
KEY_VALUE = r"\b([A-Za-z_][\w.\-]*)=[^\s,;)\]}'\"]+"
# A message's first word often names the event and glues its value on with a colon
# ("onExtend:1514038530000", "removeNotification:0|pkg|121"): the name stays. Only
# the first word: elsewhere "name:digits" is as often a host and port.
FIRST_KEY = r"^([A-Za-z_][A-Za-z_.,]*):\S*\d\S*"
PATH = r"(?:^|\s)(?:[A-Za-z]:\\|~?/)\S*"
DIGIT_TOKEN = r"[^\s\d]*\d\S*"
# A lone one-word parenthesis that is empty or holds more than letters
# ("(host.example.com)", "()") is a value, a plain word ("(usable)") is not; a
# bracket or brace holding only a variable ("(1.94 KB)" once masked) is one too.
LONE_GROUP = r"(?:^|\s)(?:\((?:[^\s()]*[^\sA-Za-z()][^\s()]*)?\)|\[<\*>\]|\{<\*>\})[,.;:]?(?:\s|$)"
VAR_RUN = r"<\*>(?:[\s,]+<\*>)+"
ODD_SPACE = r"\s\s+|[^\S ]"

# One simple regex per pass: captures and big alternations would slow every pass down.
PASSES: tuple[tuple[str, str], ...] = (
    *((pattern, VAR) for pattern in WHOLE_VALUES),
    (KEY_VALUE, f"${{1}}={VAR}"),
    (FIRST_KEY, f"${{1}}:{VAR}"),
    (PATH, f" {VAR}"),
    (DIGIT_TOKEN, VAR),
    (LONE_GROUP, f" {VAR} "),
    (VAR_RUN, VAR),
    (ODD_SPACE, " "),
)


def mask(messages: pl.Series) -> pl.Series:
    """``messages`` with variables as ``<*>`` and whitespace normalised to single spaces."""
    text = pl.col("m").cast(pl.String).fill_null("")
    for pattern, replacement in PASSES:
        text = text.str.replace_all(pattern, replacement)
    text = text.str.strip_chars(" ")
    return pl.DataFrame({"m": messages}).select(text)["m"]
