"""Every command has a docs page, and every page is reachable from the guide's index."""

from __future__ import annotations

import re
from pathlib import Path

import click

from hotwash.cli import cli

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _command_paths(group: click.Group, prefix: str = "hotwash") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
    return paths


def _documented() -> set[str]:
    headings = set()
    for page in (DOCS / "commands").glob("*.md"):
        headings |= set(re.findall(r"^#{2,3} `(hotwash[^`]*)`", page.read_text(), re.MULTILINE))
    return headings


def test_every_command_has_a_docs_section() -> None:
    missing = sorted(set(_command_paths(cli)) - _documented())
    assert missing == [], f"commands without a docs section: {missing}"


def test_docs_sections_name_real_commands() -> None:
    stale = sorted(_documented() - set(_command_paths(cli)))
    assert stale == [], f"docs for commands that do not exist: {stale}"


def test_every_docs_page_is_linked_from_the_index() -> None:
    index = (DOCS / "index.md").read_text()
    pages = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.name != "index.md"]
    unlinked = sorted(page for page in pages if f"({page})" not in index)
    assert unlinked == [], f"pages not linked from docs/index.md: {unlinked}"
