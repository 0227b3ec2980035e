"""Server errors per route of an access log, for proxies that serve many services.

An edge proxy's log mixes every service behind it: checkout failing every request at
5 a minute is 3% more errors in a log of 160 requests a minute, lost in the noise of
the busy services. Its error templates (``502 POST /api/checkout/<*>``) keep the route,
so the errors of each route are counted apart: the first two fixed path segments
(``/api/checkout``), whatever the status, method or ids.
"""

from __future__ import annotations

import re
from collections import Counter

from hotwash.evidence.model import LogSummary

_PATH = re.compile(r"(?:^|\s)(/\S*)")
ROUTE_SEGMENTS = 2
# A route with fewer errors than an episode needs is not worth a series of its own.
MIN_ROUTE_ERRORS = 5


def route_errors(summary: LogSummary) -> dict[str, Counter[int]]:
    """Errors per epoch minute of each route, when the log has more than one."""
    routes: dict[str, Counter[int]] = {}
    for stat in summary.templates:
        route = _route(stat.template) if (stat.level or "").lower() == "error" else None
        if route is not None:
            routes.setdefault(route, Counter()).update(stat.minute_counts)
    kept = {route: c for route, c in routes.items() if sum(c.values()) >= MIN_ROUTE_ERRORS}
    return kept if len(kept) > 1 else {}  # one route: the file's own ratio says it all


def _route(template: str) -> str | None:
    found = _PATH.search(template)
    if found is None:
        return None
    fixed = [part for part in found.group(1).split("/") if part and "<" not in part]
    return "/" + "/".join(fixed[:ROUTE_SEGMENTS]) if fixed else None
