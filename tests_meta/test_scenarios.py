"""Every control, passing and failing on real file trees, locally and over SSH.

Each scenario module declares hosts (SCENARIOS), the control IDs it judges (IDS)
and the folders that hold those controls (FOLDERS).
"""

from pathlib import Path
from types import ModuleType

import pytest

from tests_meta.support import (
    scenarios_cron,
    scenarios_cron_access,
    scenarios_ftp_snmp,
    scenarios_ftpd,
    scenarios_jobs,
    scenarios_mail,
    scenarios_mail_hardening,
    scenarios_smtp_service,
    scenarios_snmp_agents,
    scenarios_suse,
    scenarios_tftp,
)
from tests_meta.support.scenario import Scenario, build, run_suite

FAMILIES: list[ModuleType] = [
    scenarios_cron,
    scenarios_cron_access,
    scenarios_ftp_snmp,
    scenarios_mail,
    scenarios_snmp_agents,
    scenarios_tftp,
    scenarios_ftpd,
    scenarios_jobs,
    scenarios_smtp_service,
    scenarios_mail_hardening,
]
# SUSE (issue 18): every family's Linux hosts on SLES's layout, and SUSE's own hosts.
FAMILIES += scenarios_suse.FAMILY_MODULES
CASES = [(family, s) for family in FAMILIES for s in family.SCENARIOS]
IDS = [f"{family.__name__.rsplit('_', 1)[-1]}:{s.name}" for family, s in CASES]


def _over_ssh(family: ModuleType, scenario: Scenario) -> bool:
    """Over SSH: each family's base hosts (every platform) and its first single-defect host per platform.

    Verdicts do not depend on the transport, which the local run of every scenario already judges; what
    SSH adds is the collector's requests of each family on each platform crossing a real sshd, within the
    command budget, with failures and their evidence coming back whole. The bases and one failing host per
    platform show that; running all 460-odd scenarios twice doubled CI for nothing more.
    """
    if scenario in family.BASES.values():
        return True
    firsts = {}
    for candidate in getattr(family, "SINGLE_DEFECTS", []):
        firsts.setdefault(candidate.platform + candidate.root_group, candidate)
    return scenario in firsts.values()


SSH_CASES = [(family, s) for family, s in CASES if _over_ssh(family, s)]
SSH_IDS = [f"{family.__name__.rsplit('_', 1)[-1]}:{s.name}" for family, s in SSH_CASES]


def _args(scenario: Scenario, root: Path, workdir: Path) -> list[str]:
    args = ["--sysroot", str(root), "--platform", scenario.platform]
    if scenario.profile:
        profile = workdir / "profile.toml"
        profile.write_text(scenario.profile)
        args += ["--profile", str(profile)]
    return args


def _check(family: ModuleType, scenario: Scenario, result) -> None:
    assert set(result.outcomes) == set(family.IDS), result.output[-3000:]
    wrong = {c: (scenario.expect[c], result.outcomes[c]) for c in family.IDS if result.outcomes[c] != scenario.expect[c]}
    details = {c: result.messages[c] for c in wrong}
    assert not wrong, f"{scenario.name}: expected vs got {wrong}\n{details}"
    commands = result.remote_commands()
    assert commands and max(commands) <= 3, result.output[-2000:]


@pytest.mark.parametrize("family, scenario", CASES, ids=IDS)
def test_scenario_local(family: ModuleType, scenario: Scenario, tmp_path: Path) -> None:
    root = build(scenario, tmp_path / "root")
    _check(family, scenario, run_suite(_args(scenario, root, tmp_path), tmp_path, family.FOLDERS))


@pytest.mark.parametrize("family, scenario", SSH_CASES, ids=SSH_IDS)
def test_scenario_over_ssh(family: ModuleType, scenario: Scenario, tmp_path: Path, sshd) -> None:
    root = build(scenario, tmp_path / "root")
    args = _args(scenario, root, tmp_path) + ["--hosts=ssh://scenario", f"--ssh-config={sshd.config}"]
    result = run_suite(args, tmp_path, family.FOLDERS)
    _check(family, scenario, result)
    assert "ssh://scenario" in result.output
