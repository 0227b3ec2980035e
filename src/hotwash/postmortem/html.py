"""A postmortem as one self-contained HTML file: charts inline, nothing to fetch.

Markdown is rendered with markdown-it (CommonMark and tables) with raw HTML turned
off, so text from evidence can never become markup. Images and links that point at
local chart files (PNG, SVG, JPEG, GIF) are replaced by ``data:`` URIs; placeholders
(``[TODO: ...]``) are highlighted so a reader sees what is still missing.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from hotwash.postmortem.placeholders import PATTERN

MEDIA_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1b1b1b; margin: 0; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
img { max-width: 100%; height: auto; }
code { background: #f3f3f3; padding: 0 0.2rem; }
mark.todo { background: #fff3b0; }
"""


def markdown_to_html(markdown: str, base: Path) -> str:
    """The whole page; ``base`` is the folder the Markdown's relative links start from."""
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.add_render_rule("text", _text)
    tokens = parser.parse(markdown)
    _inline_local_files(tokens, base)
    body = parser.renderer.render(tokens, parser.options, {})
    title = _title(tokens) or "Postmortem"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _text(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    index: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    escaped = html.escape(tokens[index].content, quote=False)
    return PATTERN.sub(lambda m: f'<mark class="todo">{m.group(0)}</mark>', escaped)


def _inline_local_files(tokens: list[Token], base: Path) -> None:
    for token in tokens:
        for child in token.children or []:
            attribute = (
                "src" if child.type == "image" else "href" if child.type == "link_open" else None
            )
            if attribute is None:
                continue
            target = child.attrGet(attribute)
            uri = data_uri(base, str(target)) if target else None
            if uri is not None:
                child.attrSet(attribute, uri)


def data_uri(base: Path, target: str) -> str | None:
    """A ``data:`` URI for a local image file next to the Markdown, else ``None``."""
    if "://" in target or target.startswith(("data:", "#", "/")):
        return None
    path = base / target
    media = MEDIA_TYPES.get(path.suffix.lower())
    if media is None or not path.is_file():
        return None
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{media};base64,{encoded}"


def _title(tokens: list[Token]) -> str | None:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and index + 1 < len(tokens):
            return tokens[index + 1].content
    return None


def export_html(markdown_path: Path, output: Path | None = None) -> Path:
    """Write ``<name>.html`` next to the Markdown (or to ``output``); return its path."""
    target = output or markdown_path.with_suffix(".html")
    text = markdown_path.read_text(encoding="utf-8")
    target.write_text(markdown_to_html(text, markdown_path.parent), encoding="utf-8")
    return target
