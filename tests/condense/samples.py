"""Realistic log samples in several systems' styles, with their true templates.

Each style pairs a header format with message templates. Variables are filled
with what real logs hold: numbers, IPs, block and request ids, hex, paths, but
also user and host names made of letters only. Templates that differ in a single
constant word (``Accepted``/``Failed``, ``opened``/``closed``, upper-case states)
are there on purpose: a miner must keep them apart.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

Fill = Callable[[random.Random], str]

USERS = ["root", "admin", "test", "oracle", "guest", "deploy", "nagios", "backup", "www", "ftp"]
HOSTS = ["db-primary.example.com", "cache.internal", "api.example.org", "mail.example.net"]


def number(rng: random.Random) -> str:
    return str(rng.randint(0, 99999))


def ip(rng: random.Random) -> str:
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def block(rng: random.Random) -> str:
    return f"blk_{rng.choice(['', '-'])}{rng.randint(10**17, 10**18)}"


def hexid(rng: random.Random) -> str:
    return f"0x{rng.getrandbits(40):x}"


def uuid(rng: random.Random) -> str:
    raw = f"{rng.getrandbits(128):032x}"
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def user(rng: random.Random) -> str:
    return rng.choice(USERS)


def host(rng: random.Random) -> str:
    return rng.choice(HOSTS)


def path(rng: random.Random) -> str:
    return f"/var/lib/app/{rng.choice(['data', 'cache', 'tmp'])}/part-{rng.randint(0, 999):05d}"


def millis(rng: random.Random) -> str:
    return f"{rng.randint(1, 5000)} ms"


FILLS: dict[str, Fill] = {
    "n": number,
    "ip": ip,
    "blk": block,
    "hex": hexid,
    "uuid": uuid,
    "user": user,
    "host": host,
    "path": path,
    "ms": millis,
}


@dataclass(frozen=True)
class Style:
    """A log format: how to write a header, and the message templates behind it."""

    name: str
    header: Callable[[random.Random, int], str]
    templates: tuple[str, ...]


def fill(template: str, rng: random.Random) -> str:
    out, rest = [], template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        kind, _, rest = tail.partition("}")
        out += [head, FILLS[kind](rng)]
    return "".join([*out, rest])


def generate(style: Style, lines: int, seed: int = 1) -> tuple[pl.Series, pl.Series]:
    """``lines`` raw log lines of ``style`` and, per line, the index of its true template."""
    rng = random.Random(seed)
    weights = [rng.randint(1, 8) for _ in style.templates]
    picks = rng.choices(range(len(style.templates)), weights=weights, k=lines)
    raw = [style.header(rng, i) + fill(style.templates[t], rng) for i, t in enumerate(picks)]
    return pl.Series("line", raw), pl.Series("truth", picks)


def _syslog(rng: random.Random, i: int) -> str:
    process = rng.choice(["sshd", "sshd(pam_unix)", "su(pam_unix)"])
    clock = f"0{i % 10}:1{i % 6}:{i % 60:02d}"
    return f"Jun {1 + i // 200:2d} {clock} gateway {process}[{rng.randint(100, 30000)}]: "


def _log4j(rng: random.Random, i: int) -> str:
    level = rng.choice(["INFO", "INFO", "WARN", "ERROR"])
    thread = rng.choice(["main", "IPC Server handler 3 on 8020", "AsyncDispatcher event handler"])
    component = rng.choice(["org.example.dfs.DataNode", "org.example.app.JobImpl"])
    stamp = f"2024-03-{1 + i // 500:02d} 10:{i % 60:02d}:{i % 60:02d},{i % 1000:03d}"
    return f"{stamp} {level} [{thread}] {component}: "


def _pipes(rng: random.Random, i: int) -> str:
    step = rng.choice(["LSC", "SPUtils", "ExtSDM"])
    return (
        f"20240101-10:{i % 60:02d}:{i % 60:02d}:{i % 1000}|Step_{step}|{rng.randint(1000, 9999)}|"
    )


def _apache(rng: random.Random, i: int) -> str:
    level = rng.choice(["notice", "error"])
    return f"[Sun Dec 04 0{i % 10}:{i % 60:02d}:{i % 60:02d} 2005] [{level}] "


def _columns(rng: random.Random, i: int) -> str:
    node = f"R{rng.randint(0, 63):02d}-M{rng.randint(0, 1)}-N{rng.randint(0, 9)}"
    level = rng.choice(["INFO", "INFO", "FATAL", "WARNING"])
    kind = rng.choice(["KERNEL", "APP", "MMCS"])
    stamp = f"2005-06-03-15.42.{i % 60:02d}.675872"
    return f"- {1117838570 + i} 2005.06.03 {node} {stamp} {node} RAS {kind} {level} "


STYLES = (
    Style(
        "syslog",
        _syslog,
        (
            "Accepted password for {user} from {ip} port {n} ssh2",
            "Failed password for {user} from {ip} port {n} ssh2",
            "Failed password for invalid user {user} from {ip} port {n} ssh2",
            "session opened for user {user} by (uid={n})",
            "session closed for user {user}",
            "Received disconnect from {ip}: 11: Bye Bye [preauth]",
            "reverse mapping checking getaddrinfo for {host} [{ip}] failed - POSSIBLE BREAK-IN",
            "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={host}",
            "Connection closed by {ip} [preauth]",
            "check pass; user unknown",
        ),
    ),
    Style(
        "log4j",
        _log4j,
        (
            "Receiving block {blk} src: /{ip}:{n} dest: /{ip}:{n}",
            "Received block {blk} of size {n} from /{ip}",
            "PacketResponder {n} for block {blk} terminating",
            "Deleting block {blk} file {path}",
            "Block broadcast_{n} stored as bytes in memory (estimated size {n} KB, free {n} KB)",
            "Block broadcast_{n} stored as values in memory (estimated size {n} KB, free {n} KB)",
            "task_{n}_{n} Task Transitioned from NEW to SCHEDULED",
            "task_{n}_{n} Task Transitioned from SCHEDULED to RUNNING",
            "task_{n}_{n} Task Transitioned from RUNNING to SUCCEEDED",
            "Resolved {host} to /default-rack",
            "Request {uuid} finished in {ms}",
            "Retrying connect to server: {host}:{n}. Already tried {n} time(s)",
        ),
    ),
    Style(
        "pipes",
        _pipes,
        (
            "onStandStepChanged {n}",
            "onExtend:{n} {n} {n} {n}",
            "calculateCaloriesWithCache totalCalories={n}",
            "calculateAltitudeWithCache totalAltitude={n}",
            "REPORT : {n} {n} {n} {n}",
            "flush sensor data",
            "upload failed for device {hex}, will retry",
        ),
    ),
    Style(
        "apache",
        _apache,
        (
            "jk2_init() Found child {n} in scoreboard slot {n}",
            "workerEnv.init() ok /etc/httpd/conf/workers2.properties",
            "mod_jk child workerEnv in error state {n}",
            "[client {ip}] Directory index forbidden by rule: /var/www/html/",
            "jk2_init() Can't find child {n} in scoreboard",
            "[client {ip}] File does not exist: {path}",
        ),
    ),
    Style(
        "columns",
        _columns,
        (
            "instruction cache parity error corrected",
            "data cache parity error corrected",
            "generating core.{n}",
            "{n} double-hummer alignment exceptions",
            "CE sym {n}, at {hex}, mask {hex}",
            "ciod: failed to read message prefix on control stream (CioStream socket to {ip}:{n}",
            "ciod: LOGIN chdir({path}) failed: No such file or directory",
            "total of {n} ddr error(s) detected and corrected",
        ),
    ),
)


def grouping_accuracy(truth: pl.Series, mined: pl.Series) -> float:
    """Share of lines whose mined group is exactly their true group."""
    frame = pl.DataFrame({"truth": truth, "mined": mined})
    joint = frame.group_by("truth", "mined").len("both")
    joint = joint.join(frame.group_by("truth").len("t"), on="truth")
    joint = joint.join(frame.group_by("mined").len("m"), on="mined")
    exact = joint.filter((pl.col("both") == pl.col("t")) & (pl.col("both") == pl.col("m")))
    return float(exact["both"].sum()) / frame.height
