"""The review in the format asked for: Markdown, JSON, or the HTML file with charts."""

from __future__ import annotations

import json
from pathlib import Path

from hotwash.review.render_json import review_json
from hotwash.review.render_md import review_markdown
from hotwash.review.report import Review

FORMATS = ("markdown", "html", "json")
_BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json"}


def format_for(output: Path | None) -> str:
    """The format an output file's extension asks for; Markdown otherwise."""
    return _BY_SUFFIX.get(output.suffix.lower(), "markdown") if output else "markdown"


def render(review: Review, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(review_json(review), indent=2, ensure_ascii=False) + "\n"
    if fmt != "html":
        return review_markdown(review)
    # matplotlib takes seconds to import; only the HTML report draws charts.
    from hotwash.review.render_html import review_html

    return review_html(review)
