"""Scenario hosts for the cron and at access controls of issue 14: CRON-11..13, CRON-15, AT-05, AT-06, AT-09.

The hosts are the cron family's (scenarios_cron.py): hardened AIX, Debian and RHEL trees and their as-installed
states, judged here for who may use cron and at, the access files' group, the crontab files' owners and extended
ACLs (real POSIX ACLs set with setfacl on the built tree).
"""

from __future__ import annotations

from dataclasses import replace

from tests_meta.support.scenario import Absent, File, Scenario
from tests_meta.support.scenarios_cron import (
    AIX_AS_INSTALLED,
    AIX_HARDENED,
    AIX_ROOT_CRONTAB,
    DEBIAN_AS_INSTALLED,
    DEBIAN_HARDENED,
    RHEL_AS_INSTALLED,
    RHEL_HARDENED,
)

IDS = ["CRON-11", "CRON-12", "CRON-13", "CRON-15", "AT-05", "AT-06", "AT-09"]
FOLDERS = ("tests_cron/test_cron_access.py",)


def _host(base: Scenario, name: str, expect: dict[str, str]) -> Scenario:
    """One of the cron family's hosts, with this family's verdicts (every control passes unless named)."""
    return replace(base, name=name, expect={**{c: "pass" for c in IDS}, **expect})


def _acl(base: Scenario, name: str, acls: tuple[tuple[str, str], ...], expect: dict[str, str]) -> Scenario:
    """The host with real extended ACLs set on the built tree (alice by number: setfacl resolves names on this host)."""
    changed = base.changed(name, [], expect)
    return replace(changed, acls=acls)


#: The AIX system accounts of AIX_USERS but root (alice, uid 204, is a person).
AIX_SYSTEM = "daemon\nbin\nsys\nadm\nuucp\nguest\nnuucp\nlpd\ninvscout\nesaadmin\nsshd\n"
CIS_CRON = '[cron]\nallow_must_list = ["root", "adm"]\ndeny_file = "absent"\n'
CIS_AT = '[cron]\nat_allow_must_list = ["root"]\nat_deny_file = "absent"\n'

AIX_BASE = _host(AIX_HARDENED, "aix-access-hardened", {})
AIX_INSTALLED = _host(AIX_AS_INSTALLED, "aix-access-as-installed", {"CRON-11": "na", "CRON-12": "na", "AT-05": "fail"})

