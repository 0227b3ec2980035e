"""Incident messages: the commander's declaration and updates, and status-page texts.

The texts follow the incident-response seed's templates. They are Jinja2 files
shipped in ``hotwash/comms/templates``; a workspace overrides one by putting a
file of the same name (``<kind>.txt.j2``) in its own templates folder.
Undefined variables are errors, so a typo in an override fails loudly instead
of posting a message with a hole in it.
"""

from __future__ import annotations

import dataclasses
import enum
import traceback
from pathlib import Path
from typing import Final

import jinja2

from hotwash.comms.context import MessageContext, build_context
from hotwash.config.settings import MessageEvent
from hotwash.errors import ValidationError
from hotwash.incidents.status import Status

__all__ = [
    "ANNOUNCED_EVENT",
    "MessageContext",
    "MessageKind",
    "build_context",
    "message_for_status",
    "render_message",
]


class MessageKind(enum.StrEnum):
    DECLARED = "declared"
    UPDATE = "update"
    STATUS_INVESTIGATING = "status-investigating"
    STATUS_IDENTIFIED = "status-identified"
    STATUS_MONITORING = "status-monitoring"
    STATUS_RESOLVED = "status-resolved"

    @property
    def template_name(self) -> str:
        return f"{self.value}.txt.j2"

    @classmethod
    def parse(cls, value: str) -> MessageKind:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(k.value for k in cls)
            raise ValidationError(
                f"invalid message kind {value!r}: expected one of {names}"
            ) from None


# The event name a notification target subscribes to (``NotificationTarget.events``).
ANNOUNCED_EVENT: Final[dict[MessageKind, MessageEvent]] = {
    MessageKind.DECLARED: "declared",
    MessageKind.UPDATE: "update",
    MessageKind.STATUS_INVESTIGATING: "status",
    MessageKind.STATUS_IDENTIFIED: "status",
    MessageKind.STATUS_MONITORING: "status",
    MessageKind.STATUS_RESOLVED: "resolved",
}

# Mitigating has no status-page text on purpose: "Identified" would claim a cause
# that may not be known yet (a rollback often mitigates before anything is
# identified), so the public page keeps its last state until Monitoring.
_STATUS_PAGE: Final[dict[Status, MessageKind]] = {
    Status.INVESTIGATING: MessageKind.STATUS_INVESTIGATING,
    Status.IDENTIFIED: MessageKind.STATUS_IDENTIFIED,
    Status.MONITORING: MessageKind.STATUS_MONITORING,
    Status.RESOLVED: MessageKind.STATUS_RESOLVED,
}


def message_for_status(status: Status) -> MessageKind | None:
    """The status-page message for an incident that just moved to ``status``, if any."""
    return _STATUS_PAGE.get(status)


def render_message(
    kind: MessageKind, context: MessageContext, *, override_dir: Path | None = None
) -> str:
    """Render ``kind``; ``override_dir/<kind>.txt.j2`` wins over the built-in template."""
    origin = _origin(kind, override_dir)
    try:
        template = _environment(override_dir).get_template(kind.template_name)
        text = template.render(dataclasses.asdict(context))
    except jinja2.TemplateSyntaxError as error:
        raise ValidationError(f"{origin}, line {error.lineno}: {error.message}") from None
    # An override is code written by a user and may fail in any way while rendering.
    except Exception as error:
        raise ValidationError(_render_problem(origin, error)) from None
    return text.strip()


def _environment(override_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(override_dir))
    loaders.append(jinja2.PackageLoader("hotwash.comms", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text for chat and status pages, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _origin(kind: MessageKind, override_dir: Path | None) -> str:
    if override_dir is not None and (override_dir / kind.template_name).is_file():
        return f"template {override_dir / kind.template_name}"
    return f"built-in template {kind.template_name}"


def _render_problem(origin: str, error: Exception) -> str:
    # Jinja rewrites tracebacks so template frames carry the template's line number.
    lines = [
        f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")
    ]
    where = f", line {lines[-1]}" if lines else ""
    if isinstance(error, jinja2.TemplateNotFound):
        problem = f"no template named {error.name!r} to include"
    else:
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"{origin}{where}: {problem}"
