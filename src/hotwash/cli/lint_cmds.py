"""``hotwash lint``: check Markdown postmortems; made for CI and pre-commit.

Exit codes: 0 when no finding is at or above ``--fail-on``; 1 when one is; 2 for a
usage, configuration or read error (a file that cannot be read is reported and the
others are still linted).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.errors import ConfigError
from hotwash.lint import REGISTRY, Finding, LintConfig, lint_document
from hotwash.lint.config import fail_level
from hotwash.lint.fixes import apply_fixes
from hotwash.lint.formats import github, human, json_findings, summary
from hotwash.lint.loading import load_lint_config
from hotwash.lint.profiles import PROFILES
from hotwash.lint.sarif import sarif
from hotwash.postmortem import parse_document

FORMATS = {"human": human, "json": json_findings, "sarif": sarif, "github": github}
SKIPPED_DIRS = {".git", ".hotwash", "node_modules", ".venv", "venv", "__pycache__"}


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(list(FORMATS)), default="human",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit code 1 [default: warning].")  # fmt: skip
@click.option("--profile", type=click.Choice(list(PROFILES)), help="Override the profile.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Read lint settings from this TOML file instead of searching.")  # fmt: skip
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a rule or family off.")
@click.option("--enable", multiple=True, metavar="RULE", help="Switch a rule on.")
@click.option("--fix", is_flag=True, help="Apply safe mechanical fixes to the files.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@pass_app
def lint(
    app: AppContext,
    paths: tuple[Path, ...],
    output: str,
    fail_on: str | None,
    profile: str | None,
    config_file: Path | None,
    disable: tuple[str, ...],
    enable: tuple[str, ...],
    fix: bool,
    list_rules: bool,
) -> None:
    """Check Markdown postmortems (files or folders) for blame, vague actions and gaps."""
    if list_rules:
        _list_rules()
        return
    config = _config(app, config_file, profile, disable, enable, fail_on)
    files, unreadable = _collect(paths or _default_paths(app))
    findings, unreadable = _lint_all(files, config, fix, unreadable)
    click.echo(FORMATS[output](findings), nl=False)
    click.echo(summary(findings, len(files)), err=True)
    code = _exit_code(findings, config, unreadable)
    if code:
        # SystemExit, not click's Exit: click returns that code to hotwash.cli.main, which
        # does not pass it on.
        sys.exit(code)


def _list_rules() -> None:
    for rule in REGISTRY.values():
        click.echo(f"{rule.id:40} {rule.severity.value:8} {rule.title}")


def _config(
    app: AppContext,
    config_file: Path | None,
    profile: str | None,
    disable: tuple[str, ...],
    enable: tuple[str, ...],
    fail_on: str | None,
) -> LintConfig:
    start = app.workspace_dir or Path()
    if config_file is not None and not config_file.is_file():
        raise click.BadParameter(f"{config_file} does not exist", param_hint="--config")
    config, _ = load_lint_config(start, config_file)
    unknown = sorted(set(disable + enable) - set(REGISTRY) - {r.family for r in REGISTRY.values()})
    if unknown:
        raise click.BadParameter(f"unknown rule(s): {', '.join(unknown)}", param_hint="--disable")
    return replace(
        config,
        profile=PROFILES[profile] if profile else config.profile,
        disabled=config.disabled | set(disable),
        enabled=config.enabled | set(enable),
        fail_on=fail_level(fail_on, "--fail-on") if fail_on else config.fail_on,
    )


def _default_paths(app: AppContext) -> tuple[Path, ...]:
    try:
        folder = app.workspace.root / "postmortems"
    except ConfigError:
        raise click.UsageError("give postmortem files or folders to lint") from None
    return (folder,)


def _collect(paths: tuple[Path, ...]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    unreadable: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(_markdown_in(path))
        elif path.is_file():
            files.append(path)
        else:
            unreadable.append(f"{path}: no such file or folder")
    return files, unreadable


def _markdown_in(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*.md"):
        if not SKIPPED_DIRS & set(path.relative_to(folder).parts[:-1]) and path.is_file():
            yield path


def _lint_all(
    files: list[Path], config: LintConfig, fix: bool, unreadable: list[str]
) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    for path in files:
        try:
            findings += _lint_one(path, config, fix)
        except (OSError, UnicodeDecodeError) as error:
            unreadable.append(f"{path}: {getattr(error, 'strerror', None) or error}")
    for problem in unreadable:
        click.echo(f"hotwash: error: cannot read {problem}", err=True)
    return findings, unreadable


# One fix can make another possible (a converted row lets the heading declare UTC).
FIX_PASSES = 3


def _lint_one(path: Path, config: LintConfig, fix: bool) -> list[Finding]:
    original = text = path.read_text(encoding="utf-8")
    findings = lint_document(parse_document(text, str(path)), config)
    fixed = 0
    for _ in range(FIX_PASSES if fix else 0):
        text, count = apply_fixes(text, findings)
        if not count:
            break
        fixed += count
        findings = lint_document(parse_document(text, str(path)), config)
    if text != original:
        path.write_text(text, encoding="utf-8")
        click.echo(f"{path}: fixed {fixed} finding(s)", err=True)
    return findings


def _exit_code(findings: list[Finding], config: LintConfig, unreadable: list[str]) -> int:
    if unreadable:
        return 2
    floor = config.fail_on
    failing = floor is not None and any(f.severity.rank >= floor.rank for f in findings)
    return 1 if failing else 0


COMMANDS = [lint]
