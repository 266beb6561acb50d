"""Scenario hosts for SLES and openSUSE (issue 18): every family's Linux hosts rebuilt on SUSE's layout.

Each family's Linux hosts (RHEL's for the cron families, whose cronie SUSE shares; Debian's for FTP, SNMP
and mail, whose postfix and vsftpd sit where SUSE's do) are moved onto a SUSE tree by :func:`suse`:
/etc/os-release of SLES 15 SP6 (or openSUSE) instead of the release files, crontabs in
/var/spool/cron/tabs, at jobs in /var/spool/atjobs owned by the at account (at.spec), at's output spool
/var/spool/atspool beside it. The verdicts move with the hosts: a control means the same on SUSE, so a
SUSE host that differs from its source only in layout must be judged the same. What is SUSE's own
(the stock /etc/crontab's '-' line and run-crons, sysconfig/postfix winning over main.cf, syslog-ng, the
unknown-Linux note) has its own hosts below, as installed and hardened.

Each derived family is a module object (FAMILY_MODULES) registered in tests_meta/test_scenarios.py
beside the family it comes from, with that family's IDS and FOLDERS.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import ModuleType

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
    scenarios_tftp,
)
from tests_meta.support.scenario import Absent, Dir, File, Node, Scenario

#: /etc/os-release as SLES 15 SP6 and openSUSE Tumbleweed write it (ID, ID_LIKE as os-release(5) has them);
#: openSUSE Leap 15's has no ID_LIKE word the family needs beyond its ID.
SLES_OS_RELEASE = (
    'NAME="SLES"\nVERSION="15-SP6"\nVERSION_ID="15.6"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP6"\n'
    'ID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp6"\n'
)
SLES_SAP_OS_RELEASE = SLES_OS_RELEASE.replace('NAME="SLES"', 'NAME="SLES_SAP"').replace('ID="sles"', 'ID="sles_sap"')
OPENSUSE_OS_RELEASE = 'NAME="openSUSE Leap"\nVERSION="15.6"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\n'
OPENSUSE_NO_LIKE = 'NAME="openSUSE"\nID=opensuse\n'

#: SUSE's at account and group (at's system-user-at.conf: u at 25 "Batch jobs daemon" /var/spool/atjobs).
AT_ID = 25
_RELEASE_FILES = ("/etc/debian_version", "/etc/redhat-release", "/etc/system-release", "/etc/os-release")
#: (source prefix, SUSE prefix), first match wins.
_MOVES = (
    ("/var/spool/cron/crontabs", "/var/spool/cron/tabs"),
    ("/var/spool/cron/atjobs", "/var/spool/atjobs"),
    ("/var/spool/at", "/var/spool/atjobs"),
)
_AT_SPOOL = "/var/spool/atjobs"


def _moved(path: str, rhel: bool) -> str:
    for old, new in _MOVES:
        if path == old or path.startswith(old + "/"):
            return new + path[len(old) :]
    if rhel and re.fullmatch(r"/var/spool/cron/[^/]+", path):
        return "/var/spool/cron/tabs/" + path.rsplit("/", 1)[1]  # RHEL keeps user crontabs in the spool itself
    return path


def _node(node: Node, rhel: bool) -> Node:
    path = _moved(node.path, rhel)
    owner, group = node.owner, node.group
    if path == _AT_SPOOL or path.startswith(_AT_SPOOL + "/"):
        # at.spec: the spool and its files belong to the at account, where the source host gave them to daemon
        owner = "at" if owner == "daemon" else owner
        group = "at" if group == "daemon" else group
    return replace(node, path=path, owner=owner, group=group)


def _spool_parent(nodes: list[Node], rhel: bool, source: list[Node]) -> list[Node]:
    """RHEL's /var/spool/cron is the crontab directory itself: on SUSE that is tabs, under a root-only spool."""
    if not rhel:
        return nodes
    spool = next((n for n in source if n.path == "/var/spool/cron" and n.kind == "dir"), None)
    if spool is None:
        return nodes
    tabs = replace(spool, path="/var/spool/cron/tabs")
    parent = Dir("/var/spool/cron", 0o700)
    return [n for n in nodes if n.path not in ("/var/spool/cron", "/var/spool/cron/tabs")] + [parent, tabs]


