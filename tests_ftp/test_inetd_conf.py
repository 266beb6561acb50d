"""Super-server control FTP-17 (DISA: inetd.conf and xinetd.conf owned by root, group system, mode <= 0640, no ACL)."""

import pytest

from svcaudit.controls.checks import octal, present
from svcaudit.controls.paths import acl_findings, acl_notes, admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


@pytest.mark.control("FTP-17")
def test_inetd_conf_protected(facts: HostFacts, profile: Profile) -> None:
    """Whoever can write inetd.conf chooses which programs run as root on a network port."""
    t = facts.paths.tftp
    paths = [p for p in t.protected_confs if present(facts, p)]
    if not paths:
        not_applicable(f"none of {', '.join(t.protected_confs)} exists")
    f = profile.ftp
    owners = f.inetd_conf_owners
    groups = admin_groups(facts, profile, set(f.inetd_conf_groups) | t.conf_groups_extra)
    problems: list[str] = []
    unassessed: list[str] = []
    for path in paths:
        problems += protected(facts, path, owners=owners, groups=groups, ceiling=f.inetd_conf_mode)
        acl_problems, acl_unknown = acl_findings(facts, path)
        problems += acl_problems
        unassessed += acl_unknown
    verdict(
        f"{', '.join(paths)}: owner one of {', '.join(owners)}, group one of {groups_phrase(groups)},"
        f" mode <= {octal(f.inetd_conf_mode)}, no extended ACL",
        problems,
        [n for path in paths for n in acl_notes(facts, path)],
        unassessed=unassessed,
    )
