"""Custody: digests of files and folders, source detection, re-verification, read-only copies."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotwash.errors import ValidationError
from hotwash.evidence import attached as attached_module
from hotwash.evidence.attached import (
    Custody,
    Shape,
    attached_record,
    check_custody,
    copy_read_only,
    digest,
    inspect_evidence,
)
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import EvidenceSource

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SLACK_EXPORT = FIXTURES / "evidence" / "incident" / "slack-export"
DEPLOYS = FIXTURES / "evidence" / "incident" / "changes" / "deploys.csv"
AT = datetime(2026, 3, 14, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def sources() -> list[EvidenceSource]:
    return evidence_sources()


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def _snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    """Content, mode and mtime of every file: what 'never modified' means."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mode, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_file_digest_is_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    content = b"line one\nline two\n" * 1000
    path = tmp_path / "app.log"
    path.write_bytes(content)

    assert digest(path).sha256 == hashlib.sha256(content).hexdigest()
    assert digest(path).size == len(content)
    assert digest(path).files == 1


def test_folder_digest_covers_relative_paths_and_every_file(tmp_path: Path) -> None:
    files = {"a.log": b"alpha", "sub/b.json": b"[]", ".hidden": b"h"}
    first = digest(_tree(tmp_path / "one", files))
    expected = hashlib.sha256(
        b"".join(
            f"{name}\0{hashlib.sha256(files[name]).hexdigest()}\0".encode()
            for name in sorted(files)
        )
    ).hexdigest()

    assert first.sha256 == expected
    assert (first.size, first.files) == (5 + 2 + 1, 3)


def test_a_renamed_file_changes_the_folder_digest(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "f", {"a.log": b"alpha", "b.log": b"beta"})
    before = digest(folder).sha256
    (folder / "b.log").rename(folder / "c.log")

    assert digest(folder).sha256 != before


def test_links_in_a_folder_are_recorded_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.log"
    outside.write_bytes(b"secret elsewhere")
    folder = _tree(tmp_path / "f", {"a.log": b"alpha"})
    (folder / "link.log").symlink_to(outside)
    before = digest(folder)
    outside.write_bytes(b"changed elsewhere")

    assert digest(folder) == before  # the link's target is not part of the folder
    assert before.files == 1


def test_a_named_pipe_in_a_folder_is_recorded_without_reading_it(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "f", {"a.log": b"alpha"})
    os.mkfifo(folder / "pipe")

    assert digest(folder).files == 1  # and, above all, the call returned


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.dictionaries(
        st.text(alphabet="abcxyz_-", min_size=1, max_size=8),
        st.binary(max_size=64),
        min_size=1,
        max_size=6,
    ),
    data=st.data(),
)
def test_folder_digest_depends_on_content_not_on_creation_order(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, bytes], data: st.DataObject
) -> None:
    names = list(files)
    shuffled = data.draw(st.permutations(names))
    one = _tree(tmp_path_factory.mktemp("one"), {n: files[n] for n in names})
    two = _tree(tmp_path_factory.mktemp("two"), {n: files[n] for n in shuffled})
    assert digest(one) == digest(two)

    victim = data.draw(st.sampled_from(names))
    flipped = files[victim] + b"\x00"
    (two / victim).write_bytes(flipped)
    assert digest(one).sha256 != digest(two).sha256


def test_file_names_that_are_not_utf8_are_digested_and_reported(
    tmp_path: Path, sources: list[EvidenceSource]
) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.bin")).write_bytes(bytes(range(256)))
    (folder / "caf\u00e9.bin").write_bytes(bytes(range(256)))  # the UTF-8 spelling

    found = inspect_evidence(folder, sources)

    assert found.digest.files == 2
    assert sorted(found.unrecognised) == ["caf\u00e9.bin", "caf\ufffd.bin"]
    with pytest.raises(ValidationError, match="not valid UTF-8"):
        inspect_evidence(folder / os.fsdecode(b"caf\xe9.bin"), sources)


def test_inspect_names_the_source_of_a_file(tmp_path: Path, sources: list[EvidenceSource]) -> None:
    found = inspect_evidence(DEPLOYS, sources)

    assert found.shape is Shape.FILE
    assert found.path == DEPLOYS
    assert found.source == "deploys"
    assert found.unrecognised == ()
    assert found.digest.sha256 == hashlib.sha256(DEPLOYS.read_bytes()).hexdigest()


def test_inspect_a_folder_a_source_claims_whole(sources: list[EvidenceSource]) -> None:
    found = inspect_evidence(SLACK_EXPORT, sources)

    assert (found.shape, found.source, found.unrecognised) == (Shape.FOLDER, "slack", ())
    assert found.digest.files == len([p for p in SLACK_EXPORT.rglob("*") if p.is_file()])