def suse(source: Scenario, name: str, release: str = SLES_OS_RELEASE) -> Scenario:
    """The same host on SUSE's layout, with the same verdicts."""
    rhel = any(n.path == "/etc/redhat-release" for n in source.nodes)
    kept = [n for n in source.nodes if n.path not in _RELEASE_FILES]
    nodes = _spool_parent([_node(n, rhel) for n in kept], rhel, list(source.nodes))
    nodes.append(File("/etc/os-release", release))
    users, groups = dict(source.users), dict(source.groups)
    if any(n.path == _AT_SPOOL and n.kind == "dir" for n in nodes):
        # at installed: its account (a system account FTP-05 would want in ftpusers) and its output spool
        nodes.append(Dir("/var/spool/atspool", 0o700, "at", "at"))
        users["at"], groups["at"] = AT_ID, AT_ID
    acls = tuple((_moved(path, rhel), entry) for path, entry in source.acls)
    return replace(source, name=name, nodes=tuple(nodes), users=users, groups=groups, acls=acls)


def _renamed(scenario: Scenario) -> str:
    """debian-X, rhel-X -> suse-X; debiantftp-X -> susetftp-X (the first word names the host a defect changes)."""
    first, _, rest = scenario.name.partition("-")
    return re.sub(r"^(rhel|debian)", "suse", first) + "-" + rest


def _derived(module: ModuleType, bases: list[Scenario], defects: list[Scenario], extra: list[Scenario]) -> ModuleType:
    """A family of SUSE hosts with the source family's controls and folders.

    DERIVED_FROM names the source: its pass/fail/N/A coverage of each control is the source family's (these are
    the same hosts on another layout, judged the same), so tests_meta/test_platform_and_scenarios.py asks a derived
    family only that its verdicts are its source's and that SUSE's own hosts each move one control."""
    family = ModuleType(f"scenarios_suse-{module.__name__.rsplit('scenarios_', 1)[-1]}")
    family.IDS = module.IDS
    family.FOLDERS = module.FOLDERS
    family.DERIVED_FROM = module
    family.BASES = {}
    for base in bases:
        key = _renamed(base).split("-")[0]
        key += str(sum(k.startswith(key) for k in family.BASES)) if key in family.BASES else ""
        family.BASES[key] = suse(base, _renamed(base))
    family.SOURCES = {_renamed(s): s for s in [*bases, *defects]}
    family.SINGLE_DEFECTS = [suse(s, _renamed(s)) for s in defects] + extra
    family.SCENARIOS = [*family.BASES.values(), *family.SINGLE_DEFECTS]
    return family


# -- SUSE's own hosts (cron and at) ------------------------------------------------------------------

