"""Deploy records kept as JSON: ``[{"deployed_at": ..., "service": ..., "version": ...}]``."""

from __future__ import annotations

import re

import polars as pl

from hotwash.evidence.model import IngestStats
from hotwash.evidence.sources.deploy_columns import DeployColumns, deploy_columns
from hotwash.evidence.sources.fields import JsonObject, as_list, as_object
from hotwash.evidence.sources.jsondoc import parse_documents
from hotwash.evidence.sources.reading import note_load_problem

_KEY = re.compile(r'"([A-Za-z_][\w \-.]{0,40})"\s*:')
# Shapes other sources own: Slack messages, PagerDuty entries, alerts, metrics, kubectl.
_FOREIGN = re.compile(
    r'"type"\s*:\s*"message"|_log_entry"|"startsAt"|"resultType"|"involvedObject"|"apiVersion"'
)
_WRAPPERS = ("deploys", "deployments", "releases", "items", "data", "results")


def looks_like_deploy_json(head: str) -> bool:
    if _FOREIGN.search(head):
        return False
    return deploy_columns(dict.fromkeys(_KEY.findall(head))) is not None


def json_records(content: str, stats: IngestStats) -> tuple[pl.DataFrame, DeployColumns] | None:
    """The deploy records as a table of strings, with the role of each key."""
    loaded = parse_documents(content)
    note_load_problem(stats, loaded)
    records: list[JsonObject] = []
    for document in loaded.documents:
        for item in _record_list(document):
            record = as_object(item)
            if record is None:
                stats.skip("deploy record is not an object")
            else:
                records.append(record)
    keys = dict.fromkeys(key for record in records for key in record)
    columns = deploy_columns(keys)
    if columns is None:
        stats.skip("records without deploy fields", len(records) or 1)
        return None
    chosen = list(dict.fromkeys(columns.by_role.values()))
    frame = pl.DataFrame(
        {key: [_cell(record.get(key)) for record in records] for key in chosen},
        schema=dict.fromkeys(chosen, pl.String),
    )
    return frame.with_columns(line=pl.lit(None, dtype=pl.UInt32)), columns


def _record_list(document: object) -> list[object]:
    body = as_object(document)
    if body is None:
        return as_list(document) or []
    for key in _WRAPPERS:
        found = as_list(body.get(key))
        if found is not None:
            return found
    return [body]


def _cell(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None if value is None else str(value).lower()
    if isinstance(value, int | float | str):
        return str(value)
    return None