AIX_SINGLE_DEFECTS = [
    AIX_BASE.changed(
        "aix-CRON-11-adm-in-cron-allow",
        [File("/var/adm/cron/cron.allow", "root\nadm\n", 0o600, "root", "sys")],
        {"CRON-11": "fail"},
    ),
    AIX_BASE.changed(
        "aix-CRON-11-empty-cron-allow", [File("/var/adm/cron/cron.allow", "", 0o600, "root", "sys")], {"CRON-11": "fail"}
    ),
    AIX_BASE.changed(
        "aix-CRON-11-deny-misses-system-accounts",
        [Absent("/var/adm/cron/cron.allow"), File("/var/adm/cron/cron.deny", "bin\nsys\nguest\n", 0o600, "root", "sys")],
        {"CRON-11": "fail"},
    ),
    AIX_BASE.changed(
        "aix-AT-05-bin-in-at-allow", [File("/var/adm/cron/at.allow", "root\nbin\n", 0o600, "root", "sys")], {"AT-05": "fail"}
    ),
    AIX_BASE.changed(
        "aix-AT-05-empty-at-deny-beside-at-allow", [File("/var/adm/cron/at.deny", "", 0o600, "root", "sys")], {"AT-05": "fail"}
    ),
    AIX_BASE.changed(
        "aix-CRON-12-cron-allow-group-staff",
        [File("/var/adm/cron/cron.allow", "root\n", 0o600, "root", "staff")],
        {"CRON-12": "fail"},
    ),
    AIX_BASE.changed(
        "aix-CRON-12-cron-deny-group-printq",
        [File("/var/adm/cron/cron.deny", AIX_SYSTEM, 0o600, "root", "printq")],
        {"CRON-12": "fail"},
    ),
    AIX_BASE.changed(
        "aix-AT-06-at-allow-group-staff", [File("/var/adm/cron/at.allow", "root\n", 0o600, "root", "staff")], {"AT-06": "fail"}
    ),
    AIX_BASE.changed(
        "aix-CRON-13-adm-crontab-owned-by-alice",
        [File("/var/spool/cron/crontabs/adm", "0 2 * * * /usr/bin/true\n", 0o600, "alice", "cron")],
        {"CRON-13": "fail"},
    ),
    AIX_BASE.changed(
        "aix-CRON-13-root-crontab-group-staff",
        [File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB, 0o600, "root", "staff")],
        {"CRON-13": "fail"},
    ),
    AIX_BASE.changed(
        "aix-CRON-13-crontab-of-no-account",
        [File("/var/spool/cron/crontabs/olduser", "0 1 * * * /usr/bin/true\n", 0o600, "root", "cron")],
        {"CRON-13": "fail"},
    ),
    _acl(AIX_BASE, "aix-CRON-15-acl-on-root-crontab", (("/var/spool/cron/crontabs/root", "u:204:rw"),), {"CRON-15": "fail"}),
    _acl(AIX_BASE, "aix-CRON-15-acl-on-cron-log", (("/var/adm/cron/log", "u:204:r"),), {"CRON-15": "fail"}),
    _acl(AIX_BASE, "aix-CRON-15-acl-on-spool", (("/var/spool/cron", "u:204:rwx"),), {"CRON-15": "fail"}),
    _acl(AIX_BASE, "aix-CRON-15-acl-on-cron-allow", (("/var/adm/cron/cron.allow", "g:1:rw"),), {"CRON-15": "fail"}),
    _acl(AIX_BASE, "aix-AT-09-acl-on-at-allow", (("/var/adm/cron/at.allow", "u:204:rw"),), {"AT-09": "fail"}),
    _acl(AIX_BASE, "aix-AT-09-acl-on-atjobs", (("/var/spool/cron/atjobs", "u:204:rwx"),), {"AT-09": "fail"}),
]

AIX_OTHER = [
    AIX_BASE.changed(
        "aix-CRON-11-deny-lists-every-system-account",
        [Absent("/var/adm/cron/cron.allow"), File("/var/adm/cron/cron.deny", AIX_SYSTEM, 0o600, "root", "sys")],
        {},
    ),
    AIX_BASE.changed(
        "aix-CRON-13-alice-crontab-primary-group",
        [File("/var/spool/cron/crontabs/alice", "0 1 * * * /usr/bin/true\n", 0o600, "alice", "staff")],
        {},
    ),
    AIX_BASE.changed(
        "aix-CRON-13-alice-crontab-group-printq",
        [File("/var/spool/cron/crontabs/alice", "0 1 * * * /usr/bin/true\n", 0o600, "alice", "printq")],
        {"CRON-13": "fail"},
    ),
    AIX_BASE.changed(
        "aix-no-crontab-files",
        [Absent("/var/spool/cron/crontabs/root"), Absent("/var/spool/cron/crontabs/adm")],
        {"CRON-13": "na"},
    ),
    AIX_BASE.changed(
        "aix-no-access-files",
        [Absent("/var/adm/cron/cron.allow"), Absent("/var/adm/cron/at.allow")],
        {"CRON-11": "na", "CRON-12": "na", "AT-05": "na", "AT-06": "na"},
    ),
    # CIS 6.2.1 / 6.2.2 (preset cis-aix7-l1): allow lists only, cron.allow naming root and adm.
    AIX_BASE.changed(
        "aix-CRON-11-cis-root-and-adm",
        [File("/var/adm/cron/cron.allow", "root\nadm\n", 0o600, "root", "sys")],
        {},
        CIS_CRON,
    ),
    AIX_BASE.changed("aix-CRON-11-cis-adm-missing", [], {"CRON-11": "fail"}, CIS_CRON),
    AIX_BASE.changed(
        "aix-CRON-11-cis-cron-deny-present",
        [
            File("/var/adm/cron/cron.allow", "root\nadm\n", 0o600, "root", "sys"),
            File("/var/adm/cron/cron.deny", AIX_SYSTEM, 0o600, "root", "sys"),
        ],
        {"CRON-11": "fail"},
        CIS_CRON,
    ),
    AIX_BASE.changed(
        "aix-CRON-11-cis-no-access-files", [Absent("/var/adm/cron/cron.allow")], {"CRON-11": "fail", "CRON-12": "na"}, CIS_CRON
    ),
    AIX_BASE.changed("aix-AT-05-cis-root-only", [], {}, CIS_AT),
    AIX_BASE.changed(
        "aix-AT-05-cis-at-deny-present",
        [File("/var/adm/cron/at.deny", AIX_SYSTEM, 0o600, "root", "sys")],
        {"AT-05": "fail"},
        CIS_AT,
    ),
    # CIS 4.1.1.10/4.1.1.11 want group sys; the STIG's cron group no longer passes.
    AIX_BASE.changed(
        "aix-CRON-12-group-cron-when-sys-is-wanted",
        [
            File("/var/adm/cron/cron.allow", "root\n", 0o600, "root", "cron"),
            File("/var/adm/cron/at.allow", "root\n", 0o600, "root", "cron"),
        ],
        {"CRON-12": "fail", "AT-06": "fail"},
        '[cron]\naccess_groups = ["sys"]\nat_access_groups = ["sys"]\n',
    ),
]