#: cronie.spec's sample.root, installed as /etc/crontab 0600 (tests_meta/realworld/suse holds the file).
SUSE_CRONTAB = (
    "SHELL=/bin/sh\nPATH=/usr/bin:/usr/sbin:/sbin:/bin:/usr/lib/news/bin\nMAILTO=root\n#\n"
    "# check scripts in cron.hourly, cron.daily, cron.weekly, and cron.monthly\n\n"
    "-*/15 * * * *   root  test -x /usr/lib/cron/run-crons && /usr/lib/cron/run-crons >/dev/null 2>&1\n"
)
SUSE_RSYSLOG = (
    "*.*;mail.none;news.none\t-/var/log/messages\nmail.*\t-/var/log/mail\nmail.info\t-/var/log/mail.info\n"
    "mail.warning\t-/var/log/mail.warn\nmail.err\t/var/log/mail.err\n"
)
_SUSE_CRON = scenarios_cron.RHEL_HARDENED.changed(
    "rhel-suse-base",
    [
        File("/etc/crontab", SUSE_CRONTAB, 0o600),
        Absent("/etc/cron.d/0hourly"),
        Absent("/usr/sbin/crond"),
        File("/usr/sbin/cron", "", 0o755),
        File("/usr/bin/crontab", "", 0o4750, "root", "trusted"),
        File("/usr/bin/at", "", 0o4750, "root", "trusted"),
        File("/usr/lib/cron/run-crons", "#!/bin/sh\n", 0o755),
        Dir("/var/spool/cron/lastrun", 0o755),
        File("/etc/sysconfig/cron", 'DAILY_TIME=""\nMAX_NOT_RUN="5"\n', 0o644),
        File("/etc/rsyslog.conf", SUSE_RSYSLOG),
        File("/var/log/messages", "", 0o640),
    ],
    {"CRON-10": "na"},  # SUSE's rsyslog.conf sends cron to /var/log/messages with the rest: no cron log of its own
)
SUSE_CRON_HARDENED = suse(replace(_SUSE_CRON, groups={**_SUSE_CRON.groups, "trusted": 42}), "suse-cron-hardened")
#: As cronie and at install it: /etc/crontab 0600, no cron.allow, at.allow or cron.deny; at.deny as at's patch
#: leaves it (root:at 0640, Debian's root:daemon 0640 with SUSE's daemon group); /var/spool/atjobs 1770 at:at.
SUSE_AT_DENY = "root\nbin\ndaemon\nlp\nmail\nnews\nuucp\ngames\nman\nwwwrun\nftp\nnobody\n"
SUSE_CRON_AS_INSTALLED = SUSE_CRON_HARDENED.changed(
    "suse-cron-as-installed",
    [
        Absent("/etc/cron.allow"),
        Absent("/etc/at.allow"),
        File("/etc/at.deny", SUSE_AT_DENY, 0o640, "root", "at"),
        Dir("/var/spool/atjobs", 0o1770, "at", "at"),
    ],
    {"CRON-01": "fail", "CRON-02": "na", "CRON-03": "na", "AT-03": "fail", "AT-04": "fail"},
)
_NO_ACCESS = {"CRON-02": "na", "CRON-03": "na"}
SUSE_CRON_OTHER = [
    # the stock '-' line's program, writable by its group: CRON-07 judges it (it used to be not assessed)
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-07-run-crons-group-writable",
        [File("/usr/lib/cron/run-crons", "#!/bin/sh\n", 0o775, "root", "alice")],
        {"CRON-07": "fail"},
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-08-run-crons-in-world-writable-dir",
        [Dir("/usr/lib/cron", 0o777), File("/usr/lib/cron/run-crons", "#!/bin/sh\n", 0o755)],
        {"CRON-08": "fail"},
    ),
    SUSE_CRON_HARDENED.changed("suse-CRON-04-tabs-0770", [Dir("/var/spool/cron/tabs", 0o770)], {"CRON-04": "fail"}),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-05-tabs-owned-by-alice", [Dir("/var/spool/cron/tabs", 0o700, "alice", "root")], {"CRON-05": "fail"}
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-06-root-crontab-0644",
        [File("/var/spool/cron/tabs/root", "@reboot /usr/sbin/atd\n", 0o644)],
        {"CRON-06": "fail"},
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-AT-04-atspool-world-writable", [Dir("/var/spool/atspool", 0o777, "at", "at")], {"AT-04": "fail"}
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-AT-04-atjobs-owned-by-alice", [Dir("/var/spool/atjobs", 0o700, "alice", "at")], {"AT-04": "fail"}
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-16-sysconfig-cron-world-writable", [File("/etc/sysconfig/cron", "", 0o666)], {"CRON-16": "fail"}
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-16-lastrun-group-writable", [Dir("/var/spool/cron/lastrun", 0o775, "root", "alice")], {"CRON-16": "fail"}
    ),
    # syslog-ng instead of rsyslog: SUSE's mail and cron filters (facility(cron) to its own file)
    SUSE_CRON_HARDENED.changed(
        "suse-syslog-ng-cron-log",
        [
            Absent("/etc/rsyslog.conf"),
            File(
                "/etc/syslog-ng/syslog-ng.conf",
                "@version: 4.3\nsource src { system(); internal(); };\nfilter f_cron { facility(cron); };\n"
                "filter f_messages { not facility(news, mail, cron); };\n"
                'destination cron { file("/var/log/cron" perm(0600)); };\n'
                'destination messages { file("/var/log/messages"); };\n'
                "log { source(src); filter(f_cron); destination(cron); };\n"
                "log { source(src); filter(f_messages); destination(messages); };\n",
            ),
            File("/var/log/cron", "", 0o644),
        ],
        {"CRON-10": "fail"},  # /var/log/cron 0644: the syslog-ng rule makes it cron's own log
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-09-syslog-ng-drops-cron",
        [
            Absent("/etc/rsyslog.conf"),
            File(
                "/etc/syslog-ng/syslog-ng.conf",
                "filter f_messages { not facility(news, mail, cron); };\n"
                'destination messages { file("/var/log/messages"); };\n'
                "log { source(src); filter(f_messages); destination(messages); };\n",
            ),
        ],
        {"CRON-09": "fail", "CRON-10": "na"},
    ),
    # an unknown Linux that has SUSE's spools is judged as SUSE (the summary says so: test_suse.py)
    SUSE_CRON_HARDENED.changed("suse-CRON-01-no-allow-no-deny", [Absent("/etc/cron.allow")], {"CRON-01": "fail", **_NO_ACCESS}),
    SUSE_CRON_HARDENED.changed(
        "suse-CRON-02-cron-allow-owned-by-alice", [File("/etc/cron.allow", "root\n", 0o600, "alice")], {"CRON-02": "fail"}
    ),
    SUSE_CRON_HARDENED.changed("suse-CRON-03-cron-allow-0644", [File("/etc/cron.allow", "root\n", 0o644)], {"CRON-03": "fail"}),
    SUSE_CRON_HARDENED.changed(
        "suse-AT-01-empty-at-deny", [Absent("/etc/at.allow"), File("/etc/at.deny", "", 0o600)], {"AT-01": "fail"}
    ),
    SUSE_CRON_HARDENED.changed(
        "suse-AT-02-at-allow-owned-by-alice", [File("/etc/at.allow", "root\n", 0o600, "alice")], {"AT-02": "fail"}
    ),
    SUSE_CRON_HARDENED.changed("suse-AT-03-at-allow-0644", [File("/etc/at.allow", "root\n", 0o644)], {"AT-03": "fail"}),
    SUSE_CRON_HARDENED.changed(
        "suse-cron-and-at-not-installed",
        [
            Absent(path)
            for path in (
                "/usr/sbin/cron",
                "/usr/bin/crontab",
                "/usr/bin/at",
                "/usr/sbin/atd",
                "/etc/crontab",
                "/etc/cron.d",
                "/etc/cron.allow",
                "/etc/at.allow",
                "/var/spool/cron",
                "/var/spool/atjobs",
                "/var/spool/atspool",
                "/etc/sysconfig/cron",
                "/etc/cron.hourly",
                "/etc/cron.daily",
                "/etc/cron.weekly",
                "/etc/cron.monthly",
            )
        ],
        {c: "na" for c in scenarios_cron.IDS},
    ),
    SUSE_CRON_HARDENED.changed("suse-unknown-id-judged-by-layout", [File("/etc/os-release", 'ID="mycorp"\n')], {}),
    SUSE_CRON_HARDENED.changed("suse-opensuse-without-id-like", [File("/etc/os-release", OPENSUSE_NO_LIKE)], {}),
]

