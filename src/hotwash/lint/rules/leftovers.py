"""Structure, continued: what should not be left in a postmortem. Placeholders, template
instructions, pasted log or chat dumps, secrets and personal data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from hotwash.lint.context import LintContext
from hotwash.lint.finding import Severity
from hotwash.lint.rule import Hit, rule
from hotwash.postmortem import Block, CodeBlock, Family, Paragraph, Span
from hotwash.redact import Redactor


@rule(
    "structure/placeholder",
    Severity.ERROR,
    "A placeholder is left for the author to fill",
    why="Drafts mark every fact the evidence could not supply ([TODO: ...], TBD, ??, "
    "<fill in>); a published postmortem must have none left.",
    hint="replace the placeholder with the fact, or delete the line",
    bad="## Impact\n\n[TODO: number of failed orders] orders failed.\n",
    good="## Impact\n\n2,310 orders failed.\n",
)
def placeholder(context: LintContext) -> Iterator[Hit]:
    # Placeholder times in timeline rows are timeline/placeholder-time's.
    times = {row.time.position(0) for row in context.rows if row.placeholder}
    for found in context.placeholders:
        if (found.line, found.column) not in times:
            yield Hit(found.line, found.column, f"placeholder {found.text!r} left to fill")


_BRACKET = re.compile(r"(?<![\]!\\])\[(?P<inner>[^\[\]\n]{2,120})\](?![(\[:])")
_INSTRUCTION = re.compile(
    r"\b(?:title|names?|team|date|link|describe|description|list|e\.g\.|sentences?|specific|"
    r"your|number|details?|services?|owners?|link\s+to|url|explain|paragraphs?|yes/no|"
    r"if\s+applicable|what|why|how|who)\b|\w/\w",
    re.IGNORECASE,
)
_NOT_INSTRUCTION = re.compile(
    r"^(?:TODO\b.*|x|\s|P[0-4]|sic|REDACTED:.*|\d+|impact[ _]start|detected|acknowledged|"
    r"declared|mitigated|resolved|prevent\w*|detect\w*|mitigat\w*|process|high|medium|low)$",
    re.IGNORECASE,
)
_MASKS = re.compile(
    r"\bYYYY-MM-DD\b|\bYYYY\b|\bDD/MM(?:/YYYY)?\b|\bMM/DD(?:/YYYY)?\b|\blorem ipsum\b",
    re.IGNORECASE,
)
_MASK_NEEDLES = re.compile(r"YYYY|DD/|MM/|[Ll]orem")
_OPTIONS = re.compile(r"^[\w-]+(?:\s[\w-]+)?(?:\s*[|/]\s*[\w-]+(?:\s[\w-]+)?){2,}$")


@rule(
    "structure/template-leftover",
    Severity.WARNING,
    "Template instructions are left in the text",
    why="'[Incident Title]', 'YYYY-MM-DD' or 'Draft | In Review | Final' tell readers the "
    "document was never finished.",
    hint="replace the template text with the real content",
    bad="# Postmortem: [Incident Title]\n\n**Status:** Draft | In Review | Final\n\n"
    "## Summary\n\n[2-3 sentences: what broke, how long, the impact]\n",
    good="# Postmortem: checkout 502s\n\n**Status:** Final\n\n## Summary\n\n"
    "Checkout failed for 23 minutes after a deploy.\n",
)
def template_leftover(context: LintContext) -> Iterator[Hit]:
    spans: list[Span] = [p.span for p in context.prose]
    if context.document.title is not None:
        spans.append(context.document.title)
    for span in spans:
        yield from _instructions(span)
    for field in context.document.fields:
        if _OPTIONS.match(field.value.plain) and field.name in {"status", "severity", "state"}:
            yield Hit.at(field.value, 0, f"template choices left in {field.name!r}")


def _instructions(span: Span) -> Iterator[Hit]:
    if "[" not in span.text and not _MASK_NEEDLES.search(span.text):
        return
    for match in _BRACKET.finditer(span.text):
        inner = match.group("inner").strip()
        if not _NOT_INSTRUCTION.match(inner) and _INSTRUCTION.search(inner):
            yield Hit.at(span, match.start(), f"template text {match.group()!r}")
    for match in _MASKS.finditer(span.text):
        yield Hit.at(span, match.start(), f"template text {match.group()!r}")


_LOG_LINE = re.compile(
    r"^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|^\s*\[?\d{2}:\d{2}:\d{2}|^\s*[A-Z][a-z]{2} +\d{1,2} "
    r"\d{2}:\d{2}|\b(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL)\b|^\s+at [\w.$<>]+\(|"
    r"^Traceback|^\s*File \"|^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\]?\s*<?@?[\w.-]+>?:\s|"
    r"^[\w.-]+\s+\d{1,2}:\d{2}\s*(?:[AP]M)?\s*$|^\s*\{\".*\":"
)


@rule(
    "structure/pasted-dump",
    Severity.INFO,
    "A pasted log or chat dump",
    why="Pages of raw logs or chat bury the story and often carry personal data. Quote the "
    "few lines that matter and link the rest.",
    hint="keep the two or three lines that show the point; link the full log",
    bad="## Appendix\n\n```\n" + "2026-03-14T10:00:01Z ERROR pool exhausted\n" * 16 + "```\n",
    good="## Appendix\n\n```\n2026-03-14T10:00:01Z ERROR pool exhausted (size=20, waited 5s)\n"
    "```\n\n118 more like it until 10:29 (full log: logs/payments-api.log).\n",
)
def pasted_dump(context: LintContext) -> Iterator[Hit]:
    limit = context.limits.max_pasted_lines
    timeline = {id(s) for t in context.document.sections_of(Family.TIMELINE) for s in t.walk()}
    for section in context.document.walk():
        if id(section) in timeline:
            continue
        for block in section.blocks:
            lines = _block_lines(block)
            logged = sum(1 for line in lines if _LOG_LINE.search(line))
            if len(lines) > limit and logged >= 0.6 * len(lines):
                yield Hit(block.line, 1, f"{len(lines)} lines of pasted log or chat")


def _block_lines(block: Block) -> list[str]:
    if isinstance(block, CodeBlock):
        return [line for line in block.body.text.split("\n") if line.strip()]
    if isinstance(block, Paragraph):
        return block.text.split("\n")
    return []


@lru_cache(maxsize=1)
def _redactor() -> Redactor:
    # Compiling the redaction rules costs more than linting a document; counts are only
    # ever compared before and after one line, so one shared redactor serves every file.
    return Redactor()


@rule(
    "structure/secret-or-personal-data",
    Severity.ERROR,
    "A secret or personal data in the postmortem",
    why="Postmortems are shared widely and kept for years; a token or an email address in one "
    "is a leak.",
    hint="remove it (and rotate the secret); refer to people by name or @handle",
    bad="## Appendix\n\n```\nDATABASE_URL=postgres://app:hunter2@db.internal/pay\n```\n",
    good="## Appendix\n\n```\nDATABASE_URL=postgres://app:[REDACTED]@db.internal/pay\n```\n",
)
def secret_or_personal_data(context: LintContext) -> Iterator[Hit]:
    redactor = _redactor()
    if redactor.redact(context.document.text) == context.document.text:
        return
    for number, line in enumerate(context.document.lines, start=1):
        before = dict(redactor.counts)
        if redactor.redact(line) != line:
            kinds = sorted(k for k, n in redactor.counts.items() if n > before.get(k, 0))
            yield Hit(number, 1, f"looks like {', '.join(kinds) or 'a secret'}")
