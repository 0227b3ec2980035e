"""The rules, one module per family; importing this package registers them all."""

from hotwash.lint.rules import (
    action_fields,
    actions,
    blame,
    causes,
    delays,
    leftovers,
    structure,
    timeline,
)

__all__ = [
    "action_fields",
    "actions",
    "blame",
    "causes",
    "delays",
    "leftovers",
    "structure",
    "timeline",
]
