"""Built-in presets per standard, selected by name, and site profiles that extend them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcaudit.controls.catalog import RULES
from svcaudit.parsers.sendmail import parse_sendmail_cf
from svcaudit.parsers.sendmail_service import missing_flags, privacy, version_at_least
from svcaudit.profile import PRESETS, ProfileError, defaults, load, preset_text
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_HARDENED, CRON_IDS
from tests_meta.support.scenarios_cron_access import AIX_BASE as ACCESS_AIX
from tests_meta.support.scenarios_cron_access import FOLDERS as ACCESS_FOLDERS
from tests_meta.support.scenarios_cron_access import IDS as ACCESS_IDS

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_loads_by_name_and_changes_something(name: str) -> None:
    found = load(name)
    assert found.source.startswith(name)
    assert found.base != defaults()


def test_stig_aix7_falls_back_to_the_aix61_values_where_it_is_silent() -> None:
    aix7, aix61 = load("stig-aix7"), load("stig-aix61")
    assert aix7.source == "stig-aix7 (extends stig-aix61)"
    assert aix7.base["cron"]["dir_mode"] == 0o640 and aix61.base["cron"]["dir_mode"] == 0o755  # V-245560 vs V-979
    assert aix7.base["cron"]["at_dir_owners"] == ["root", "bin"]  # V-245566
    assert aix7.base["cron"]["file_mode"] == aix61.base["cron"]["file_mode"] == 0o600  # V-978: AIX 7 is silent
    assert aix7.base["smtp"]["helpfile"] == "absent" and aix61.base["smtp"]["helpfile"] == "empty"


def test_strictest_is_never_looser_than_any_standard() -> None:
    strictest = load("strictest").base
    for name in ("stig-aix7", "stig-aix61", "cis-aix7-l1"):
        other = load(name).base
        for section, key in [("cron", k) for k in ("access_mode", "dir_mode", "file_mode", "log_mode", "at_dir_mode")] + [
            ("ftp", "ftpusers_mode"),
            ("mail", "log_mode"),
            ("mail", "aliases_mode"),
            ("snmp", "conf_mode"),
            ("snmp", "mib_mode"),
        ]:
            assert strictest[section][key] & ~other[section][key] == 0, (name, section, key)
        assert not strictest["ftp"]["allow_tls_daemon"] or other["ftp"]["allow_tls_daemon"]
        # SMTP-06: every flag a standard requires is in effect under strictest's flags (goaway sets several).
        have = privacy(parse_sendmail_cf("O PrivacyOptions=" + ",".join(strictest["smtp"]["privacy_options"]), "cf")).flags
        assert not missing_flags(have, other["smtp"]["privacy_options"]), name
        assert version_at_least(strictest["smtp"]["min_version"], other["smtp"]["min_version"]), name
        assert not strictest["smtp"]["relay"] or other["smtp"]["relay"]
        _strictest_cron_access_never_looser(
            name, {**defaults()["cron"], **strictest["cron"]}, {**defaults()["cron"], **other["cron"]}
        )


def _strictest_cron_access_never_looser(name: str, strictest: dict, other: dict) -> None:
    """Owners and groups inside each standard's; deny files absent where one wants them absent; the allow lists
    name whatever a standard requires, but adm (CIS 6.2.2), which both STIGs forbid (strictest.toml says so)."""
    for key in ("access_owners", "access_groups", "at_access_groups", "crontab_groups"):
        assert not other[key] or set(strictest[key]) <= set(other[key]), (name, key)
    for key in ("deny_file", "at_deny_file"):
        assert strictest[key] == "absent" or other[key] == "allowed", (name, key)
    assert set(other["at_allow_must_list"]) <= set(strictest["at_allow_must_list"]), name
    assert set(other["allow_must_list"]) - {"adm"} <= set(strictest["allow_must_list"]), name
    assert "adm" not in strictest["allow_must_list"]


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_value_names_the_rule_it_comes_from(name: str) -> None:
    """A preset value without its source is a guess: each names a rule of standards.toml, or a reason above."""
    for number, line in enumerate(preset_text(name).splitlines(), 1):
        if not re.match(r"^\w+\s*=", line) or line.startswith("extends"):
            continue
        comment = line.partition("#")[2]
        cited = re.findall(r"\bV-\d+\b", comment) + [f"CIS {n}" for n in re.findall(r"\b\d+\.\d+\.\d+(?:\.\d+)?\b", comment)]
        assert cited or "see above" in comment, f"{name}:{number}: {line}"
        assert all(rule in RULES for rule in cited), f"{name}:{number}: {cited}"


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text)
    return str(path)


def test_a_site_profile_extends_a_preset_with_its_own_values_hosts_and_waivers(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        "site.toml",
        'extends = "stig-aix7"\n\n[cron]\ndir_mode = 0o750\n\n[hosts."lpar-mon*".services]\nsnmp = "required"\n\n'
        '[[waivers]]\ncontrol = "CRON-04"\nhosts = ["lpar-db*"]\njustification = "vendor scheduler"\nexpires = 2099-01-01\n',
    )
    found = load(site)
    assert found.source == f"{site} (extends stig-aix7 (extends stig-aix61))"
    assert found.base["cron"]["dir_mode"] == 0o750  # the site's value wins
    assert found.base["cron"]["dir_groups"] == ["cron"]  # the preset's
    assert found.base["cron"]["at_dir_groups"] == ["cron"]
    assert found.for_host("lpar-mon1").services.snmp == "required"
    assert found.for_host("lpar-db1").waiver_for("CRON-04") is not None and found.for_host("web1").waiver_for("CRON-04") is None


def test_a_profile_extends_a_file_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "fleet").mkdir()
    _write(tmp_path / "fleet", "base.toml", 'extends = "cis-aix7-l1"\n[probes]\ntimeout = 2\n')
    site = _write(tmp_path / "fleet", "site.toml", 'extends = "base.toml"\n[cron]\nfile_mode = 0o400\n')
    found = load(site)
    cron = found.base["cron"]
    assert (found.base["probes"]["timeout"], cron["file_mode"], cron["dir_owners"]) == (2, 0o400, ["bin"])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("extends = 7\n[cron]\ndir_mode = 0o755\n", [":1: [extends]", "expected a preset name", "stig-aix7"]),
        ('extends = "site.toml"\n', [":1: [extends]", "leads back to this profile"]),
        ('extends = "stig-aix8"\n', ["stig-aix8: cannot read profile", "built-in presets: stig-aix7"]),
        ('extends = "stig-aix7"\n[cron]\ndir_mode = "0640"\n', [":3: [cron] dir_mode: expected a file mode"]),
    ],
)
def test_a_bad_extends_names_file_key_and_line(tmp_path: Path, text: str, words: list[str]) -> None:
    site = _write(tmp_path, "site.toml", text)
    with pytest.raises(ProfileError) as raised:
        load(site)
    for word in words:
        assert word in str(raised.value), str(raised.value)


def test_an_unknown_preset_name_is_a_clear_error() -> None:
    with pytest.raises(ProfileError, match="built-in presets: stig-aix7, stig-aix61, cis-aix7-l1, strictest"):
        load("stig-aix5")


def test_one_tree_two_presets_two_verdicts(tmp_path: Path) -> None:
    """The as-hardened AIX cron host: crontabs and atjobs 0755 bin:cron pass the AIX 6.1 STIG, fail the AIX 7 one."""
    root = build(AIX_HARDENED, tmp_path / "root")
    args = ["--sysroot", str(root), "--platform", "aix"]
    aix61 = run_suite([*args, "--profile=stig-aix61"], tmp_path / "aix61", ("tests_cron",))
    (tmp_path / "aix7").mkdir()
    aix7 = run_suite([*args, "--profile", "stig-aix7"], tmp_path / "aix7", ("tests_cron",))
    assert set(aix61.outcomes) >= set(CRON_IDS)
    assert (aix61.outcomes["CRON-04"], aix61.outcomes["AT-04"]) == ("pass", "pass"), aix61.output[-2000:]
    assert (aix7.outcomes["CRON-04"], aix7.outcomes["AT-04"]) == ("fail", "fail"), aix7.output[-2000:]
    assert "expected: /var/spool/cron/crontabs mode <= 0640" in "\n".join(aix7.messages["CRON-04"])


def test_cron_access_controls_under_the_stig_and_cis_presets(tmp_path: Path) -> None:
    """The hardened AIX tree (cron.allow and at.allow root:sys naming root only) passes CRON-11..15, AT-05, AT-06 and
    AT-09 under the AIX 7 STIG; under CIS only CRON-11 moves: CIS 6.2.2 wants adm in cron.allow, the STIGs forbid it."""
    root = build(ACCESS_AIX, tmp_path / "root")
    args = ["--sysroot", str(root), "--platform", "aix"]
    (tmp_path / "stig").mkdir()
    (tmp_path / "cis").mkdir()
    stig = run_suite([*args, "--profile=stig-aix7"], tmp_path / "stig", ACCESS_FOLDERS)
    cis = run_suite([*args, "--profile=cis-aix7-l1"], tmp_path / "cis", ACCESS_FOLDERS)
    assert stig.outcomes == {c: "pass" for c in ACCESS_IDS}, stig.output[-2000:]
    assert cis.outcomes == {**{c: "pass" for c in ACCESS_IDS}, "CRON-11": "fail"}, cis.output[-2000:]
    assert "/var/adm/cron/cron.allow: does not list adm, which the profile requires" in "\n".join(cis.messages["CRON-11"])
