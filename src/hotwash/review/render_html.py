"""The review as one self-contained HTML file: the Markdown report with its charts inline.

Charts are drawn into a temporary folder and the page is built by the postmortem HTML
exporter, which turns local image links into ``data:`` URIs: the file needs nothing
else to be read, mailed or archived.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hotwash.postmortem.html import markdown_to_html
from hotwash.review.plots import draw_plots
from hotwash.review.render_md import review_markdown
from hotwash.review.report import Review


def review_html(review: Review) -> str:
    with tempfile.TemporaryDirectory(prefix="hotwash-review-") as folder:
        base = Path(folder)
        charts = draw_plots(review, base)
        return markdown_to_html(_with_charts(review_markdown(review), charts), base)


def _with_charts(markdown: str, charts: list[tuple[str, Path]]) -> str:
    """The report with a Charts section after its opening paragraph."""
    if not charts:
        return markdown
    head, _, rest = markdown.partition("\n## ")
    images = "\n\n".join(f"![{title}]({path.name})" for title, path in charts)
    return f"{head}\n## Charts\n\n{images}\n\n## {rest}"