SUSE_CRON = ModuleType("scenarios_suse-cron")
SUSE_CRON.IDS = scenarios_cron.IDS
SUSE_CRON.FOLDERS = scenarios_cron.FOLDERS
SUSE_CRON.BASES = {"suse": SUSE_CRON_HARDENED}
SUSE_CRON.SINGLE_DEFECTS = SUSE_CRON_OTHER
SUSE_CRON.SCENARIOS = [
    SUSE_CRON_HARDENED,
    SUSE_CRON_AS_INSTALLED,
    *[suse(s, _renamed(s)) for s in (scenarios_cron.RHEL_HARDENED, scenarios_cron.RHEL_AS_INSTALLED)],
    *[suse(s, _renamed(s)) for s in scenarios_cron.RHEL_OTHER],
    *SUSE_CRON_OTHER,
]

# -- SUSE's own mail hosts: config.postfix's sysconfig wins over main.cf; syslog-ng's mail filters ----------------

_SMTP = suse(scenarios_smtp_service.DEBIAN_POSTFIX, "suse-smtp-service-postfix")
SUSE_SMTP_OTHER = [
    _SMTP.changed(
        "suse-SMTP-06-sysconfig-postfix-enables-vrfy",
        [File("/etc/sysconfig/postfix", 'POSTFIX_ADD_DISABLE_VRFY_COMMAND="no"\n')],
        {"SMTP-06": "fail"},
    ),
    _SMTP.changed(
        "suse-SMTP-08-sysconfig-mail-listens-remote",
        [File("/etc/sysconfig/mail", 'MAIL_CREATE_CONFIG="yes"\nSMTPD_LISTEN_REMOTE="yes"\n')],
        {"SMTP-08": "fail"},
    ),
    # MAIL_CREATE_CONFIG="no": config.postfix leaves main.cf alone, so main.cf's loopback-only stands
    _SMTP.changed(
        "suse-sysconfig-ignored-without-create-config",
        [File("/etc/sysconfig/mail", 'MAIL_CREATE_CONFIG="no"\nSMTPD_LISTEN_REMOTE="yes"\n')],
        {},
    ),
    # a hand edit of main.cf that sysconfig already sets the safe way: the sysconfig value is what postfix will run
    _SMTP.changed(
        "suse-sysconfig-postfix-keeps-vrfy-off-over-main-cf",
        [
            File("/etc/postfix/main.cf", scenarios_mail.DEBIAN_MAIN_CF + "disable_vrfy_command = no\n"),
            File("/etc/sysconfig/postfix", "POSTFIX_ADD_DISABLE_VRFY_COMMAND='yes'\n"),
        ],
        {},
    ),
    _SMTP.changed(
        "suse-SMTP-06-sysconfig-value-not-evaluated",
        [File("/etc/sysconfig/postfix", 'POSTFIX_ADD_DISABLE_VRFY_COMMAND="$VRFY"\n')],
        {"SMTP-05": "error", "SMTP-06": "error", "SMTP-08": "error"},
    ),
]

