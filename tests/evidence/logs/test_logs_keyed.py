"""Access-log messages are template keys: each distinct key its own template, bounded."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from conftest import read
from hotwash.evidence.logs import keyed
from hotwash.evidence.logs.keyed import KeyedTemplates


def test_each_distinct_key_is_its_own_template_across_chunks() -> None:
    templates = KeyedTemplates()
    first = templates.add(pl.Series(["502 GET /api/checkout", "502 GET /healthz"] * 2))
    second = templates.add(pl.Series(["502 GET /healthz", "200 GET /api/checkout"]))
    assert first.to_list() == [0, 1, 0, 1]
    assert second.to_list() == [1, 2]
    assert templates.templates == [
        "502 GET /api/checkout",
        "502 GET /healthz",
        "200 GET /api/checkout",
    ]
    assert templates.canonical(second).to_list() == [1, 2]


def test_keys_past_the_limit_are_mined_so_the_count_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keyed, "MAX_KEYS", 2)
    templates = KeyedTemplates()
    probes = [f"404 GET /wp-admin/probe{n}.php" for n in range(50)]
    ids = templates.add(pl.Series(["200 GET /", "500 GET /x", *probes]))
    canonical = templates.canonical(ids)
    assert canonical.head(2).to_list() == [0, 1]
    assert canonical.slice(2).n_unique() == 1  # fifty probes, one mined template
    mined = templates.templates[canonical[2]]
    assert " GET " in mined
    assert "<*>" in mined
    assert len(templates.templates) < 10


def test_the_access_log_keeps_status_and_path_in_its_templates(tmp_path: Path) -> None:
    lines = [
        f'10.0.0.{n % 9} - - [14/Mar/2026:14:0{n % 10}:11 +0000] "GET {path} HTTP/1.1" '
        f'{status} 157 "-" "curl/8"'
        for n in range(200)
        for path, status in (
            (f"/api/orders/{n}", 502),
            ("/healthz", 502),
            (f"/api/orders/{n}?page=2", 200),
        )
    ]
    log = tmp_path / "edge.log"
    log.write_text("\n".join(lines) + "\n")
    summary = read(log).logs[0]
    counts = {stat.template: stat.count for stat in summary.templates}
    assert counts == {"502 GET /api/orders/<*>": 200, "502 GET /healthz": 200}
