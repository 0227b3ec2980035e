"""Kubernetes objects in ``kubectl get ... -o json`` output: replica sets and workload names.

A rollout event names a replica set, not an image; the replica set's pod template
holds the image. ``kubectl get replicasets -o json`` saved in the same folder (or in
the same file, as ``kubectl get rs,events -o json`` gives) supplies that mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hotwash.evidence.opening import read_head
from hotwash.evidence.sources.fields import JsonObject, as_object, list_at, nested, objects, text
from hotwash.evidence.sources.jsondoc import load_json_documents
from hotwash.evidence.sources.timestamps import parse_instant

KUBE_LIST = re.compile(r'"kind"\s*:\s*"(?:List|EventList|ReplicaSetList)"')
_SIBLING_LIMIT = 64 * 1024 * 1024
_POD_SUFFIX = re.compile(r"-[a-z0-9]{5}$")
_HASH_SUFFIX = re.compile(r"-[a-z0-9]{6,10}$")
_ORDINAL_SUFFIX = re.compile(r"-\d+$")
REVISION = "deployment.kubernetes.io/revision"


@dataclass(frozen=True)
class ReplicaSetFacts:
    name: str
    deployment: str | None
    image: str | None
    revision: str | None
    created: datetime | None
    namespace: str | None


def list_items(documents: list[object]) -> list[JsonObject] | None:
    """The objects of ``{"kind": "List", "items": [...]}`` documents; None if none is one."""
    found: list[JsonObject] | None = None
    for document in map(as_object, documents):
        if document is not None and isinstance(document.get("items"), list):
            found = (found or []) + objects(list_at(document, "items"))
    return found


def replica_set_facts(item: JsonObject) -> ReplicaSetFacts | None:
    metadata = nested(item, "metadata")
    name = text(metadata, "name")
    if text(item, "kind") != "ReplicaSet" or name is None:
        return None
    owners = objects(list_at(metadata, "ownerReferences"))
    deployment = next((text(o, "name") for o in owners if text(o, "kind") == "Deployment"), None)
    containers = objects(list_at(item, "spec", "template", "spec", "containers"))
    images = [image for image in (text(c, "image") for c in containers) if image]
    return ReplicaSetFacts(
        name=name,
        deployment=deployment,
        image=", ".join(images) or None,
        revision=text(nested(metadata, "annotations"), REVISION),
        created=parse_instant(metadata.get("creationTimestamp") if metadata else None, UTC).at,
        namespace=text(metadata, "namespace"),
    )


def replica_sets_in(items: list[JsonObject]) -> dict[str, ReplicaSetFacts]:
    facts = (replica_set_facts(item) for item in items)
    return {fact.name: fact for fact in facts if fact is not None}


def sibling_items(path: Path) -> list[JsonObject]:
    """Kubernetes list items in the other JSON files of ``path``'s folder (read-only)."""
    items: list[JsonObject] = []
    for sibling in sorted(path.parent.iterdir()):
        if sibling == path or not sibling.is_file() or sibling.stat().st_size > _SIBLING_LIMIT:
            continue
        if KUBE_LIST.search(read_head(sibling).decode("utf-8", errors="replace")):
            items.extend(list_items(load_json_documents(sibling).documents) or [])
    return items


def workload_name(kind: str | None, name: str, replica_sets: dict[str, ReplicaSetFacts]) -> str:
    """The deployment (or other workload) a pod or replica set belongs to."""
    if kind == "Pod":
        if _ORDINAL_SUFFIX.search(name) and not _POD_SUFFIX.search(name):
            return _ORDINAL_SUFFIX.sub("", name)  # a StatefulSet pod: db-0
        name, kind = _POD_SUFFIX.sub("", name), "ReplicaSet"
    if kind == "ReplicaSet":
        known = replica_sets.get(name)
        if known is not None and known.deployment:
            return known.deployment
        return _HASH_SUFFIX.sub("", name)
    return name
