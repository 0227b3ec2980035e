"""Markdown to Confluence storage format (XHTML), charts as page attachments.

markdown-it renders CommonMark and tables as XHTML with raw HTML off (evidence text
never becomes markup). A local image becomes ``<ac:image>`` on an attachment of the
same file name, and a link to a local chart file a link to that attachment.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

_ATTACHMENT_LINKS = "attachment_links"  # env key: a stack of "is this link an attachment?"


def storage_format(markdown: str, attachments: Sequence[Path]) -> str:
    names = {path.name for path in attachments}
    parser = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True}).enable("table")
    parser.add_render_rule("image", _image)
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("link_close", _link_close)
    env: EnvType = {"attachments": names, _ATTACHMENT_LINKS: []}
    rendered: str = parser.render(markdown, env)
    return rendered


def _attachment(target: str, env: EnvType) -> str | None:
    name = Path(target).name
    local = "://" not in target and not target.startswith(("/", "#", "data:"))
    return name if local and name in env["attachments"] else None


def _image(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[index]
    name = _attachment(str(token.attrGet("src") or ""), env)
    alt = html.escape(renderer.renderInlineAsText(token.children or [], options, env))
    if name is None:
        return renderer.image(tokens, index, options, env)
    return (
        f'<ac:image ac:alt="{alt}"><ri:attachment ri:filename="{html.escape(name)}" /></ac:image>'
    )


def _link_open(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    name = _attachment(str(tokens[index].attrGet("href") or ""), env)
    env[_ATTACHMENT_LINKS].append(name is not None)
    if name is None:
        return renderer.renderToken(tokens, index, options, env)
    return f'<ac:link><ri:attachment ri:filename="{html.escape(name)}" /><ac:link-body>'


def _link_close(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    if env[_ATTACHMENT_LINKS].pop():
        return "</ac:link-body></ac:link>"
    return renderer.renderToken(tokens, index, options, env)