DEBIAN_BASE = _host(DEBIAN_HARDENED, "debian-access-hardened", {})
#: Debian's at.deny names alias, backup, bin, daemon, nobody: not sys.
DEBIAN_INSTALLED = _host(DEBIAN_AS_INSTALLED, "debian-access-as-installed", {"CRON-11": "na", "CRON-12": "na", "AT-05": "fail"})

DEBIAN_OTHER = [
    DEBIAN_BASE.changed(
        "debian-CRON-11-deny-misses-a-low-uid-account",
        [Absent("/etc/cron.allow"), File("/etc/cron.deny", "daemon\nbin\nsys\n", 0o600, "root", "crontab")],
        {"CRON-11": "fail"},
    ),
    DEBIAN_BASE.changed(
        "debian-CRON-11-deny-lists-every-system-account",
        [Absent("/etc/cron.allow"), File("/etc/cron.deny", "daemon\nbin\nsys\nnobody\n", 0o600, "root", "crontab")],
        {},
    ),
    DEBIAN_BASE.changed(
        "debian-CRON-12-cron-allow-group-alice",
        [File("/etc/cron.allow", "root\n", 0o600, "root", "alice")],
        {"CRON-12": "fail"},
    ),
    DEBIAN_BASE.changed(
        "debian-CRON-13-alice-crontab-primary-group",
        [File("/var/spool/cron/crontabs/alice", "0 1 * * * /usr/bin/true\n", 0o600, "alice", "alice")],
        {},
    ),
    DEBIAN_BASE.changed(
        "debian-CRON-13-alice-crontab-group-users",
        [File("/var/spool/cron/crontabs/alice", "0 1 * * * /usr/bin/true\n", 0o600, "alice", "users")],
        {"CRON-13": "fail"},
    ),
    DEBIAN_BASE.changed(
        "debian-CRON-13-cron-d-file-group-users",
        [File("/etc/cron.d/e2scrub_all", "", 0o600, "root", "users")],
        {"CRON-13": "fail"},
    ),
    _acl(DEBIAN_BASE, "debian-CRON-15-acl-on-cron-allow", (("/etc/cron.allow", "u:1000:rw"),), {"CRON-15": "fail"}),
    _acl(DEBIAN_BASE, "debian-CRON-15-acl-on-cron-d", (("/etc/cron.d", "u:1000:rwx"),), {"CRON-15": "fail"}),
    replace(
        DEBIAN_BASE.changed(
            "debian-CRON-15-acl-on-dedicated-cron-log",
            [
                File("/etc/rsyslog.d/60-cron.conf", "cron.*  /var/log/cron.log\n"),
                File("/var/log/cron.log", "", 0o600, "root", "adm"),
            ],
            {"CRON-15": "fail"},
        ),
        acls=(("/var/log/cron.log", "u:1000:r"),),
    ),
    _acl(DEBIAN_BASE, "debian-AT-09-acl-on-atjobs", (("/var/spool/cron/atjobs", "u:1000:rwx"),), {"AT-09": "fail"}),
    DEBIAN_BASE.changed(
        "debian-cron-and-at-not-installed",
        [
            Absent("/usr/sbin/cron"),
            Absent("/usr/bin/crontab"),
            Absent("/usr/bin/at"),
            Absent("/etc/crontab"),
            Absent("/etc/cron.d"),
            Absent("/etc/cron.allow"),
            Absent("/etc/at.allow"),
            Absent("/var/spool/cron"),
        ],
        {c: "na" for c in IDS},
    ),
]

