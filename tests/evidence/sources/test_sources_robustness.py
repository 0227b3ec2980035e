"""Bad evidence never crashes a source: any JSON, any bytes, any truncation."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sources_helpers import INCIDENT, context

from hotwash.evidence.model import EvidenceBatch
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import EvidenceSource
from hotwash.evidence.sources.alert_items import read_alert_item
from hotwash.evidence.sources.jsondoc import parse_documents
from hotwash.evidence.sources.kube_events import kube_event
from hotwash.evidence.sources.pagerduty_entries import describe_entry
from hotwash.evidence.sources.plugin import hotwash_evidence_sources
from hotwash.evidence.sources.prometheus_samples import to_samples
from hotwash.evidence.sources.slack_messages import SlackChannel, message_event
from hotwash.times import UTC

SOURCES = hotwash_evidence_sources()
KEYS = [
    "status", "data", "resultType", "result", "metric", "values", "value", "labels",
    "annotations", "startsAt", "endsAt", "updatedAt", "fingerprint", "alerts", "log_entries",
    "type", "created_at", "agent", "summary", "user", "channel", "ts", "text", "subtype",
    "thread_ts", "files", "kind", "items", "involvedObject", "regarding", "reason", "message",
    "firstTimestamp", "lastTimestamp", "eventTime", "count", "series", "metadata", "spec",
    "template", "containers", "image", "ownerReferences", "name", "deployed_at", "version",
    "service", "timestamp", "alertname", "__name__", "error", "errorType",
]  # fmt: skip
WORDS = [
    "success", "error", "matrix", "vector", "scalar", "string", "trigger_log_entry",
    "notify_log_entry", "acknowledge_log_entry", "x_log_entry", "message", "channel_join",
    "ScalingReplicaSet", "Scaled up replica set web-5d4c to 3", "Warning", "Event", "List",
    "ReplicaSet", "Deployment", "Pod", "2026-03-14T14:06:00Z", "2026-03-14 14:06",
    "0001-01-01T00:00:00Z", "1773497100.000200", "NaN", "+Inf", "resolved", "firing",
    "<@U1> <#C1|x> <!here> <http://a|b>", "",
]  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(WORDS)
    | st.text(max_size=12)
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=6)
    ),
    max_leaves=40,
)
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_all(path: Path) -> list[EvidenceBatch]:
    target = make_target(path)
    batches = []
    for source in SOURCES:
        source.sniff(target)
        batches.append(source.read(target, context(path.parent)))
    return batches


def check(batches: list[EvidenceBatch], sources: list[EvidenceSource]) -> None:
    for batch, source in zip(batches, sources, strict=True):
        assert batch.stats, source.name
        for event in batch.events:
            assert event.at.utcoffset() is not None


@FAST
@given(document=JSON)
def test_any_json_document_is_read_without_raising(document: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evidence.json"
        path.write_text(json.dumps(document))
        check(read_all(path), SOURCES)


@FAST
@given(data=st.binary(max_size=300))
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evidence"
        path.write_bytes(data)
        check(read_all(path), SOURCES)


FIXTURE_FILES = sorted(path for path in INCIDENT.rglob("*") if path.is_file())


@settings(max_examples=40, deadline=None)
@given(index=st.integers(0, len(FIXTURE_FILES) - 1), cut=st.floats(0.0, 1.0))
def test_truncated_fixtures_are_read_without_raising(index: int, cut: float) -> None:
    content = FIXTURE_FILES[index].read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FIXTURE_FILES[index].name
        path.write_bytes(content[: int(len(content) * cut)])
        check(read_all(path), SOURCES)


@FAST
@given(item=JSON)
def test_item_readers_accept_any_json_value(item: object) -> None:
    as_object = item if isinstance(item, dict) else {"value": item}
    read_alert_item(item, UTC)
    describe_entry(as_object)
    kube_event(as_object, UTC)
    message_event(item, SlackChannel("incidents", "day.json", {}, {}))
    samples = to_samples(item if isinstance(item, list) else [item])
    assert len(samples.times) == len(samples.values)


JSON_FIXTURES = [path for path in FIXTURE_FILES if path.suffix == ".json"]


def node_paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON value: the root, each key's value, each list item."""
    found: list[tuple[object, ...]] = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += node_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += node_paths(item, (*prefix, index))
    return found


def replaced(value: object, path: tuple[object, ...], new: object) -> object:
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {
            key: replaced(item, tuple(rest), new) if key == head else item
            for key, item in value.items()
        }
    assert isinstance(value, list)
    return [
        replaced(item, tuple(rest), new) if index == head else item
        for index, item in enumerate(value)
    ]


@settings(max_examples=80, deadline=None)
@given(index=st.integers(0, len(JSON_FIXTURES) - 1), data=st.data())
def test_fixtures_with_wrong_types_anywhere_are_read_without_raising(
    index: int, data: st.DataObject
) -> None:
    """Real documents with a few fields swapped for arbitrary JSON: the deep paths get bad input."""
    document = parse_documents(JSON_FIXTURES[index].read_text()).documents[0]
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.sampled_from(node_paths(document)))
        document = replaced(document, where, data.draw(JSON))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.json"
        path.write_text(json.dumps(document))
        check(read_all(path), SOURCES)
