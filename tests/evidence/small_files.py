"""A folder of small files of every kind hotwash meets: the sniffing tests' material.

Unrecognised text, binary data, empty and blank files, damaged compressed files,
the first lines of each log fixture (and near misses: a few log lines among text),
and every structured evidence fixture. Names say what each file is.
"""

from __future__ import annotations

import gzip
import random
import shutil
from pathlib import Path

import zstandard

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JAVA = "2026-03-14 14:02:11,123 ERROR [main] com.acme.Pool - pool exhausted\n"

TEXTS = {
    "notes.txt": "Meeting notes\nlook at the pool settings\n",
    "runbook.md": "# Runbook\n\n1. Restart the pod\n2. Check the dashboard\n",
    "table.csv": "name,count\nalpha,1\nbeta,2\n",
    "config.ini": "[server]\nport = 8080\nhost = 0.0.0.0\n",
    "script.py": "import os\n\nprint(os.getcwd())\n",
    "one-char": "x",
    "blank-lines.txt": "\n\n   \n\t\n",
    "empty.log": "",
    "object.json": '{"a": 1, "b": [1, 2]}\n',
    "pretty.json": '{\n  "name": "x",\n  "version": 2\n}\n',
    "one-pair.txt": "a=1\n",
    "two-pairs.txt": "a=1 b=2\n",
    "dated-words.txt": "2026-03-14 meeting with the team\nnothing else\n",
    "java-among-text.log": "some text\nmore text\n" + JAVA + "and more\n",
    "java-half.log": JAVA + "some text\n" + JAVA + "more text\n",
    "java-crlf.log": JAVA.replace("\n", "\r\n") * 3,
    "java-no-newline.log": JAVA.rstrip("\n"),
    "stack-only.log": "\tat com.acme.Pool.get(Pool.java:197)\nCaused by: boom\n",
}


def write_small_files(folder: Path) -> dict[str, Path]:
    """Write the files into ``folder``; their paths by name."""
    files = {name: _write(folder / name, text.encode()) for name, text in TEXTS.items()}
    files.update(_binary(folder))
    for path in sorted((FIXTURES / "logs").iterdir()):
        lines = path.read_bytes().splitlines(keepends=True)
        files[f"head-{path.name}"] = _write(folder / f"head-{path.name}", b"".join(lines[:2]))
        files[path.name] = _copy(path, folder)
    for path in sorted((FIXTURES / "evidence").rglob("*")):
        if path.is_file() and "slack-export" not in path.parts:
            files[f"evidence-{path.name}"] = _copy(path, folder, prefix="evidence-")
    return files


def _binary(folder: Path) -> dict[str, Path]:
    rng = random.Random(7)
    log = (FIXTURES / "logs" / "java-payments.log").read_bytes()
    contents = {
        "random-16.bin": rng.randbytes(16),
        "random-700.bin": rng.randbytes(700),
        "random-5000.bin": rng.randbytes(5000),
        "nul-text.bin": b"abc\x00def\x00\n" * 20,
        "image.png": b"\x89PNG\r\n\x1a\n" + rng.randbytes(300),
        "java.log.gz": gzip.compress(log),
        "java.log.zst": zstandard.ZstdCompressor().compress(log),
        "truncated.log.gz": gzip.compress(log)[:40],
    }
    return {name: _write(folder / name, data) for name, data in contents.items()}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _copy(path: Path, folder: Path, prefix: str = "") -> Path:
    return Path(shutil.copy(path, folder / f"{prefix}{path.name}"))
