from datetime import timedelta
from pathlib import Path

import pytest

from hotwash.config import find_workspace, init_workspace, load_settings
from hotwash.config.policy import SeverityPolicy
from hotwash.errors import ConfigError, WorkspaceNotFoundError
from hotwash.incidents.severity import Severity

SEED_TABLE = {
    # severity: (response time, update cadence), from the incident-response seed
    Severity.SEV1: (timedelta(minutes=5), timedelta(minutes=15)),
    Severity.SEV2: (timedelta(minutes=15), timedelta(minutes=30)),
    Severity.SEV3: (timedelta(hours=1), timedelta(hours=2)),
    Severity.SEV4: (timedelta(hours=4), timedelta(days=1)),
}


def test_default_policy_is_the_seed_table() -> None:
    policy = SeverityPolicy()
    for severity, (response, cadence) in SEED_TABLE.items():
        rule = policy.rule(severity)
        assert (rule.response_time, rule.update_cadence) == (response, cadence)
    for severity in Severity:
        rule = policy.rule(severity)
        required = severity in {Severity.SEV1, Severity.SEV2}
        assert rule.postmortem_required is required
        assert rule.postmortem_due == (timedelta(hours=48) if required else None)
        assert rule.escalation


def test_init_writes_a_config_that_loads_to_the_defaults(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", team="Payments", timezone="Europe/Berlin")
    settings = load_settings(workspace.config_path, {})
    assert settings.team.name == "Payments"
    assert settings.timezone == "Europe/Berlin"
    assert settings.severity == SeverityPolicy()
    assert (workspace.root / ".gitignore").read_text().splitlines() == [".hotwash/"]
    for folder in ("postmortems", "evidence", "docs/runbooks", ".hotwash"):
        assert (workspace.root / folder).is_dir()


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    init_workspace(tmp_path, team="A", timezone="UTC")
    with pytest.raises(ConfigError, match="already exists"):
        init_workspace(tmp_path, team="B", timezone="UTC")
    init_workspace(tmp_path, team="B", timezone="UTC", force=True)
    assert load_settings(tmp_path / "hotwash.toml", {}).team.name == "B"


def test_workspace_is_found_from_a_subfolder(tmp_path: Path) -> None:
    init_workspace(tmp_path, team="A", timezone="UTC")
    deep = tmp_path / "postmortems" / "2026" / "q1"
    deep.mkdir(parents=True)
    assert find_workspace(deep).root == tmp_path.resolve()


def test_no_workspace_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFoundError, match="hotwash init"):
        find_workspace(tmp_path)


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hotwash.toml"
    path.write_text(text)
    return path


def test_precedence_is_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        'timezone = "Europe/Berlin"\n[severity.SEV1]\nupdate_cadence = "20m"\n'
        'description = "x"\nresponse_time = "5m"\nescalation = []\n'
        "postmortem_required = true\n",
    )
    assert load_settings(path, {}).severity.SEV1.update_cadence == timedelta(minutes=20)
    env = {"HOTWASH_SEVERITY__SEV1__UPDATE_CADENCE": "10m", "HOTWASH_TIMEZONE": "Asia/Tokyo"}
    from_env = load_settings(path, env)
    assert from_env.severity.SEV1.update_cadence == timedelta(minutes=10)
    assert from_env.timezone == "Asia/Tokyo"
    assert from_env.severity.SEV1.description == "x"  # untouched keys survive the merge
    flags = {"severity.SEV1.update_cadence": "5m", "timezone": "UTC"}
    from_flags = load_settings(path, env, flags)
    assert from_flags.severity.SEV1.update_cadence == timedelta(minutes=5)
    assert from_flags.timezone == "UTC"


def test_database_url_comes_from_the_environment(tmp_path: Path) -> None:
    url = "postgresql://hotwash@db.internal:5432/hotwash"
    assert load_settings(None, {"HOTWASH_DATABASE_URL": url}).database_url == url


@pytest.mark.parametrize(
    ("text", "env", "flags", "named"),
    [
        (
            '[severity.SEV2]\nupdate_cadence = "soon"\n',
            {},
            {},
            "hotwash.toml: severity.SEV2.update_cadence",
        ),
        ('timezone = "Mars/Olympus"\n', {}, {}, "hotwash.toml: timezone"),
        ("[team]\nnmae = 'typo'\n", {}, {}, "hotwash.toml: team.nmae: unknown key"),
        ("", {"HOTWASH_TIMEZONE": "Nowhere/Land"}, {}, "HOTWASH_TIMEZONE"),
        ("", {}, {"severity.SEV3.response_time": "later"}, "--set severity.SEV3.response_time"),
        (
            "[[notifications]]\nname = 'x'\nkind = 'pager'\nurl = 'http://h'\n",
            {},
            {},
            "notifications.0.kind",
        ),
    ],
)
def test_errors_name_the_key(
    tmp_path: Path, text: str, env: dict[str, str], flags: dict[str, str], named: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_config(tmp_path, text), env, flags)
    assert named in str(caught.value)
    assert "\n" not in str(caught.value)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_settings(_config(tmp_path, "timezone = \n"), {})


def test_token_variables_are_secrets_not_settings(tmp_path: Path) -> None:
    # The default token variables and any the file names share the settings' prefix.
    path = _config(tmp_path, '[sources.loki]\nurl = "http://loki"\ntoken_env = "HOTWASH_LOKI"\n')
    env = {"HOTWASH_PAGERDUTY_TOKEN": "pd", "HOTWASH_SLACK_TOKEN": "xoxb", "HOTWASH_LOKI": "t"}
    loaded = load_settings(path, env)
    assert loaded.sources.loki is not None
    assert loaded.sources.loki.token_env == "HOTWASH_LOKI"
    with pytest.raises(ConfigError, match="HOTWASH_OTHER_TOKEN: unknown key"):
        load_settings(path, {**env, "HOTWASH_OTHER_TOKEN": "x"})


@pytest.mark.parametrize(
    ("ids", "problem"),
    [
        ('["Checkout API"]', "'Checkout API' is not a PagerDuty service id (like PSVC123"),
        ('["https://acme.pagerduty.com/service-directory/PSVC123"]', "is not a PagerDuty"),
        ('["PSVC123", "PSVC123"]', "listed more than once: PSVC123"),
    ],
)
def test_pagerduty_service_ids_are_checked(tmp_path: Path, ids: str, problem: str) -> None:
    text = f"[services.checkout]\npagerduty_service_ids = {ids}\n"
    with pytest.raises(ConfigError) as caught:
        load_settings(_config(tmp_path, text), {})
    message = str(caught.value)
    assert message.startswith(
        "invalid configuration: hotwash.toml: services.checkout.pagerduty_service_ids: "
    )
    assert problem in message


def test_pagerduty_service_ids_load(tmp_path: Path) -> None:
    text = '[services.checkout]\npagerduty_service_ids = ["PSVC123", "P1X2Y3Z"]\n'
    loaded = load_settings(_config(tmp_path, text), {})
    assert loaded.services["checkout"].pagerduty_service_ids == ["PSVC123", "P1X2Y3Z"]
