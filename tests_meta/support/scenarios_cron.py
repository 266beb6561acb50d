"""Scenario hosts for the cron and at controls: hardened, as installed, one defect each, N/A.

AIX values are those of a stock AIX 7 installation: crontabs
directory bin:cron 0770 as installed, /var/adm/cron holding the allow/deny files
and cron's own log. Debian and RHEL values are those distributions' packages.
"""

from __future__ import annotations

from tests_meta.support.scenario import CRON_FILES, Absent, Dir, File, Scenario

CRON_IDS = [f"CRON-{n:02d}" for n in range(1, 11)] + ["CRON-16"] + [f"AT-{n:02d}" for n in range(1, 5)]


def _all(outcome: str) -> dict[str, str]:
    return {c: outcome for c in CRON_IDS}


AIX_USERS = {
    "root": 0,
    "daemon": 1,
    "bin": 2,
    "sys": 3,
    "adm": 4,
    "uucp": 5,
    "guest": 100,
    "nuucp": 6,
    "lpd": 9,
    "invscout": 6001,
    "esaadmin": 10,
    "sshd": 207,
    "alice": 204,
}
AIX_GROUPS = {
    "system": 0,
    "staff": 1,
    "bin": 2,
    "sys": 3,
    "adm": 4,
    "uucp": 5,
    "mail": 6,
    "security": 7,
    "cron": 8,
    "printq": 9,
    "audit": 10,
    "shutdown": 21,
    "usr": 100,
}

AIX_ROOT_CRONTAB = """\
# @(#)08        1.15.1.3  src/bos/usr/sbin/cron/root, cmdcntl, bos720 2/11/94 17:19:47
#
#   COMPONENT_NAME: (CMDCNTL) commands needed for basic system needs
#
0 3 * * * /usr/sbin/skulker
#45 2 * * 0 /usr/lib/spell/compress
0 11 * * * /usr/bin/errclear -d S,O 30
0 12 * * * /usr/bin/errclear -d H 90
0 15 * * *  /usr/lib/ras/dumpcheck >/dev/null 2>&1
55 23 * * * /var/perf/pm/bin/pmcfg  >/dev/null 2>&1 #Enable PM Data Collection
30 2 * * 1 /usr/bin/ksh /opt/jobs/weekly.sh > /tmp/weekly.log 2>&1
"""

AIX_ADM_CRONTAB = """\
#=================================================================
#      SYSTEM ACTIVITY REPORTS
#=================================================================
#0 8-17 * * 1-5 /usr/lib/sa/sa1 1200 3 &
0 2 * * 1-5 /usr/sbin/acct/dodisk > /dev/null 2>&1
"""

_AIX_PROGRAMS = [
    File("/usr/sbin/skulker", "#!/bin/ksh\n", 0o555, "bin", "bin"),
    File("/usr/bin/errclear", "", 0o555, "root", "system"),
    File("/usr/lib/ras/dumpcheck", "#!/bin/ksh\n", 0o555, "bin", "bin"),
    File("/var/perf/pm/bin/pmcfg", "#!/bin/ksh\n", 0o755, "root", "system"),
    File("/usr/bin/ksh", "", 0o555, "bin", "bin"),
    File("/usr/sbin/acct/dodisk", "#!/bin/ksh\n", 0o555, "adm", "adm"),
    Dir("/opt/jobs", 0o755, "root", "system"),
    File("/opt/jobs/weekly.sh", "#!/bin/ksh\nexit 0\n", 0o700, "root", "system"),
    Dir("/tmp", 0o1777, "bin", "bin"),
    Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
]

AIX_HARDENED = Scenario(
    name="aix-hardened",
    platform="aix",
    users=AIX_USERS,
    groups=AIX_GROUPS,
    nodes=(
        *_AIX_PROGRAMS,
        Dir("/var/adm/cron", 0o755, "bin", "cron"),
        File("/var/adm/cron/cron.allow", "root\n", 0o600, "root", "sys"),
        File("/var/adm/cron/at.allow", "root\n", 0o600, "root", "sys"),
        File("/var/adm/cron/log", "", 0o600, "root", "cron"),
        Dir("/var/spool/cron/crontabs", 0o755, "bin", "cron"),
        File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB, 0o600, "root", "cron"),
        File("/var/spool/cron/crontabs/adm", AIX_ADM_CRONTAB, 0o600, "adm", "cron"),
        Dir("/var/spool/cron/atjobs", 0o755, "bin", "cron"),
    ),
    expect={**_all("pass"), "CRON-16": "na"},
)

