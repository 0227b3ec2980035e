from __future__ import annotations

import gzip
import json
from pathlib import Path

from hotwash.evidence.sources.jsondoc import load_json_documents, parse_documents


def test_concatenated_documents_and_json_lines() -> None:
    loaded = parse_documents('{"a": 1}{"b": 2}\n[3]\n\n"four"\n')
    assert loaded.documents == [{"a": 1}, {"b": 2}, [3], "four"]
    assert loaded.problem is None


def test_truncated_top_level_array_keeps_complete_items() -> None:
    loaded = parse_documents('[{"id": 1}, {"id": 2}, {"id": 3, "text": "cut he')
    assert loaded.documents == [[{"id": 1}, {"id": 2}]]
    assert loaded.problem == "truncated JSON"
    assert loaded.salvaged_items == 2


def test_truncated_object_and_invalid_text() -> None:
    assert parse_documents('{"data": {"result": [').problem == "truncated JSON"
    invalid = parse_documents('{"a": 1} oops')
    assert invalid.documents == [{"a": 1}]
    assert invalid.problem == "invalid JSON at line 1 column 10: Expecting value"


def test_deep_nesting_is_a_reason_not_a_crash() -> None:
    loaded = parse_documents("[" * 100_000 + "]" * 100_000)
    assert loaded.problem is not None


def test_files_with_bom_gzip_or_nothing(tmp_path: Path) -> None:
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps({"x": 1}).encode())
    assert load_json_documents(bom).documents == [{"x": 1}]
    packed = tmp_path / "packed"
    packed.write_bytes(gzip.compress(b"[1, 2]"))
    assert load_json_documents(packed).documents == [[1, 2]]
    empty = tmp_path / "empty.json"
    empty.write_text("  \n")
    assert load_json_documents(empty).problem == "empty file"
    broken = tmp_path / "broken.gz"
    broken.write_bytes(gzip.compress(b"[1, 2, 3]" * 1000)[:40])
    result = load_json_documents(broken)
    assert result.problem is not None
    assert (
        load_json_documents(tmp_path / "missing.json").problem
        == "unreadable file (FileNotFoundError)"
    )
