"""The single-file HTML export: charts inline, evidence text never turned into markup."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from hotwash.postmortem.html import data_uri, export_html, markdown_to_html


def _png(folder: Path, name: str) -> bytes:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    (folder / name).write_bytes(data)
    return data


def test_charts_are_inlined_and_nothing_is_fetched(tmp_path: Path) -> None:
    data = _png(tmp_path, "pm-error-rate.png")
    (tmp_path / "pm-error-rate.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    markdown = (
        "# Postmortem: Checkout\n\n![Error rate](pm-error-rate.png)\n\n"
        "Peak 41%. [SVG](pm-error-rate.svg)\n"
    )
    (tmp_path / "pm.md").write_text(markdown)
    page = export_html(tmp_path / "pm.md").read_text()
    assert f'src="data:image/png;base64,{base64.b64encode(data).decode()}"' in page
    assert 'href="data:image/svg+xml;base64,' in page
    assert not re.search(r'(src|href)="(?!data:)[^"]*\.(png|svg)"', page)
    assert "<title>Postmortem: Checkout</title>" in page
    assert page.startswith("<!DOCTYPE html>")


def test_evidence_text_is_escaped_and_placeholders_marked(tmp_path: Path) -> None:
    markdown = (
        "# T\n\n| Time | Event |\n|---|---|\n| 14:02 | <script>alert(1)</script> |\n\n"
        "- [TODO: owner]\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n"
    )
    page = markdown_to_html(markdown, tmp_path)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert '<mark class="todo">[TODO: owner]</mark>' in page
    assert "<table>" in page


def test_only_existing_local_images_become_data_uris(tmp_path: Path) -> None:
    _png(tmp_path, "a.png")
    (tmp_path / "notes.txt").write_text("x")
    assert data_uri(tmp_path, "a.png") is not None
    assert data_uri(tmp_path, "missing.png") is None
    assert data_uri(tmp_path, "notes.txt") is None
    assert data_uri(tmp_path, "https://example.com/a.png") is None
    assert data_uri(tmp_path, "/etc/passwd") is None
