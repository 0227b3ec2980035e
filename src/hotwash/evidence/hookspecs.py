"""pluggy hook specifications: how built-in and third-party plugins extend hotwash.

A plugin is a module or object with ``@hookimpl`` functions, listed under the
``hotwash`` entry-point group in its package metadata. hotwash's own sources are
registered exactly the same way (see ``[project.entry-points.hotwash]``).
"""

from __future__ import annotations

import pluggy

from hotwash.evidence.source import EvidenceSource

PROJECT = "hotwash"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class EvidenceSpec:
    @hookspec
    def hotwash_evidence_sources(self) -> list[EvidenceSource]:  # type: ignore[empty-body]
        """Return the evidence sources this plugin provides."""