RHEL_BASE = _host(RHEL_HARDENED, "rhel-access-hardened", {})
#: cronie and at ship empty cron.deny and at.deny: they keep no system account out.
RHEL_INSTALLED = _host(RHEL_AS_INSTALLED, "rhel-access-as-installed", {"CRON-11": "fail", "AT-05": "fail"})

RHEL_OTHER = [
    RHEL_BASE.changed(
        "rhel-CRON-11-adm-in-cron-allow", [File("/etc/cron.allow", "root\nadm\nalice\n", 0o600)], {"CRON-11": "fail"}
    ),
    RHEL_BASE.changed("rhel-AT-05-daemon-in-at-allow", [File("/etc/at.allow", "root\ndaemon\n", 0o600)], {"AT-05": "fail"}),
    RHEL_BASE.changed(
        "rhel-AT-06-at-allow-group-alice", [File("/etc/at.allow", "root\n", 0o600, "root", "alice")], {"AT-06": "fail"}
    ),
    RHEL_BASE.changed(
        "rhel-CRON-13-alice-crontab-alice-alice",
        [File("/var/spool/cron/alice", "0 1 * * * /usr/bin/true\n", 0o600, "alice", "alice")],
        {},
    ),
    RHEL_BASE.changed(
        "rhel-CRON-13-alice-crontab-owned-by-bin",
        [File("/var/spool/cron/alice", "0 1 * * * /usr/bin/true\n", 0o600, "bin", "alice")],
        {"CRON-13": "fail"},
    ),
    _acl(RHEL_BASE, "rhel-CRON-15-acl-on-spool", (("/var/spool/cron", "u:1000:rwx"),), {"CRON-15": "fail"}),
    _acl(RHEL_BASE, "rhel-CRON-15-acl-on-cron-log", (("/var/log/cron", "u:1000:r"),), {"CRON-15": "fail"}),
    _acl(RHEL_BASE, "rhel-AT-09-acl-on-at-spool", (("/var/spool/at", "u:1000:rwx"),), {"AT-09": "fail"}),
]

SCENARIOS = [
    AIX_BASE,
    AIX_INSTALLED,
    *AIX_SINGLE_DEFECTS,
    *AIX_OTHER,
    DEBIAN_BASE,
    DEBIAN_INSTALLED,
    *DEBIAN_OTHER,
    RHEL_BASE,
    RHEL_INSTALLED,
    *RHEL_OTHER,
]
BASES = {"aix": AIX_BASE, "debian": DEBIAN_BASE, "rhel": RHEL_BASE}
SINGLE_DEFECTS = AIX_SINGLE_DEFECTS + DEBIAN_OTHER + RHEL_OTHER
