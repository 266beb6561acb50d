"""Platform detection, and the scenario set itself: every control shown failing alone, passing, and N/A."""

from pathlib import Path

import pytest

from svcaudit.platforms import detect
from tests_meta.scenario import build, run_suite
from tests_meta.scenarios_cron import (
    AIX_HARDENED, AIX_SINGLE_DEFECTS, CRON_IDS, DEBIAN_HARDENED, DEBIAN_OTHER, RHEL_HARDENED, RHEL_OTHER, SCENARIOS,
)


@pytest.mark.parametrize("choice, uname, exists, release, expected", [
    ("auto", "AIX", set(), None, "aix"),
    ("auto", "Linux", {"/etc/debian_version"}, None, "debian"),
    ("auto", "Linux", {"/etc/redhat-release"}, None, "rhel"),
    ("auto", "Linux", set(), 'ID="rocky"\nID_LIKE="rhel centos fedora"\n', "rhel"),
    ("auto", None, {"/usr/lpp/bos"}, None, "aix"),
    ("auto", None, {"/etc/objrepos"}, None, "aix"),
    ("auto", None, {"/etc/debian_version"}, None, "debian"),
    ("aix", "Linux", set(), None, "aix"),
    ("linux", None, {"/usr/lpp/bos", "/etc/redhat-release"}, None, "rhel"),
])
def test_detect(choice, uname, exists, release, expected) -> None:
    assert detect(choice, uname, exists, release).name == expected


@pytest.mark.parametrize("scenario, platform", [(AIX_HARDENED, "aix"), (DEBIAN_HARDENED, "debian"), (RHEL_HARDENED, "rhel")],
                         ids=["aix", "debian", "rhel"])
def test_auto_detects_the_layout_of_a_sysroot(scenario, platform: str, tmp_path: Path) -> None:
    root = build(scenario, tmp_path / "root")
    result = run_suite(["--sysroot", str(root)], tmp_path)
    assert f"platform {platform}" in result.output
    assert result.outcomes == scenario.expect


def test_every_control_fails_alone_in_some_single_defect_scenario() -> None:
    bases = {s.name.split("-")[0]: s for s in (AIX_HARDENED, DEBIAN_HARDENED, RHEL_HARDENED)}
    alone = set()
    for scenario in AIX_SINGLE_DEFECTS + DEBIAN_OTHER + RHEL_OTHER:
        base = bases[scenario.name.split("-")[0]]
        moved = {c for c in CRON_IDS if scenario.expect[c] != base.expect[c]}
        if len(moved) == 1 and scenario.expect[next(iter(moved))] == "fail":
            alone |= moved
    assert alone == set(CRON_IDS), sorted(set(CRON_IDS) - alone)


def test_every_control_is_seen_passing_failing_and_not_applicable() -> None:
    seen = {c: {s.expect[c] for s in SCENARIOS} for c in CRON_IDS}
    for control, outcomes in seen.items():
        assert {"pass", "fail", "na"} <= outcomes, (control, outcomes)
