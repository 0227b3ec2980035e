"""The token grammar shared by header learning and header stripping.

A log line's prefix is read as *units*: a bracket group (``[main]``,
``[req-1 abc - - -]``, which may hold spaces), a token ending in a pipe
(``20171223-22:15:29:606|``), or a plain whitespace-delimited token. Some units
are *terminators*, the punctuation that ends a header field and often the
whole header: a bracket group, a pipe, a lone dash, or a token ending in a
colon (``sshd[24200]:``, ``dfs.DataNode$PacketResponder:``).

Every unit of the stripping regex ends in whitespace or a pipe, so no path
through it can split a token in two; learning tokenises with the same shapes.
"""

from __future__ import annotations

BRACKET = r"\[[^\]]{0,200}\][^\s|\[]*"
PLAIN = r"[^\s|\[][^\s|]*"

# One unit followed by its separator: whitespace, or a pipe that ends it.
UNIT = rf"(?:{BRACKET}|{PLAIN})(?:\s+|\|\s*)|\|\s*"

# A terminator unit and its separator (the end of the line also separates).
TERMINATOR = (
    rf"(?:[^\s|]*\|\s*"
    rf"|{BRACKET}(?:\s+|\|\s*|$)"
    rf"|{PLAIN}:(?:\s+|$)"
    r"|(?:-|--|>|::?)(?:\s+|$))"
)

# Learning reads the same units without their separators.
TOKEN = rf"{BRACKET}\|?|{PLAIN}\|?|\|"

IS_TERMINATOR = r"\|$|^\[.*\]|^[^\[].*:$|^(?:-|--|>|::?)$"
HAS_DIGIT = r"\d"
IS_LEVEL = (
    r"(?i)^[\[<(]?(?:trace|debug|dbg|info|information|notice|warn|warning|error|err|severe"
    r"|fatal|critical|crit|alert|emerg|emergency|verbose|fine|finer|finest|failure)[\]>):,]?$"
    r"|^[VDIWEF]$"
)
IS_CALENDAR = (
    r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*[,.]?$"
)


def header_pattern(terminators: int, first_within: int, gap: int) -> str:
    """A regex matching a prefix that ends with the ``terminators``-th terminator.

    The first terminator has at least one unit before it and at most
    ``first_within``; later ones follow at most ``gap`` units after the previous.
    Lazy repetition makes the match end at the earliest such terminators.
    """
    later = rf"(?:(?:{UNIT})){{0,{gap}}}?(?:{TERMINATOR})"
    first = rf"^\s*(?:{UNIT})(?:(?:{UNIT})){{0,{first_within - 1}}}?(?:{TERMINATOR})"
    return first + later * (terminators - 1)


def fixed_pattern(units: int) -> str:
    """A regex matching exactly the first ``units`` units of a line."""
    return rf"^\s*(?:(?:{UNIT})){{{units}}}"
