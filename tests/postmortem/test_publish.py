"""Publishing to BookStack and Confluence, against recorded exchanges that follow their API docs.

Each recording holds two publishes of the same postmortem: the first creates the
page, the second must find and update it (idempotent: never a duplicate page).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pm_replay import Replay

from hotwash.config.settings import Settings
from hotwash.errors import ConfigError, DeliveryError, ValidationError
from hotwash.postmortem.catalog import Catalog
from hotwash.postmortem.draft import DraftRequest, write_draft
from hotwash.postmortem.publish import load_publish_settings, page_from_markdown
from hotwash.postmortem.publish.storage import storage_format
from hotwash.postmortem.publish.targets import publish_file
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

CONFIG = """\
[publish.bookstack]
url = "https://wiki.example.com"
token_id = "hw-token-id"
book_id = 79

[publish.confluence]
url = "https://example.atlassian.net/wiki"
user = "sre@example.com"
space = "OPS"
parent_id = "98001"
"""
ENVIRON = {
    "HOTWASH_PUBLISH__BOOKSTACK__TOKEN_SECRET": "hw-token-secret",
    "HOTWASH_PUBLISH__CONFLUENCE__TOKEN": "cf-api-token",
}


@pytest.fixture(scope="module")
def postmortem(demo_timeline: Timeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("publish")
    request = DraftRequest(
        demo_timeline,
        Settings(),
        folder,
        output=folder / "draft.md",
        title="Checkout requests failing with HTTP 502",
        redactor=Redactor(),
    )
    return write_draft(request, Catalog()).path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "hotwash.toml"
    path.write_text(CONFIG)
    return path


@pytest.mark.parametrize(
    ("target", "recording", "url"),
    [
        ("bookstack", "bookstack-publish-twice.json", "https://wiki.example.com/link/412"),
        (
            "confluence",
            "confluence-publish-twice.json",
            "https://example.atlassian.net/wiki/spaces/OPS/pages/98305/"
            "Postmortem+2026-03-14+Checkout+requests+failing+with+HTTP+502",
        ),
    ],
)
def test_publishing_twice_creates_then_updates(
    postmortem: Path, config: Path, target: str, recording: str, url: str
) -> None:
    settings = load_publish_settings(config, ENVIRON)
    replay = Replay(recording)
    first = publish_file(postmortem, target, settings, transport=replay.transport)
    second = publish_file(postmortem, target, settings, transport=replay.transport)
    assert replay.finished, f"{len(replay.exchanges) - replay.index} recorded requests not made"
    assert (first.created, second.created) == (True, False)
    assert first.page_id == second.page_id
    assert first.url == second.url == url
    assert first.attachments == 4


def test_page_name_and_chart_files(postmortem: Path) -> None:
    page = page_from_markdown(postmortem)
    assert page.name == "Postmortem 2026-03-14: Checkout requests failing with HTTP 502"
    assert [p.name for p in page.attachments] == [
        "draft-error-rate.png",
        "draft-error-rate.svg",
        "draft-request-rate.png",
        "draft-request-rate.svg",
    ]
    assert page.labels == {}  # the incident id is a placeholder, so it is not a tag


def test_storage_format_escapes_evidence_and_keeps_remote_images() -> None:
    markdown = "Alert <script>x</script> & co\n\n![remote](https://img.example/a.png)\n"
    storage = storage_format(markdown, [])
    assert "&lt;script&gt;" in storage
    assert "<script>" not in storage
    assert '<img src="https://img.example/a.png" alt="remote" />' in storage


def test_settings_come_from_the_file_and_the_environment(config: Path) -> None:
    settings = load_publish_settings(config, ENVIRON)
    assert settings.bookstack is not None
    assert settings.bookstack.book_id == 79
    assert settings.bookstack.token_secret.get_secret_value() == "hw-token-secret"
    assert "hw-token-secret" not in repr(settings)  # tokens never show in messages
    assert load_publish_settings(None, {}).confluence is None


def test_bad_settings_name_the_key(tmp_path: Path) -> None:
    path = tmp_path / "hotwash.toml"
    path.write_text(
        '[publish.bookstack]\nurl = "u"\ntoken_id = "i"\ntoken_secret = "s"\nbook = 1\n'
    )
    with pytest.raises(ConfigError, match=r"publish\.bookstack\.book: unknown key"):
        load_publish_settings(path, {})


def test_missing_target_and_http_errors_are_reported(postmortem: Path, config: Path) -> None:
    with pytest.raises(ConfigError, match=r"add \[publish\.confluence\]"):
        publish_file(postmortem, "confluence", load_publish_settings(None, {}))
    with pytest.raises(ValidationError, match="unknown target"):
        publish_file(postmortem, "notion", load_publish_settings(None, {}))

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": {"code": 401, "message": "No authorization"}})

    settings = load_publish_settings(config, ENVIRON)
    with pytest.raises(DeliveryError, match="HTTP 401: No authorization"):
        publish_file(postmortem, "bookstack", settings, transport=httpx.MockTransport(refuse))
