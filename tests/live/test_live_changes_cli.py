"""``hotwash changes``: git, Kubernetes rollouts and events, and the deploy feed, newest first."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from replay import HERE, Recording, replay_server

from clirun import Run

CHANGES = HERE.parent / "fixtures" / "evidence" / "incident" / "changes"
NOW = "2026-03-14T15:00:00Z"


def fake_kubectl(folder: Path) -> None:
    """Answers ``kubectl get replicasets|events -o json`` with saved cluster output."""
    script = folder / "kubectl"
    script.write_text(
        "#!/bin/sh\n"
        f'case "$2" in replicasets) cat {CHANGES / "replicasets.json"};;'
        f" events) cat {CHANGES / 'kubectl_events.json'};; *) exit 1;; esac\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def git_repo(root: Path) -> None:
    when, who, mail = "2026-03-14T14:10:00Z", "Dana Okafor", "dana@example.com"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": mail,
           "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": mail}  # fmt: skip
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "pool.conf").write_text("size=50\n")
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(
        ["git", "-C", str(root), "commit", "-qm", "Raise the pool size to 50"], check=True, env=env
    )


@pytest.fixture
def changes_workspace(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    shutil.copyfile(CHANGES / "deploys.csv", root / "deploys.csv")
    git_repo(root / "repo")
    (tmp_path / "bin").mkdir()
    fake_kubectl(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    with (root / "hotwash.toml").open("a") as config:
        config.write(
            '\n[sources]\ndeploys = "deploys.csv"\ngit_repos = ["repo"]\n'
            'kubernetes_namespace = "shop"\n'
        )
    monkeypatch.chdir(root)
    return root


def test_changes_lists_deploys_rollouts_and_commits_of_the_last_two_hours(
    run: Run, changes_workspace: Path
) -> None:
    done = run("changes", "--since", "2h", "--json", env={"HOTWASH_NOW": NOW})
    assert done.code == 0, done.err
    found = json.loads(done.out)
    times = [item["at"] for item in found]
    assert times == sorted(times, reverse=True)
    assert all("2026-03-14T13:00:00+00:00" <= at <= "2026-03-14T15:00:00+00:00" for at in times)
    sources = {item["source"] for item in found}
    assert sources == {"deploys", "git", "kubernetes"}
    texts = " | ".join(item["text"] for item in found)
    assert "Raise the pool size to 50" in texts
    assert "Rollback of 2.14.0" in texts
    assert "Routine release" not in texts  # 11:20, before the window
    assert "Looked at:" not in done.err  # JSON mode prints no table summary


def test_changes_reports_a_place_it_cannot_read_and_lists_the_rest(
    run: Run, changes_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    script = broken / "kubectl"
    script.write_text("#!/bin/sh\necho 'The connection to the server was refused' >&2\nexit 1\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{broken}:{os.environ['PATH']}")
    done = run("changes", "--since", "2h", env={"HOTWASH_NOW": NOW})
    assert done.code == 0, done.err
    assert (
        "warning: kubectl get replicasets: kubectl exited with 1:"
        " The connection to the server was refused"
    ) in done.err
    assert "Rollback of 2.14.0" in done.out
    assert "Raise the pool size to 50" in done.out


def test_the_deploy_feed_may_be_a_url(
    run: Run, changes_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deploys = [
        {"deployed_at": "2026-03-14T14:40:00Z", "service": "cart", "version": "5.3.0"},
        {"deployed_at": "2026-03-14T09:00:00Z", "service": "cart", "version": "5.2.9"},
    ]
    feed = Recording([{
        "request": {"method": "GET", "path": "/api/deploys"},
        "response": {"status": 200, "body": deploys},
    }])  # fmt: skip
    with replay_server(feed) as url:
        config = (changes_workspace / "hotwash.toml").read_text()
        config = config.replace('deploys = "deploys.csv"', f'deploys = "{url}/api/deploys"')
        (changes_workspace / "hotwash.toml").write_text(config)
        done = run("changes", "--json", env={"HOTWASH_NOW": NOW})
    assert done.code == 0, done.err
    feed_items = [item for item in json.loads(done.out) if item["source"] == "deploys"]
    assert [(item["at"], item["service"]) for item in feed_items] == [
        ("2026-03-14T14:40:00+00:00", "cart")
    ]
    assert feed.seen == ["GET /api/deploys"]