#: AIX as installed: crontabs bin:cron 0770, crontab files 0644, an empty at.deny,
#: no cron.allow or cron.deny, and cron's log bin:cron 0660.
AIX_AS_INSTALLED = AIX_HARDENED.changed(
    "aix-as-installed",
    [
        Absent("/var/adm/cron/cron.allow"),
        Absent("/var/adm/cron/at.allow"),
        File("/var/adm/cron/at.deny", "", 0o644, "root", "sys"),
        File("/var/adm/cron/log", "", 0o660, "bin", "cron"),
        Dir("/var/spool/cron/crontabs", 0o770, "bin", "cron"),
        File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB, 0o644, "root", "cron"),
        File("/var/spool/cron/crontabs/adm", AIX_ADM_CRONTAB, 0o644, "adm", "cron"),
        Dir("/var/spool/cron/atjobs", 0o770, "bin", "cron"),
    ],
    {
        "CRON-01": "fail",
        "CRON-02": "na",
        "CRON-03": "na",
        "CRON-04": "fail",
        "CRON-06": "fail",
        "CRON-10": "fail",
        "AT-01": "fail",
        "AT-03": "fail",
        "AT-04": "fail",
    },
)

#: One defect each on the hardened AIX host: only that control moves to fail.
AIX_SINGLE_DEFECTS = [
    AIX_HARDENED.changed(
        "aix-CRON-01-empty-deny-only",
        [Absent("/var/adm/cron/cron.allow"), File("/var/adm/cron/cron.deny", "# nobody\n", 0o600, "root", "sys")],
        {"CRON-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-CRON-02-allow-owned-by-bin", [File("/var/adm/cron/cron.allow", "root\n", 0o600, "bin", "sys")], {"CRON-02": "fail"}
    ),
    # The group of cron.allow and cron.deny is CRON-12's (scenarios_cron_access.py): CRON-02 judges the owner only.
    AIX_HARDENED.changed(
        "aix-CRON-03-allow-0640", [File("/var/adm/cron/cron.allow", "root\n", 0o640, "root", "sys")], {"CRON-03": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-CRON-04-crontabs-0775", [Dir("/var/spool/cron/crontabs", 0o775, "bin", "cron")], {"CRON-04": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-CRON-05-crontabs-group-staff", [Dir("/var/spool/cron/crontabs", 0o755, "bin", "staff")], {"CRON-05": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-CRON-05-crontabs-owner-alice", [Dir("/var/spool/cron/crontabs", 0o755, "alice", "cron")], {"CRON-05": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-CRON-06-root-crontab-0640",
        [File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB, 0o640, "root", "cron")],
        {"CRON-06": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-CRON-07-group-writable-script",
        [File("/opt/jobs/weekly.sh", "#!/bin/ksh\n", 0o770, "root", "staff")],
        {"CRON-07": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-CRON-07-world-writable-command",
        [File("/usr/sbin/skulker", "#!/bin/ksh\n", 0o557, "bin", "bin")],
        {"CRON-07": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-CRON-08-script-dir-world-writable", [Dir("/opt/jobs", 0o777, "root", "system")], {"CRON-08": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-CRON-08-sticky-tmp-does-not-excuse",
        [
            File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB + "0 4 * * * /tmp/cleanup\n", 0o600, "root", "cron"),
            File("/tmp/cleanup", "#!/bin/ksh\n", 0o700, "root", "system"),
        ],
        {"CRON-08": "fail"},
    ),
    AIX_HARDENED.changed("aix-CRON-09-no-cron-log", [Absent("/var/adm/cron/log")], {"CRON-09": "fail", "CRON-10": "na"}),
    AIX_HARDENED.changed("aix-CRON-10-log-0644", [File("/var/adm/cron/log", "", 0o644, "root", "cron")], {"CRON-10": "fail"}),
    AIX_HARDENED.changed(
        "aix-CRON-10-log-owned-by-bin", [File("/var/adm/cron/log", "", 0o600, "bin", "cron")], {"CRON-10": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-AT-01-empty-at-deny-only",
        [Absent("/var/adm/cron/at.allow"), File("/var/adm/cron/at.deny", "\n", 0o600, "root", "sys")],
        {"AT-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-AT-02-at-allow-owned-by-alice", [File("/var/adm/cron/at.allow", "root\n", 0o600, "alice", "sys")], {"AT-02": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-AT-03-at-allow-0644", [File("/var/adm/cron/at.allow", "root\n", 0o644, "root", "sys")], {"AT-03": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-AT-04-atjobs-world-writable", [Dir("/var/spool/cron/atjobs", 0o1777, "bin", "cron")], {"AT-04": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-AT-04-atjobs-group-staff", [Dir("/var/spool/cron/atjobs", 0o755, "bin", "staff")], {"AT-04": "fail"}
    ),
]

#: Scenarios where controls must say N/A, or be not assessed, as the catalog says.
AIX_OTHER = [
    # The keys the presets set where the standards disagree (svcaudit/presets/*.toml).
    AIX_HARDENED.changed("aix-CRON-10-root-log-when-bin-is-wanted", [], {"CRON-10": "fail"}, '[cron]\nlog_owners = ["bin"]\n'),
    AIX_AS_INSTALLED.changed(
        "aix-as-installed-cron-log-as-cis-wants", [], {"CRON-10": "pass"}, '[cron]\nlog_owners = ["bin"]\nlog_mode = 0o660\n'
    ),
    AIX_HARDENED.changed(
        "aix-AT-04-group-cron-when-system-is-wanted", [], {"AT-04": "fail"}, '[cron]\nat_dir_groups = ["system"]\n'
    ),
    AIX_HARDENED.changed(
        "aix-no-crontab-files",
        [Absent("/var/spool/cron/crontabs/root"), Absent("/var/spool/cron/crontabs/adm")],
        {"CRON-06": "na", "CRON-07": "na", "CRON-08": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-no-access-files",
        [Absent("/var/adm/cron/cron.allow"), Absent("/var/adm/cron/at.allow")],
        {"CRON-01": "fail", "CRON-02": "na", "CRON-03": "na", "AT-01": "fail", "AT-02": "na", "AT-03": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-both-access-files-one-bad", [File("/var/adm/cron/cron.deny", "guest\n", 0o644, "root", "sys")], {"CRON-03": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-unresolvable-cron-command",
        [File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB + "0 5 * * * $HOME/bin/report\n", 0o600, "root", "cron")],
        {"CRON-07": "error", "CRON-08": "error"},
    ),
    AIX_HARDENED.changed(
        "aix-crontabs-dir-missing",
        [Absent("/var/spool/cron/crontabs")],
        {"CRON-04": "fail", "CRON-05": "fail", "CRON-06": "na", "CRON-07": "na", "CRON-08": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-profile-accepts-crontabs-0770",
        [Dir("/var/spool/cron/crontabs", 0o770, "bin", "cron")],
        {},
        profile="[cron]\ndir_mode = 0o770\n",
    ),
]

DEBIAN_USERS = {"root": 0, "daemon": 1, "bin": 2, "sys": 3, "nobody": 65534, "alice": 1000}
DEBIAN_GROUPS = {"root": 0, "daemon": 1, "bin": 2, "sys": 3, "adm": 4, "users": 100, "crontab": 101, "alice": 1000}

DEBIAN_CRONTAB = """\
# /etc/crontab: system-wide crontab
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# m h dom mon dow user	command
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6	* * 7	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6	1 * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
"""

E2SCRUB = """\
30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron
10 3 * * * root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r
"""

DEBIAN_RSYSLOG = """\
module(load="imuxsock")
module(load="imklog")
$FileOwner root
$FileGroup adm
$FileCreateMode 0640
$IncludeConfig /etc/rsyslog.d/*.conf
*.*;auth,authpriv.none		-/var/log/syslog
auth,authpriv.*			/var/log/auth.log
#cron.*				-/var/log/cron.log
kern.*				-/var/log/kern.log
mail.*				-/var/log/mail.log
*.emerg				:omusrmsg:*
"""

_DEBIAN_BASE = (
    File("/etc/debian_version", "12.8\n"),
    Dir("/usr/local/sbin"),
    Dir("/usr/local/bin"),
    Dir("/sbin"),
    Dir("/bin"),
    File("/usr/sbin/cron", "", 0o755),
    File("/usr/bin/crontab", "", 0o2755, "root", "crontab"),
    File("/usr/bin/at", "", 0o6755, "daemon", "daemon"),
    File("/usr/bin/run-parts", "", 0o755),
    File("/usr/sbin/anacron", "", 0o755),
    File("/usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron", "#!/bin/sh\n", 0o755),
    File("/sbin/e2scrub_all", "#!/bin/sh\n", 0o755),
    Dir("/etc/cron.hourly"),
    Dir("/etc/cron.weekly"),
    Dir("/etc/cron.monthly"),
    Dir("/etc/cron.daily"),
    File("/etc/cron.daily/logrotate", "#!/bin/sh\n", 0o755),
    File("/etc/cron.daily/dpkg", "#!/bin/sh\n", 0o755),
    Dir("/etc/cron.d"),
    File("/etc/cron.d/.placeholder", "", 0o644),
    File("/etc/rsyslog.conf", DEBIAN_RSYSLOG),
    Dir("/etc/rsyslog.d"),
    File("/var/log/syslog", "", 0o640, "root", "adm"),
)

DEBIAN_HARDENED = Scenario(
    name="debian-hardened",
    platform="linux",
    users=DEBIAN_USERS,
    groups=DEBIAN_GROUPS,
    root_group="root",
    nodes=(
        *_DEBIAN_BASE,
        File("/etc/crontab", DEBIAN_CRONTAB, 0o600),
        File("/etc/cron.d/e2scrub_all", E2SCRUB, 0o600),
        File("/etc/cron.allow", "root\n", 0o600, "root", "crontab"),
        File("/etc/at.allow", "root\n", 0o600, "root", "daemon"),
        Dir("/var/spool/cron/crontabs", 0o700, "root", "crontab"),
        File("/var/spool/cron/crontabs/alice", "0 1 * * * /usr/bin/run-parts /home/alice/jobs\n", 0o600, "alice", "crontab"),
        Dir("/var/spool/cron/atjobs", 0o700, "daemon", "daemon"),
    ),
    expect={**_all("pass"), "CRON-10": "na"},
)

#: Debian 12 as the cron and at packages install it.
DEBIAN_AS_INSTALLED = DEBIAN_HARDENED.changed(
    "debian-as-installed",
    [
        Absent("/etc/cron.allow"),
        Absent("/etc/at.allow"),
        File("/etc/at.deny", "alias\nbackup\nbin\ndaemon\nnobody\n", 0o640, "root", "daemon"),
        File("/etc/crontab", DEBIAN_CRONTAB, 0o644),
        File("/etc/cron.d/e2scrub_all", E2SCRUB, 0o644),
        Dir("/var/spool/cron/crontabs", 0o1730, "root", "crontab"),
        Dir("/var/spool/cron/atjobs", 0o1770, "daemon", "daemon"),
    ],
    {"CRON-01": "fail", "CRON-02": "na", "CRON-03": "na", "CRON-04": "fail", "CRON-06": "fail", "AT-03": "fail", "AT-04": "fail"},
)

DEBIAN_OTHER = [
    DEBIAN_HARDENED.changed(
        "debian-CRON-09-syslog-drops-cron",
        [File("/etc/rsyslog.conf", DEBIAN_RSYSLOG.replace("auth,authpriv.none", "auth,authpriv.none;cron.none"))],
        {"CRON-09": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-CRON-07-writable-run-parts-script",
        [File("/etc/cron.daily/dpkg", "#!/bin/sh\n", 0o775, "root", "alice")],
        {"CRON-07": "fail"},
    ),
    # Linux cron's own files and directories (CRON-16): writable by others = root's commands for the taking.
    DEBIAN_HARDENED.changed("debian-CRON-16-world-writable-cron-d", [Dir("/etc/cron.d", 0o777)], {"CRON-16": "fail"}),
    DEBIAN_HARDENED.changed(
        "debian-CRON-16-crontab-owned-by-a-user",
        [File("/etc/crontab", DEBIAN_CRONTAB, 0o600, "alice", "root")],
        {"CRON-16": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-CRON-16-group-writable-weekly-dir", [Dir("/etc/cron.weekly", 0o775, "root", "alice")], {"CRON-16": "fail"}
    ),
    DEBIAN_HARDENED.changed(
        "debian-CRON-16-writable-anacrontab", [File("/etc/anacrontab", "SHELL=/bin/sh\n", 0o666)], {"CRON-16": "fail"}
    ),
    DEBIAN_HARDENED.changed(
        "debian-CRON-10-dedicated-cron-log",
        [File("/etc/rsyslog.d/60-cron.conf", "cron.*  /var/log/cron.log\n"), File("/var/log/cron.log", "", 0o640, "root", "adm")],
        {"CRON-10": "fail"},
    ),
    DEBIAN_HARDENED.changed(
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
            Absent("/etc/cron.daily"),
            Absent("/etc/cron.hourly"),
            Absent("/etc/cron.weekly"),
            Absent("/etc/cron.monthly"),
        ],
        {**_all("na")},
    ),
]

RHEL_USERS = {"root": 0, "bin": 1, "daemon": 2, "adm": 3, "nobody": 65534, "alice": 1000}
RHEL_GROUPS = {"root": 0, "bin": 1, "daemon": 2, "sys": 3, "adm": 4, "users": 100, "alice": 1000}

RHEL_RSYSLOG = """\
module(load="imjournal"
       StateFile="imjournal.state")
global(workDirectory="/var/lib/rsyslog")
include(file="/etc/rsyslog.d/*.conf" mode="optional")
*.info;mail.none;authpriv.none;cron.none                /var/log/messages
authpriv.*                                              /var/log/secure
mail.*                                                  -/var/log/maillog
cron.*                                                  /var/log/cron
*.emerg                                                 :omusrmsg:*
uucp,news.crit                                          /var/log/spooler
local7.*                                                /var/log/boot.log
"""

RHEL_CRONTAB = """\
SHELL=/bin/bash
PATH=/sbin:/bin:/usr/sbin:/usr/bin
MAILTO=root
"""

_RHEL_BASE = (
    File("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n"),
    Dir("/sbin"),
    Dir("/bin"),
    Dir("/usr/sbin"),
    File("/usr/sbin/crond", "", 0o755),
    File("/usr/bin/crontab", "", 0o4755),
    File("/usr/bin/at", "", 0o4755),
    File("/usr/sbin/atd", "", 0o755),
    File("/usr/bin/run-parts", "#!/bin/bash\n", 0o755),
    Dir("/etc/cron.hourly"),
    File("/etc/cron.hourly/0anacron", "#!/bin/sh\n", 0o755),
    Dir("/etc/cron.daily"),
    Dir("/etc/cron.weekly"),
    Dir("/etc/cron.monthly"),
    Dir("/etc/cron.d"),
    File("/etc/rsyslog.conf", RHEL_RSYSLOG),
    Dir("/etc/rsyslog.d"),
    File("/var/log/cron", "", 0o600),
)

RHEL_HARDENED = Scenario(
    name="rhel-hardened",
    platform="linux",
    users=RHEL_USERS,
    groups=RHEL_GROUPS,
    root_group="root",
    nodes=(
        *_RHEL_BASE,
        File("/etc/crontab", RHEL_CRONTAB, 0o600),
        File(
            "/etc/cron.d/0hourly",
            "SHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\n01 * * * * root run-parts /etc/cron.hourly\n",
            0o600,
        ),
        File("/etc/cron.allow", "root\n", 0o600),
        File("/etc/at.allow", "root\n", 0o600),
        Dir("/var/spool/cron", 0o700),
        File("/var/spool/cron/root", "@reboot /usr/sbin/atd\n", 0o600),
        Dir("/var/spool/at", 0o700, "daemon", "daemon"),
    ),
    expect=_all("pass"),
)

#: RHEL 9 as cronie and at install it: empty cron.deny and at.deny, /etc/crontab 0644.
RHEL_AS_INSTALLED = RHEL_HARDENED.changed(
    "rhel-as-installed",
    [
        Absent("/etc/cron.allow"),
        Absent("/etc/at.allow"),
        File("/etc/cron.deny", "", 0o600),
        File("/etc/at.deny", "", 0o600),
        File("/etc/crontab", RHEL_CRONTAB, 0o644),
        File(
            "/etc/cron.d/0hourly",
            "SHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\n01 * * * * root run-parts /etc/cron.hourly\n",
            0o644,
        ),
    ],
    {"CRON-01": "fail", "CRON-06": "fail", "AT-01": "fail"},
)

#: SUSE's stock /etc/crontab line: cronie's '-' before the minute field keeps the job out of syslog.
SUSE_RUN_CRONS = "-*/15 * * * *   root  test -x /usr/lib/cron/run-crons && /usr/lib/cron/run-crons >/dev/null 2>&1\n"

RHEL_OTHER = [
    RHEL_HARDENED.changed("rhel-CRON-10-cron-log-0644", [File("/var/log/cron", "", 0o644)], {"CRON-10": "fail"}),
    RHEL_HARDENED.changed("rhel-CRON-04-spool-0770", [Dir("/var/spool/cron", 0o770)], {"CRON-04": "fail"}),
    # cronie dialect (issue 12, class 7): the '-' line is a job like any other.
    RHEL_HARDENED.changed(
        "rhel-cronie-no-syslog-prefix",
        [File("/etc/crontab", RHEL_CRONTAB + SUSE_RUN_CRONS, 0o600), File("/usr/lib/cron/run-crons", "#!/bin/sh\n", 0o755)],
        {},
    ),
    RHEL_HARDENED.changed(
        "rhel-CRON-07-cronie-no-syslog-prefix-world-writable",
        [File("/etc/crontab", RHEL_CRONTAB + SUSE_RUN_CRONS, 0o600), File("/usr/lib/cron/run-crons", "#!/bin/sh\n", 0o777)],
        {"CRON-07": "fail"},
    ),
    # Specials, CRON_TZ, RANDOM_DELAY and an empty quoted MAILTO in root's crontab: settings, not jobs.
    RHEL_HARDENED.changed(
        "rhel-CRON-07-special-with-cronie-settings",
        [
            File(
                "/var/spool/cron/root",
                'MAILTO=""\nCRON_TZ=UTC\nRANDOM_DELAY=10\n@reboot /usr/sbin/atd\n-@daily /opt/jobs/nightly.sh\n',
                0o600,
            ),
            File("/opt/jobs/nightly.sh", "#!/bin/sh\n", 0o775, "root", "alice"),
        ],
        {"CRON-07": "fail"},
    ),
    # Another user's '-' line: cronie refuses it, so it is reported and CRON-07/08 are not assessed.
    RHEL_HARDENED.changed(
        "rhel-cronie-prefix-refused-for-users",
        [File("/var/spool/cron/alice", "-0 3 * * * /usr/bin/true\n", 0o600, "alice", "alice")],
        {"CRON-07": "error", "CRON-08": "error"},
    ),
]

SCENARIOS = [
    AIX_HARDENED,
    AIX_AS_INSTALLED,
    *AIX_SINGLE_DEFECTS,
    *AIX_OTHER,
    DEBIAN_HARDENED,
    DEBIAN_AS_INSTALLED,
    *DEBIAN_OTHER,
    RHEL_HARDENED,
    RHEL_AS_INSTALLED,
    *RHEL_OTHER,
]
IDS = CRON_IDS
FOLDERS = CRON_FILES
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_HARDENED, "rhel": RHEL_HARDENED}
SINGLE_DEFECTS = AIX_SINGLE_DEFECTS + DEBIAN_OTHER + RHEL_OTHER
