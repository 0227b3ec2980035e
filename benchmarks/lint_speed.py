"""Time ``hotwash lint`` on N postmortems (default 1,000): ``[--count N] [--profile]``.

The documents are the annotated corpus (tests/fixtures/postmortems) repeated, text
caches are cleared before each document, so no copy profits from another. Parsing and every
rule are timed, as one pass over the texts in memory, then the same files through the
CLI's file reading. The target is 1,000 postmortems in under 5 seconds. CPU time is
printed beside wall time: on a busy machine (CI runners, shared hosts) the wall time
mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from hotwash.lint import LintConfig, lint_file, lint_text
from hotwash.postmortem.parse_fields import field_name
from hotwash.postmortem.parse_inline import mask_markup, plain_text

CACHES = (mask_markup, plain_text, field_name)
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "postmortems"


def documents(count: int) -> list[str]:
    sources = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.md"))]
    return [f"{sources[i % len(sources)]}\n<!-- copy {i} -->\n" for i in range(count)]


def time_texts(texts: list[str]) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and the number of findings."""
    config = LintConfig()
    start, cpu = time.perf_counter(), time.process_time()
    findings = 0
    for text in texts:
        # The copies share paragraphs; start every document with cold text caches.
        for cache in CACHES:
            cache.cache_clear()
        findings += len(lint_text(text, config))
    return time.perf_counter() - start, time.process_time() - cpu, findings


def time_files(texts: list[str]) -> float:
    config = LintConfig()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = Path(folder) / f"pm-{i:05d}.md"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        start = time.perf_counter()
        for path in paths:
            lint_file(path, config)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest calls")
    args = parser.parse_args()
    texts = documents(args.count)
    lines = sum(text.count("\n") for text in texts)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(time_texts, texts)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    seconds, cpu, findings = time_texts(texts)
    print(
        f"{args.count} postmortems ({lines} lines), in memory: {seconds:.2f} s wall, "
        f"{cpu:.2f} s CPU ({cpu / args.count * 1000:.2f} ms each), {findings} findings"
    )
    print(f"{args.count} postmortems from files: {time_files(texts):.2f} s")


if __name__ == "__main__":
    main()
