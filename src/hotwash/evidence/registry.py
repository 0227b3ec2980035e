"""Find the evidence sources: every plugin registered under the ``hotwash`` entry points."""

from __future__ import annotations

from functools import lru_cache

import pluggy

from hotwash.evidence.hookspecs import PROJECT, EvidenceSpec
from hotwash.evidence.source import EvidenceSource


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(EvidenceSpec)
    manager.load_setuptools_entrypoints(PROJECT)
    return manager


def evidence_sources(manager: pluggy.PluginManager | None = None) -> list[EvidenceSource]:
    """All sources, in plugin registration order."""
    hook = (manager or plugin_manager()).hook
    return [source for batch in hook.hotwash_evidence_sources() for source in batch]
