"""Every command has a docs page, and every page is reachable from the guide's index."""

from __future__ import annotations

import re
from pathlib import Path

import click

from hotwash.cli import cli

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _command_paths(group: click.Group, prefix: str = "hotwash") -> list[str]:
    paths = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
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


def _reachable(start: Path) -> set[Path]:
    """Every docs page reachable from ``start`` by following relative Markdown links."""
    seen: set[Path] = set()
    todo = [start.resolve()]
    while todo:
        page = todo.pop()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text()):
            todo.append((page.parent / target).resolve())
    return seen


def test_every_docs_page_is_reachable_from_the_index() -> None:
    reachable = _reachable(DOCS / "index.md")
    unlinked = sorted(
        p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.resolve() not in reachable
    )
    assert unlinked == [], f"pages not reachable from docs/index.md: {unlinked}"