_MAIL = suse(scenarios_mail.DEBIAN_POSTFIX, "suse-postfix-hardened")
SUSE_SYSLOG_NG = (
    "@version: 4.3\nsource src { system(); internal(); };\nfilter f_mail { facility(mail); };\n"
    "filter f_messages { not facility(news, mail); };\n"
    'destination mail { file("/var/log/mail" perm(0640)); };\ndestination messages { file("/var/log/messages"); };\n'
    "log { source(src); filter(f_mail); destination(mail); };\nlog { source(src); filter(f_messages); destination(messages); };\n"
)
SUSE_MAIL_OTHER = [
    _MAIL.changed(
        "suse-syslog-ng-mail-log",
        [
            Absent("/etc/rsyslog.conf"),
            Absent("/var/log/mail.log"),
            File("/etc/syslog-ng/syslog-ng.conf", SUSE_SYSLOG_NG),
            File("/var/log/mail", "", 0o640),
        ],
        {},
    ),
    _MAIL.changed(
        "suse-MAIL-03-syslog-ng-drops-mail",
        [
            Absent("/etc/rsyslog.conf"),
            File(
                "/etc/syslog-ng/syslog-ng.conf",
                SUSE_SYSLOG_NG.replace("log { source(src); filter(f_mail); destination(mail); };\n", ""),
            ),
        ],
        {"MAIL-03": "fail", "MAIL-04": "na", "MAIL-05": "na"},
    ),
    _MAIL.changed(
        "suse-SMTP-01-sysconfig-banner-names-version",
        [File("/etc/sysconfig/postfix", "POSTFIX_ADD_SMTPD_BANNER='$myhostname ESMTP $mail_name $mail_version'\n")],
        {"SMTP-01": "fail"},
    ),
]

_HARDENING = suse(scenarios_mail_hardening.DEBIAN_POSTFIX, "suse-postfix-hardened")
SUSE_HARDENING_OTHER = [
    _HARDENING.changed(
        "suse-MAIL-15-sysconfig-postfix-world-writable",
        [File("/etc/sysconfig/postfix", "POSTFIX_RELAYHOST=''\n", 0o666)],
        {"MAIL-15": "fail"},
    ),
    _HARDENING.changed(
        "suse-MAIL-10-syslog-ng-conf-group-writable",
        [File("/etc/syslog-ng/syslog-ng.conf", SUSE_SYSLOG_NG, 0o664)],
        {"MAIL-10": "fail"},
    ),
]

