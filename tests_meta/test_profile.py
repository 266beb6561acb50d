"""Profiles: seed defaults, per-host overrides, and mistakes that stop the run naming file, key and line."""

from pathlib import Path

import pytest

from svcaudit.profile import ProfileError, defaults, load, render_default
from tests_meta.support.scenario import REPO, run_suite


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "site.toml"
    path.write_text(text)
    return str(path)


def test_default_profile_file_matches_the_built_in_defaults() -> None:
    assert (REPO / "profiles/default.toml").read_text() == render_default()
    assert load(str(REPO / "profiles/default.toml")).for_host("any").values == defaults()


def test_seed_values_are_the_defaults() -> None:
    values = defaults()
    assert values["cron"]["access_mode"] == 0o600 and values["cron"]["dir_mode"] == 0o755
    assert values["ftp"]["ftpusers_mode"] == 0o640 and values["snmp"]["conf_mode"] == 0o600
    assert values["mail"]["min_loglevel"] == 9


def test_host_tables_override_for_matching_hosts_only(tmp_path: Path) -> None:
    profile = load(
        _write(
            tmp_path,
            '[cron]\ndir_mode = 0o750\n\n[hosts."mon*".services]\nsnmp = "required"\n[hosts."mon*".cron]\ndir_mode = 0o770\n',
        )
    )
    assert profile.for_host("web1").cron.dir_mode == 0o750
    assert profile.for_host("web1").services.snmp == "disabled"
    assert profile.for_host("mon1").services.snmp == "required"
    assert profile.for_host("mon1").cron.dir_mode == 0o770


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("[cron]\ndir_mode = 0o755\ndir_mdoe = 0o700\n", 3, ["[cron] dir_mdoe", "unknown key"]),
        ('# site\n[cron]\n\ndir_mode = "0755"\n', 4, ["[cron] dir_mode", "octal", "'0755'"]),
        ('[services]\nmail = "maybe"\n', 2, ["[services] mail", "'disabled', 'required'"]),
        ("[crn]\ndir_mode = 0o755\n", 1, ["[crn]", "unknown section"]),
        ("[smtp]\nport = 70000\n", 2, ["[smtp] port", "1-65535"]),
        ('[hosts."db*".cron]\nlog_mode = true\n', 2, ['[hosts."db*".cron] log_mode', "octal"]),
        ('[cron]\ndir_owners = "root"\n', 2, ["[cron] dir_owners", "list of strings"]),
        ("[cron\ndir_mode = 1\n", 1, ["not valid TOML", "line 1"]),
    ],
)
def test_mistakes_name_file_key_and_line(tmp_path: Path, text: str, line: int, words: list[str]) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ProfileError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert f"{path}:{line}:" in message or f"line {line}" in message
    for word in words:
        assert word in message


def test_a_bad_profile_stops_the_run_with_one_clear_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[cron]\ndir_mode = 0o755\nfile_mode = "600"\n')
    result = run_suite(["--profile", path], tmp_path)
    assert result.returncode == 4
    assert f"{path}:3: [cron] file_mode: expected a file mode" in result.output
    assert "Traceback" not in result.output and not result.outcomes


def test_missing_profile_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read profile"):
        load(str(tmp_path / "nope.toml"))


def test_example_profiles_load() -> None:
    for example in sorted((REPO / "profiles/examples").glob("*.toml")):
        load(str(example))
