"""Platform detection, and the scenario set itself: every control shown failing alone, passing, and N/A."""

from pathlib import Path

import pytest

from svcaudit.facts.platforms import detect
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_HARDENED, DEBIAN_HARDENED, RHEL_HARDENED
from tests_meta.support.scenarios_suse import SUSE_CRON_HARDENED
from tests_meta.test_scenarios import FAMILIES


@pytest.mark.parametrize(
    "choice, uname, exists, release, expected",
    [
        ("auto", "AIX", set(), None, "aix"),
        ("auto", "Linux", {"/etc/debian_version"}, None, "debian"),
        ("auto", "Linux", {"/etc/redhat-release"}, None, "rhel"),
        ("auto", "Linux", set(), 'ID="rocky"\nID_LIKE="rhel centos fedora"\n', "rhel"),
        ("auto", None, {"/usr/lpp/bos"}, None, "aix"),
        ("auto", None, {"/etc/objrepos"}, None, "aix"),
        ("auto", None, {"/etc/debian_version"}, None, "debian"),
        ("aix", "Linux", set(), None, "aix"),
        ("linux", None, {"/usr/lpp/bos", "/etc/redhat-release"}, None, "rhel"),
        ("auto", "Linux", set(), 'ID="sles"\nID_LIKE="suse"\n', "suse"),
        ("auto", "Linux", set(), "ID=opensuse\n", "suse"),
        ("suse", None, {"/etc/debian_version"}, None, "suse"),
    ],
)
def test_detect(choice, uname, exists, release, expected) -> None:
    assert detect(choice, uname, exists, release).name == expected


@pytest.mark.parametrize(
    "scenario, platform",
    [(AIX_HARDENED, "aix"), (DEBIAN_HARDENED, "debian"), (RHEL_HARDENED, "rhel"), (SUSE_CRON_HARDENED, "suse")],
    ids=["aix", "debian", "rhel", "suse"],
)
def test_auto_detects_the_layout_of_a_sysroot(scenario, platform: str, tmp_path: Path) -> None:
    root = build(scenario, tmp_path / "root")
    result = run_suite(["--sysroot", str(root)], tmp_path)
    assert f"platform {platform}" in result.output
    assert result.outcomes == scenario.expect


#: Families of their own; the SUSE families derived from them (scenarios_suse.py) are checked against their source.
OWN_FAMILIES = [f for f in FAMILIES if getattr(f, "DERIVED_FROM", None) is None]
DERIVED_FAMILIES = [f for f in FAMILIES if getattr(f, "DERIVED_FROM", None) is not None]


@pytest.mark.parametrize("family", OWN_FAMILIES, ids=lambda f: f.__name__)
def test_every_control_fails_alone_in_some_single_defect_scenario(family) -> None:
    """A defect scenario moves its control to fail and no other control to fail or error."""
    alone = set()
    for scenario in family.SINGLE_DEFECTS:
        base = family.BASES[scenario.name.split("-")[0]]
        moved = {c for c in family.IDS if scenario.expect[c] != base.expect[c]}
        worse = {c for c in moved if scenario.expect[c] in ("fail", "error")}
        if len(worse) == 1 and moved - worse <= {c for c in moved if scenario.expect[c] == "na"}:
            alone |= worse
    # SMTP-07 reads the version from the binary or the live greeting: tests_meta/test_live_smtp_service.py
    live_only = {"SNMP-04", "SMTP-02", "SMTP-07"}
    assert alone | live_only >= set(family.IDS), sorted(set(family.IDS) - alone)


@pytest.mark.parametrize("family", OWN_FAMILIES, ids=lambda f: f.__name__)
def test_every_control_is_seen_passing_failing_and_not_applicable(family) -> None:
    """Pass and fail for every control (SNMP-04's are live: tests_meta/test_live_controls.py),
    N/A wherever the catalog has a rule."""
    never_na = {"FTP-01", "SMTP-04", "FTP-09", "MAIL-14"}
    live_only = {"SNMP-04", "SMTP-02", "SMTP-07"}  # SMTP-07: see above
    seen = {c: {s.expect[c] for s in family.SCENARIOS} for c in family.IDS}
    for control, outcomes in seen.items():
        if control not in live_only:
            assert {"pass", "fail"} <= outcomes, (control, outcomes)
        if control not in never_na:
            assert "na" in outcomes, (control, outcomes)


@pytest.mark.parametrize("family", DERIVED_FAMILIES, ids=lambda f: f.__name__)
def test_a_derived_suse_family_keeps_its_sources_verdicts_and_its_own_hosts_move_one_control(family) -> None:
    """The same hosts on SUSE's layout are judged as their Debian or RHEL source is (its coverage is the source
    family's); each of SUSE's own hosts beside them moves at most one control to fail or error from its base."""
    derived = {s.name: s for s in family.SCENARIOS}
    for name, source in family.SOURCES.items():
        assert derived[name].expect == source.expect, name
    for scenario in family.SINGLE_DEFECTS:
        if scenario.name in family.SOURCES:
            continue
        base = family.BASES[scenario.name.split("-")[0]]
        worse = {c for c in family.IDS if scenario.expect[c] != base.expect[c] and scenario.expect[c] in ("fail", "error")}
        assert len(worse) <= 1 or all(scenario.expect[c] == "error" for c in worse), (scenario.name, worse)