# -- SUSE's own FTP hosts: vsftpd's PAM file where Tumbleweed and SLES 16 put it, and the deny list it names -----

_FTP = suse(scenarios_ftp_snmp.DEBIAN_HARDENED, "suse-hardened")
_VENDOR_PAM = scenarios_ftp_snmp.DEBIAN_PAM_VSFTPD.replace("/etc/ftpusers", "/etc/vsftpd/ftpusers")
_FTPUSERS = scenarios_ftp_snmp.DEBIAN_FTPUSERS + "ftp\nDebian-snmp\n"
SUSE_FTP_OTHER = [
    # vsftpd.spec: PAM file in %{_pam_vendordir} (suse_version > 1500), deny list /etc/vsftpd/ftpusers 0600
    _FTP.changed(
        "suse-vendor-pam-and-vsftpd-ftpusers",
        [
            Absent("/etc/pam.d/vsftpd"),
            Absent("/etc/ftpusers"),
            File("/usr/lib/pam.d/vsftpd", _VENDOR_PAM),
            File("/etc/vsftpd/ftpusers", _FTPUSERS, 0o600),
        ],
        {},
    ),
    # /etc/pam.d wins over the vendor directory: its deny list is the one judged
    _FTP.changed(
        "suse-etc-pam-wins-over-vendor-pam",
        [File("/usr/lib/pam.d/vsftpd", _VENDOR_PAM.replace("/etc/vsftpd/ftpusers", "/etc/none"))],
        {},
    ),
    # a PAM file naming a deny list that is not there (onerr=succeed: nobody is denied)
    _FTP.changed(
        "suse-FTP-02-vendor-pam-names-a-missing-list",
        [Absent("/etc/pam.d/vsftpd"), File("/usr/lib/pam.d/vsftpd", _VENDOR_PAM.replace("/etc/vsftpd/", "/etc/vftpd/"))],
        {"FTP-02": "fail", "FTP-03": "na", "FTP-04": "na", "FTP-05": "na"},
    ),
]

FAMILY_MODULES: list[ModuleType] = [
    SUSE_CRON,
    _derived(
        scenarios_cron_access,
        [scenarios_cron_access.RHEL_BASE, scenarios_cron_access.RHEL_INSTALLED],
        scenarios_cron_access.RHEL_OTHER,
        [],
    ),
    _derived(scenarios_jobs, [scenarios_jobs._RHEL], [s for s in scenarios_jobs.RHEL if s is not scenarios_jobs._RHEL], []),
    _derived(
        scenarios_ftp_snmp,
        [scenarios_ftp_snmp.DEBIAN_HARDENED, scenarios_ftp_snmp.DEBIAN_AS_INSTALLED],
        scenarios_ftp_snmp.DEBIAN_OTHER[:6],
        SUSE_FTP_OTHER,
    ),
    _derived(scenarios_ftpd, [scenarios_ftpd.DEBIAN_HARDENED], scenarios_ftpd.DEBIAN_OTHER[:6], []),
    _derived(
        scenarios_tftp,
        [scenarios_tftp.DEBIAN_HARDENED, scenarios_tftp.DEBIAN_TFTPD_HPA_AUTHORISED],
        [s for s in scenarios_tftp.SINGLE_DEFECTS if s.name.startswith("debian")][:6],
        [],
    ),
    _derived(scenarios_snmp_agents, [scenarios_snmp_agents.DEBIAN_HARDENED], scenarios_snmp_agents.DEBIAN_CASES[:6], []),
    _derived(scenarios_mail, [scenarios_mail.DEBIAN_POSTFIX], scenarios_mail.DEBIAN_OTHER[:6], []),
    _derived(
        scenarios_mail_hardening, [scenarios_mail_hardening.DEBIAN_POSTFIX], scenarios_mail_hardening.DEBIAN_DEFECTS[:6], []
    ),
    _derived(
        scenarios_smtp_service, [scenarios_smtp_service.DEBIAN_POSTFIX], scenarios_smtp_service.DEBIAN_SINGLE_DEFECTS[:6], []
    ),
]
