"""The postmortem templates: five built in, overridable per workspace, rendered with Jinja2.

A workspace file ``<workspace>/templates/postmortem/<name>.md.j2`` overrides the
built-in template of that name, or adds a new one. Files whose name starts with ``_``
hold shared macros (``_blocks.md.j2``) and are not templates of their own. Undefined
variables are errors, so a typo in an override fails loudly instead of leaving a hole.
"""

from __future__ import annotations

import dataclasses
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from hotwash.errors import ValidationError
from hotwash.postmortem.formatting import cell, one_line
from hotwash.postmortem.model import DraftContext

BUILTIN_DIR = Path(__file__).parent / "templates"
BUILTIN = ("standard", "four-section", "quick", "five-whys", "google-sre")
DEFAULT = "standard"
SUFFIX = ".md.j2"
OVERRIDE_DIR = Path("templates") / "postmortem"
DESCRIPTIONS = {
    "standard": "The full postmortem: every section, with appendix",
    "four-section": "Situation, Timeline, Contributing factors, Action items (seed 004)",
    "quick": "Half a page for minor incidents",
    "five-whys": "A 5 whys analysis with timeline and action items",
    "google-sre": "The Google SRE book's postmortem shape",
}
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    origin: str  # "built-in", or the override file's path
    description: str


class Catalog:
    """Built-in templates plus a workspace's own (``workspace_root`` may be ``None``)."""

    def __init__(self, workspace_root: Path | None = None) -> None:
        self.override_dir = workspace_root / OVERRIDE_DIR if workspace_root else None
        loaders: list[jinja2.BaseLoader] = []
        if self.override_dir is not None:
            loaders.append(jinja2.FileSystemLoader(self.override_dir))
        loaders.append(jinja2.FileSystemLoader(BUILTIN_DIR))
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown, not HTML
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters["cell"] = cell
        self.environment.filters["line"] = one_line

    def names(self) -> list[str]:
        found = set(BUILTIN)
        if self.override_dir is not None and self.override_dir.is_dir():
            found |= {p.name.removesuffix(SUFFIX) for p in self.override_dir.glob(f"*{SUFFIX}")}
        return sorted(name for name in found if not name.startswith("_"))

    def info(self, name: str) -> TemplateInfo:
        path = self._override(name)
        origin = str(path) if path is not None else "built-in"
        description = DESCRIPTIONS.get(name, "A workspace template")
        return TemplateInfo(name, origin, description)

    def source(self, name: str) -> str:
        self._check(name)
        path = self._override(name) or BUILTIN_DIR / f"{name}{SUFFIX}"
        return path.read_text(encoding="utf-8")

    def render(self, name: str, context: DraftContext) -> str:
        self._check(name)
        origin = self.info(name).origin
        try:
            template = self.environment.get_template(f"{name}{SUFFIX}")
            text = template.render(template_values(context))
        except jinja2.TemplateSyntaxError as error:
            raise ValidationError(
                f"template {origin}, line {error.lineno}: {error.message}"
            ) from None
        except Exception as error:  # an override is user code and may fail in any way
            raise ValidationError(_problem(origin, error)) from None
        return tidy(text)

    def _override(self, name: str) -> Path | None:
        if self.override_dir is None:
            return None
        path = self.override_dir / f"{name}{SUFFIX}"
        return path if path.is_file() else None

    def _check(self, name: str) -> None:
        if name not in self.names():
            known = ", ".join(self.names())
            raise ValidationError(f"unknown template {name!r}: expected one of {known}")


def template_values(context: DraftContext) -> dict[str, Any]:
    """The variables a template sees: every field of the context, by name."""
    values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    values["context_value"] = lambda name: getattr(context, name)
    return values


def tidy(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one newline at the end."""
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)) + "\n"


def _problem(origin: str, error: Exception) -> str:
    # Jinja rewrites tracebacks so template frames carry the template's line number.
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename.endswith(".j2")]
    where = f", line {lines[-1]}" if lines else ""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"template {origin}{where}: {message}"