def test_inspect_reports_unrecognised_files_but_still_digests_them(
    tmp_path: Path, sources: list[EvidenceSource]
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    shutil.copy(DEPLOYS, folder / "deploys.csv")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    alone = inspect_evidence(folder / "blob.bin", sources)
    together = inspect_evidence(folder, sources)

    assert (alone.source, alone.unrecognised) == (None, ("blob.bin",))
    assert (together.source, together.unrecognised) == ("deploys", ("blob.bin",))
    assert together.digest.files == 2


def test_inspect_refuses_what_is_not_there_or_not_a_file(
    tmp_path: Path, sources: list[EvidenceSource]
) -> None:
    with pytest.raises(ValidationError, match="no such evidence file or folder"):
        inspect_evidence(tmp_path / "nope.log", sources)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ValidationError, match="not a regular file or folder"):
        inspect_evidence(tmp_path / "pipe", sources)
    folder = _tree(tmp_path / "f", {"a.log": b"alpha"})
    (folder / "link").symlink_to(tmp_path / "pipe")
    with pytest.raises(ValidationError, match=r"f/link: not a regular file \(a pipe or device\)"):
        inspect_evidence(folder, sources)


def test_inspection_never_modifies_the_evidence(
    tmp_path: Path, sources: list[EvidenceSource]
) -> None:
    folder = shutil.copytree(SLACK_EXPORT, tmp_path / "export")
    before = _snapshot(folder)
    inspect_evidence(folder, sources)

    assert _snapshot(folder) == before


def test_custody_intact_changed_and_missing(tmp_path: Path, sources: list[EvidenceSource]) -> None:
    path = tmp_path / "deploys.csv"
    shutil.copy(DEPLOYS, path)
    record = attached_record("INC-2026-0001", inspect_evidence(path, sources), at=AT, by="dana")
    assert check_custody(record, tmp_path).status is Custody.INTACT

    with path.open("ab") as tampered:
        tampered.write(b"2026-03-14T13:00:00Z,payments-api,v0,forged\n")
    changed = check_custody(record, tmp_path)
    assert changed.status is Custody.CHANGED
    assert changed.current is not None
    assert changed.current.sha256 != record.sha256
    assert record.sha256[:12] in changed.describe

    path.unlink()
    assert check_custody(record, tmp_path).status is Custody.MISSING


def test_a_folder_where_the_file_was_is_a_change(
    tmp_path: Path, sources: list[EvidenceSource]
) -> None:
    path = tmp_path / "deploys.csv"
    shutil.copy(DEPLOYS, path)
    record = attached_record("INC-2026-0001", inspect_evidence(path, sources), at=AT, by=None)
    path.unlink()
    path.mkdir()

    assert check_custody(record, tmp_path).status is Custody.CHANGED


def test_custody_reports_a_read_error_instead_of_raising(
    tmp_path: Path, sources: list[EvidenceSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deploys.csv"
    shutil.copy(DEPLOYS, path)
    record = attached_record("INC-2026-0001", inspect_evidence(path, sources), at=AT, by=None)

    def refuse(_path: Path) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(attached_module, "_file_sha256", refuse)
    checked = check_custody(record, tmp_path)

    assert checked.status is Custody.UNREADABLE
    assert checked.describe == "cannot be read (Permission denied)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_custody_of_an_unreadable_file(tmp_path: Path, sources: list[EvidenceSource]) -> None:
    path = tmp_path / "deploys.csv"
    shutil.copy(DEPLOYS, path)
    record = attached_record("INC-2026-0001", inspect_evidence(path, sources), at=AT, by=None)
    path.chmod(0)
    try:
        checked = check_custody(record, tmp_path)
    finally:
        path.chmod(0o644)

    assert checked.status is Custody.UNREADABLE
    assert "Permission denied" in checked.describe


def test_read_only_copy_of_a_file(tmp_path: Path, sources: list[EvidenceSource]) -> None:
    original = shutil.copy(DEPLOYS, tmp_path / "deploys.csv")
    before = _snapshot(tmp_path)
    found = inspect_evidence(Path(original), sources)
    copy = copy_read_only(found, tmp_path / "ws" / "evidence" / "INC-2026-0001")

    assert copy.read_bytes() == DEPLOYS.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o444
    assert {k: v for k, v in _snapshot(tmp_path).items() if not k.startswith("ws/")} == before
    record = attached_record(
        "INC-2026-0001",
        found,
        at=AT,
        by="dana",
        copy_path=copy.relative_to(tmp_path / "ws").as_posix(),
    )
    assert record.location(tmp_path / "ws") == copy
    Path(original).unlink()  # the copy is what is verified once there is one
    assert check_custody(record, tmp_path / "ws").status is Custody.INTACT


def test_copies_of_different_files_with_one_name_do_not_collide(
    tmp_path: Path, sources: list[EvidenceSource]
) -> None:
    one = _tree(tmp_path / "one", {"app.log": b"first\n"}) / "app.log"
    two = _tree(tmp_path / "two", {"app.log": b"second\n"}) / "app.log"
    target = tmp_path / "copies"
    first = copy_read_only(inspect_evidence(one, sources), target)
    second = copy_read_only(inspect_evidence(two, sources), target)

    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first\n", b"second\n")


def test_read_only_copy_of_a_folder(tmp_path: Path, sources: list[EvidenceSource]) -> None:
    found = inspect_evidence(SLACK_EXPORT, sources)
    copy = copy_read_only(found, tmp_path / "copies")

    assert digest(copy) == found.digest
    files = [p for p in copy.rglob("*") if p.is_file()]
    assert files
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o444 for p in files)
