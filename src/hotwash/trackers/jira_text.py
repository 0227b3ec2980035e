"""Plain lines to Atlassian Document Format and back, as much as ticket bodies need.

Jira Cloud's v3 API takes rich text as ADF: a ``doc`` of ``paragraph`` nodes holding
``text`` nodes. A body is written as one paragraph per line; reading takes the text of
each top-level block, so a description someone edited in Jira still compares.
"""

from __future__ import annotations

from typing import Any


def document(lines: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "doc",
        "version": 1,
        "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": line}]} for line in lines
        ],
    }


def document_text(node: Any) -> str:
    """The text of each top-level block of an ADF document, one per line."""
    if not isinstance(node, dict):
        return ""
    return "\n".join(_text(block) for block in node.get("content") or [])


def _text(node: Any) -> str:
    if not isinstance(node, dict):
        return ""
    if node.get("type") == "text":
        return str(node.get("text", ""))
    if node.get("type") == "hardBreak":
        return "\n"
    return "".join(_text(child) for child in node.get("content") or [])
