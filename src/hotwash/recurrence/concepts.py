"""Failure modes people describe in many words: one name for each, and the phrases that say it.

Two write-ups of the same failure rarely share wording: "the pool ran dry", "too many
clients", "we ran out of database connections". Each pattern here recognises one way of
saying one failure mode, so two incidents that name the same mode in different words
still meet, and the report can say which phrases matched. The list is general SRE
vocabulary; it names no incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    key: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    # How much sharing this mode says on its own: "a certificate expired" names one
    # failure; "a queue backed up" is how many different failures show.
    strength: float = 1.0


def _concept(key: str, label: str, *patterns: str) -> Concept:
    return Concept(key, label, tuple(re.compile(p, re.IGNORECASE) for p in patterns))


def _symptom(key: str, label: str, *patterns: str) -> Concept:
    return Concept(key, label, tuple(re.compile(p, re.IGNORECASE) for p in patterns), 0.6)


_C = _concept
_S = _symptom
CONCEPTS = (
    _C(
        "connection-exhaustion",
        "database connections exhausted",
        r"connection[- ]pool.{0,40}(?:exhaust|saturat|ran dry|run dry|empty|starv|full|max)",
        r"(?:exhaust|saturat|drain|starv)\w*.{0,30}connection[- ]pool",
        r"(?:pool|connections?).{0,20}(?:ran|run|running) (?:dry|out)",
        r"(?:ran|run|running) out of (?:\w+ ){0,2}connections",
        r"too many (?:clients|connections)",
        r"max_connections|connection slots|remaining connection",
        r"(?:leak\w*|never returned|not returned)\W+(?:\w+\W+){0,4}connections?",
        r"connections?\W+(?:\w+\W+){0,3}(?:leak\w*|never returned|not (?:being )?returned)",
    ),
    _C(
        "certificate-expiry",
        "certificate expired",
        r"(?:certificate|cert)s?\W+(?:\w+\W+){0,6}(?:expir\w*|lapsed|ran out|out of date)",
        r"(?:expir\w*|lapsed)\W+(?:\w+\W+){0,4}(?:certificate|cert)s?\b",
        r"\bx\.?509\b",
        r"certificate (?:has expired|is not yet valid|verify failed)",
    ),
    _C(
        "disk-full",
        "disk or volume full",
        r"\bdisk\w*\W+(?:\w+\W+){0,3}(?:full|filled|filling|fills)",
        r"no space left|out of (?:disk|storage) space|out of disk|enospc",
        r"(?:filled|fill|fills|filling)\W+(?:\w+\W+){0,3}(?:disk|volume|partition|filesystem)",
        r"(?:volume|partition|filesystem)\W+(?:\w+\W+){0,2}(?:full|filled|ran out)",
        r"disk (?:space|usage) (?:reached|hit|at) 100",
    ),
    _C(
        "wal-archiving",
        "write-ahead log archiving",
        r"\b(?:wal|write-ahead log)\W+(?:\w+\W+){0,3}archiv\w*",
        r"archiv\w*\W+(?:\w+\W+){0,3}(?:wal|write-ahead|segments?)\b",
        r"archive_command|pg_stat_archiver|\barchiver\b",
    ),
    _C(
        "cache-stampede",
        "cache emptied all at once (stampede)",
        r"cache\w*\W+(?:\w+\W+){0,3}(?:flush\w*|stampede|wiped|emptied|cleared)",
        r"(?:flush\w*|wip\w*|invalidat\w*|clear\w*|purg\w*)\W+(?:\w+\W+){0,3}"
        r"(?:all|every|entire|whole)\W+(?:\w+\W+){0,2}(?:keys?|cache|entries)",
        r"thundering herd|cache stampede|dog-?pile|flushall|cold cache|cache miss (?:storm|rate)",
    ),
    _S(
        "dns-resolution",
        "DNS resolution failing",
        r"\bresolvers?\b|nxdomain|servfail|name resolution|could not resolve",
        r"(?:dns|name)\W+(?:\w+\W+){0,3}(?:lookups?|quer\w+|resolution)\W+(?:\w+\W+){0,3}"
        r"(?:fail\w*|time[ds]? out|timed out|timeouts?)",
    ),
    _C(
        "generation-budget",
        "model output cut short by a token budget",
        r"max_(?:decode|new)_tokens|max[_ ]tokens|decode budget|token (?:budget|limit)",
        r"(?:generation|response|output|completion)s? (?:were |was )?(?:truncat|cut)\w*",
        r"eos token|end-of-sequence",
    ),
    _S(
        "memory-exhaustion",
        "memory exhausted",
        r"out of memory|\boom\b|oom-?kill|memory leak|heap (?:exhaust|space)|memory limit",
    ),
    _S(
        "replication-lag",
        "replica lag or stale reads",
        r"replication lag|replica\w*\W+(?:\w+\W+){0,3}(?:lag\w*|behind|stale)|stale reads?",
    ),
    _S(
        "rate-limited",
        "rate limited or throttled",
        r"rate[- ]limit\w*|\b429\b|too many requests|quota (?:exceeded|exhausted)",
    ),
    _S(
        "queue-backlog",
        "queue backlog or consumer lag",
        r"backlog|consumer lag|queue depth|fell behind|falling behind|oldest message",
    ),
    _S(
        "disk-io-saturation",
        "disk I/O saturated",
        r"\b(?:disk |)i/?o\b.{0,20}(?:saturat|wait|latenc|bound)|iowait|\biops\b",
    ),
    _S(
        "lock-contention",
        "locks or deadlocks",
        r"deadlock|lock contention|lock wait|table lock|row lock|advisory lock",
    ),
    _C(
        "clock-skew",
        "clock skew",
        r"clock (?:skew|drift)|\bntp\b|leap second|time drift",
    ),
    _S(
        "crash-loop",
        "processes crash-looping",
        r"crash ?loop|crashloopbackoff|restart loop|kept restarting",
    ),
    _S(
        "network-partition",
        "network partition or routing",
        r"\bbgp\b|route leak|network partition|packet loss|split[- ]brain",
    ),
    _S(
        "cpu-exhaustion",
        "CPU exhausted",
        r"cpu\W+(?:\w+\W+){0,3}(?:100 ?%|saturat\w*|exhaust\w*|pegged|maxed)",
        r"catastrophic backtracking|runaway regex|regex\w* backtrack",
    ),
    _S(
        "slow-query",
        "slow or runaway database query",
        r"missing index|full table scan|sequential scan|slow quer\w+|runaway quer\w+",
        r"query plan\w*\W+(?:\w+\W+){0,3}(?:chang\w*|regress\w*|flip\w*)",
    ),
    _C(
        "resource-leak",
        "file descriptors, threads or sockets exhausted",
        r"file descriptors?|too many open files|emfile|thread pool\W+(?:\w+\W+){0,2}exhaust\w*",
        r"(?:goroutine|thread|socket) leak|ephemeral ports?|port exhaustion",
    ),
    _C(
        "id-overflow",
        "identifier or counter overflow",
        r"integer overflow|int32|2\^31|2147483647|sequence (?:ran out|exhausted)|id space",
    ),
    _S(
        "retry-storm",
        "retries amplifying load",
        r"retry storm|retries\W+(?:\w+\W+){0,3}amplif\w*|cascading failure|thundering retries",
    ),
    _C(
        "data-deletion",
        "data deleted by mistake",
        r"(?:accidental\w*|mistaken\w*|inadvertent\w*)\W+(?:\w+\W+){0,3}(?:delet|drop|remov)\w*",
        r"rm -rf|drop table|truncat\w+ (?:the |a )?table|deleted the wrong",
    ),
    _S(
        "failover",
        "database or cluster failover",
        r"fail ?over\W+(?:\w+\W+){0,4}(?:fail\w*|stuck|did not|didn't|slow)",
        r"(?:primary|leader) election|promot\w+ (?:a |the )?replica",
    ),
    _C(
        "domain-expiry",
        "domain registration expired",
        r"domain\W+(?:\w+\W+){0,3}(?:registration )?expir\w*",
    ),
    _C(
        "credential-expiry",
        "credential rotated or expired",
        r"(?:password|credential|secret|api key|access key)s?\W+(?:\w+\W+){0,4}"
        r"(?:rotat\w*|expir\w*|revok\w*)",
    ),
)
BY_KEY = {concept.key: concept for concept in CONCEPTS}


def concepts_in(*texts: str) -> dict[str, str]:
    """Each failure mode the texts name, with the first phrase that named it."""
    found: dict[str, str] = {}
    for concept in CONCEPTS:
        phrase = next(filter(None, (_first_phrase(concept, text) for text in texts)), None)
        if phrase is not None:
            found[concept.key] = phrase
    return found


def _first_phrase(concept: Concept, text: str) -> str | None:
    for pattern in concept.patterns:
        match = pattern.search(text)
        if match:
            return _whole_words(text, match.start(), match.end())
    return None


def _whole_words(text: str, start: int, end: int) -> str:
    # A pattern may stop inside a word ("exhaust" of "exhausted"); quote the word whole.
    while end < len(text) and text[end].isalnum():
        end += 1
    return " ".join(text[start:end].split())
