"""Platform detection, and the scenario set itself: every control shown failing alone, passing, and N/A."""

from pathlib import Path

import pytest

from svcaudit.facts.platforms import detect
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_HARDENED, DEBIAN_HARDENED, RHEL_HARDENED
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
    ],
)
def test_detect(choice, uname, exists, release, expected) -> None:
    assert detect(choice, uname, exists, release).name == expected


@pytest.mark.parametrize(
    "scenario, platform",
    [(AIX_HARDENED, "aix"), (DEBIAN_HARDENED, "debian"), (RHEL_HARDENED, "rhel")],
    ids=["aix", "debian", "rhel"],
)
def test_auto_detects_the_layout_of_a_sysroot(scenario, platform: str, tmp_path: Path) -> None:
    root = build(scenario, tmp_path / "root")
    result = run_suite(["--sysroot", str(root)], tmp_path)
    assert f"platform {platform}" in result.output
    assert result.outcomes == scenario.expect


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.__name__)
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


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.__name__)
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
