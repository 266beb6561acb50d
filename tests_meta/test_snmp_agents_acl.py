"""SNMP-11's ACL half on real extended ACLs: scenario trees with `setfacl` applied after they are built."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests_meta.support import scenarios_snmp_agents as family
from tests_meta.support.scenario import Scenario, build, run_suite
from tests_meta.test_scenarios import _args

CASES = [
    (family.AIX_HARDENED, "/etc/snmpdv3.conf"),
    (family.AIX_HARDENED, "/usr/samples/snmpd/mibII.my"),
    (family.DEBIAN_HARDENED, "/var/lib/snmp/snmpd.conf"),
    (family.RHEL_AS_INSTALLED, "/usr/share/snmp/mibs/IF-MIB.txt"),
]


def _suite(scenario: Scenario, tmp_path: Path, acl_on: str | None):
    root = build(scenario, tmp_path / "root")
    if acl_on:
        subprocess.run(["setfacl", "-m", "u:nobody:r", f"{root}{acl_on}"], check=True)
    return run_suite(_args(scenario, root, tmp_path), tmp_path, family.FOLDERS)


@pytest.mark.parametrize("scenario, path", CASES, ids=[f"{s.name}:{p}" for s, p in CASES])
def test_snmp_11_fails_on_an_extended_acl(scenario: Scenario, path: str, tmp_path: Path) -> None:
    result = _suite(scenario, tmp_path, path)
    assert result.outcomes["SNMP-11"] == "fail", result.messages["SNMP-11"]
    evidence = "\n".join(result.messages["SNMP-11"])
    assert f"{path}: extended ACL (user:" in evidence, evidence
    others = {c: o for c, o in result.outcomes.items() if c != "SNMP-11"}
    assert others == {c: scenario.expect[c] for c in others}


def test_snmp_11_passes_without_acls(tmp_path: Path) -> None:
    result = _suite(family.AIX_HARDENED, tmp_path, None)
    assert result.outcomes["SNMP-11"] == "pass", result.messages["SNMP-11"]
