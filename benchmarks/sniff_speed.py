"""How fast hotwash tells what each of many small files is (sniffing).

Usage: ``uv run python benchmarks/sniff_speed.py [--files N] [--seed S] [--timeline]``
(default 10,000 files). Writes N small files of mixed kinds to a temporary folder
(unrecognised text, binary data, empty files, short logs of several formats,
Prometheus, Alertmanager and Slack JSON, a deploy table), every one different, then
offers the folder to the evidence sources exactly as ``hotwash timeline DIR`` does
(``discover`` then ``best_source`` on each file) and reports files per second and
milliseconds per file, overall and per kind, with what was chosen for each kind.
``--timeline`` also times the whole ``hotwash timeline DIR`` command, reading included.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from hotwash.evidence.logs import LogsSource
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import EvidenceSource, Target
from hotwash.timeline.collect import best_source, discover

# Before this work, same machine and mix, 1,000 files: the faster of two runs (README).
BEFORE_MS_PER_FILE = 49.3

Make = Callable[[random.Random, int], bytes]
WORDS = ["pool", "timeout", "retry", "cache", "user", "order", "payment", "queue", "shard"]
LEVELS = ["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"]


def _stamp(rng: random.Random, sep: str = " ") -> str:
    return f"2026-03-14{sep}{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"


def _words(rng: random.Random, count: int = 5) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(count))


def _lines(rng: random.Random, line: Callable[[], str], most: int = 8) -> bytes:
    return "".join(line() + "\n" for _ in range(rng.randint(1, most))).encode()


def text(rng: random.Random, n: int) -> bytes:
    layouts = [f"# Notes {n}\n\n{_words(rng)}\n", f"[server]\nport = {n}\nhost = x\n"]
    layouts += [f"name,count\nalpha,{n}\n", f"def f{n}():\n    return {rng.random()}\n"]
    return (rng.choice(layouts) + _words(rng, rng.randint(0, 20)) + "\n").encode()


def binary(rng: random.Random, n: int) -> bytes:
    return rng.randbytes(rng.randint(16, 4096))


def empty(rng: random.Random, n: int) -> bytes:
    return b""


def java(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        head = f"{_stamp(rng)},{rng.randrange(1000):03d} {rng.choice(LEVELS):5} [main]"
        return f"{head} com.acme.Pool{n % 7} - {_words(rng)}"

    return _lines(rng, line)


def python_logging(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        level = rng.choice(["INFO", "ERROR", "WARNING"])
        return f"{_stamp(rng)},{rng.randrange(1000):03d} - q{n % 5} - {level} - {_words(rng)}"

    return _lines(rng, line)


def json_lines(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        record = {"time": _stamp(rng, "T") + "Z", "level": rng.choice(LEVELS).lower()}
        return json.dumps({**record, "msg": _words(rng), "service": f"svc{n % 9}"})

    return _lines(rng, line)


def logfmt(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        level = rng.choice(LEVELS).lower()
        return f'time={_stamp(rng, "T")}Z level={level} msg="{_words(rng)}" order={n}'

    return _lines(rng, line)


def nginx(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        when = f"14/Mar/2026:{rng.randrange(24):02d}:{rng.randrange(60):02d}:00 +0000"
        client, status = f"10.0.{n % 250}.{rng.randrange(250)}", rng.choice([200, 404, 502])
        return f'{client} - - [{when}] "GET /api/{n} HTTP/1.1" {status} 5'

    return _lines(rng, line)


def syslog(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        clock = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"
        return f"Mar 14 {clock} node-{n % 9} sshd[{rng.randrange(9999)}]: {_words(rng)}"

    return _lines(rng, line)


def kubectl(rng: random.Random, n: int) -> bytes:
    def line() -> str:
        inner = json.dumps({"level": "info", "ts": 1773496921 + n, "msg": _words(rng)})
        return f"{_stamp(rng, 'T')}.{rng.randrange(10**9):09d}Z {inner}"

    return _lines(rng, line)


def prometheus(rng: random.Random, n: int) -> bytes:
    values = [[1773496920 + 60 * i, str(rng.random())] for i in range(rng.randint(1, 30))]
    result = [{"metric": {"__name__": f"http_errors_{n}", "job": "api"}, "values": values}]
    body = {"status": "success", "data": {"resultType": "matrix", "result": result}}
    return json.dumps(body).encode()


def alertmanager(rng: random.Random, n: int) -> bytes:
    alert = {
        "labels": {"alertname": f"HighErrorRate{n}", "service": "orders"},
        "startsAt": _stamp(rng, "T") + "Z",
        "endsAt": "2026-03-14T23:00:00Z",
        "fingerprint": f"{n:016x}",
    }
    return json.dumps([alert], indent=2).encode()


def slack(rng: random.Random, n: int) -> bytes:
    messages = [
        {"type": "message", "user": f"U{n}", "text": _words(rng), "ts": f"17734971{i:02d}.0002"}
        for i in range(rng.randint(1, 6))
    ]
    return json.dumps(messages).encode()


def deploys(rng: random.Random, n: int) -> bytes:
    rows = [f"{_stamp(rng, 'T')}Z,svc{n % 9},1.{n}.{i}" for i in range(rng.randint(1, 5))]
    return ("time,service,version\n" + "\n".join(rows) + "\n").encode()


# Kind: (share of the files in percent, how to make one).
KINDS: dict[str, tuple[int, Make]] = {
    "text": (25, text),
    "binary": (12, binary),
    "empty": (5, empty),
    "java": (8, java),
    "python-logging": (4, python_logging),
    "json": (8, json_lines),
    "logfmt": (5, logfmt),
    "nginx": (6, nginx),
    "syslog": (4, syslog),
    "kubectl": (3, kubectl),
    "prometheus": (8, prometheus),
    "alertmanager": (5, alertmanager),
    "slack": (5, slack),
    "deploys": (2, deploys),
}


def write_files(folder: Path, count: int, seed: int) -> dict[Path, str]:
    """``count`` files in ``folder``, each different; the kind of each."""
    rng = random.Random(seed)
    names = list(KINDS)
    weights = [KINDS[name][0] for name in names]
    written: dict[Path, str] = {}
    for number, kind in enumerate(rng.choices(names, weights, k=count)):
        path = folder / f"{number:05d}-{kind}"
        path.write_bytes(KINDS[kind][1](rng, number))
        written[path] = kind
    return written


def sniff_all(folder: Path, kinds: dict[Path, str]) -> tuple[float, float, dict[str, list[float]]]:
    """Wall and CPU seconds to sniff every file the way ``hotwash timeline`` does, and
    the seconds each file took by kind; prints what was chosen for each kind."""
    sources = evidence_sources()
    took: dict[str, list[float]] = defaultdict(list)
    chosen: dict[str, Counter[str]] = defaultdict(Counter)
    wall, cpu = time.perf_counter(), time.process_time()
    found = discover([folder], sources)
    while True:
        start = time.perf_counter()
        target = next(found, None)
        if target is None:
            break
        source = best_source(target, sources)
        took[kinds[target.path]].append(time.perf_counter() - start)
        chosen[kinds[target.path]][_label(source, target)] += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    _report_choices(chosen)
    return wall, cpu, took


def _label(source: EvidenceSource | None, target: Target) -> str:
    if source is None:
        return "unrecognised"
    if isinstance(source, LogsSource):
        detected = source.detect(target).format  # cached: the head was just sniffed
        return f"logs ({detected.name if detected else '?'})"
    return source.name


def _report_choices(chosen: dict[str, Counter[str]]) -> None:
    print("kind            -> chosen")
    for kind, counts in sorted(chosen.items()):
        print(f"  {kind:14} -> " + ", ".join(f"{name} x{n}" for name, n in counts.most_common()))


def report(wall: float, cpu: float, took: dict[str, list[float]]) -> None:
    files = sum(len(times) for times in took.values())
    print(f"\nsniffed {files:,} files in {wall:.2f} s wall ({cpu:.2f} s CPU)")
    print(f"  {files / wall:,.0f} files/s, {1000 * wall / files:.2f} ms per file")
    print(f"  before this work: {BEFORE_MS_PER_FILE} ms per file", end="")
    print(f" ({BEFORE_MS_PER_FILE / (1000 * wall / files):.0f}x slower)")
    print("\nper kind           files   mean ms   max ms")
    for kind, times in sorted(took.items()):
        mean, worst = 1000 * sum(times) / len(times), 1000 * max(times)
        print(f"  {kind:14} {len(times):7,} {mean:9.2f} {worst:8.2f}")


def time_timeline(folder: Path) -> None:
    """The whole command, reading and all, in a fresh process as a user runs it."""
    command = [sys.executable, "-m", "hotwash", "timeline", str(folder), "--format", "json"]
    output = folder.parent / "timeline.json"
    start = time.perf_counter()
    done = subprocess.run([*command, "-o", str(output)], cwd=folder.parent, check=False)
    took = time.perf_counter() - start
    files = sum(1 for _ in folder.iterdir())
    print(f"\nhotwash timeline DIR: {took:.1f} s, {1000 * took / files:.1f} ms per file", end="")
    print(f" (exit code {done.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="how many files (10,000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the contents")
    parser.add_argument("--timeline", action="store_true", help="also run hotwash timeline DIR")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hotwash-sniff-") as temporary:
        folder = Path(temporary) / "evidence"
        folder.mkdir()
        kinds = write_files(folder, options.files, options.seed)
        report(*sniff_all(folder, kinds))
        if options.timeline:
            time_timeline(folder)


if __name__ == "__main__":
    main()
