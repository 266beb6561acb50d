"""Scenario hosts for what scheduled jobs do: CRON-14 (cron jobs keep the umask), AT-07 (pending at jobs run
no writable programs) and AT-08 (at jobs keep the umask), on the hardened cron hosts of scenarios_cron.

The Debian at jobs are real files written by Debian 12's at 3.2.5 (tests_meta/realworld/debian12/generated/at);
the AIX job is reconstructed from the System V proto(4) layout (`: at job`, exported environment, the .proto
lines cd, ulimit, umask, then the user's commands); the RHEL one uses the here-document form
(`${SHELL:-/bin/sh} << 'marcinDELIMITER...'`) some builds of the same at write.
"""

from __future__ import annotations

from tests_meta.support.realworld import corpus_text
from tests_meta.support.scenario import Absent, Dir, File, Node, Scenario
from tests_meta.support.scenarios_cron import AIX_HARDENED, AIX_ROOT_CRONTAB, DEBIAN_HARDENED, RHEL_HARDENED

IDS = ["CRON-14", "AT-07", "AT-08"]
FOLDERS = ("tests_cron/test_jobs.py",)

_BASE_EXPECT = {"CRON-14": "pass", "AT-07": "na", "AT-08": "na"}

AIX_AT_JOB_DIR = "/var/spool/cron/atjobs"
AIX_JOB = f"{AIX_AT_JOB_DIR}/root.1767225600.a"


def aix_job(commands: str, umask: str = "77") -> str:
    """An AIX at job as at(1) builds it from /var/adm/cron/.proto (cd $d, ulimit $l, umask $m, $<)."""
    return (
        ": at job\n"
        "HOME=/; export HOME\n"
        "LOGNAME=root; export LOGNAME\n"
        "PATH=/usr/bin:/etc:/usr/sbin:/usr/ucb:/usr/bin/X11:/sbin; export PATH\n"
        "SHELL=/usr/bin/ksh; export SHELL\n"
        "cd /\n"
        "ulimit 2097151\n"
        f"umask {umask}\n"
        f"{commands}"
    )


_DEBIAN_JOBS = "debian12/generated/at/var/spool/cron/atjobs"
#: Real: `echo /usr/local/bin/x | at now + 1 hour` as root with umask 022 (at(1) wrote `umask 22`).
DEBIAN_JOB_UMASK_22 = corpus_text(f"{_DEBIAN_JOBS}/a0000201c8cdbb")
#: Real: submitted with umask 077 (`umask 77`); the user's own commands start with `umask 027`.
DEBIAN_JOB_USER_UMASK = corpus_text(f"{_DEBIAN_JOBS}/b0000301c8cdf7")
#: The first job as at(1) writes it for a submitter whose umask is 077.
DEBIAN_JOB_77 = DEBIAN_JOB_UMASK_22.replace("\numask 22\n", "\numask 77\n")

RHEL_JOB = (
    """\
#!/bin/sh
# atrun uid=0 gid=0
# mail root 0
umask 77
PATH=/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin; export PATH
HOME=/root; export HOME
cd /root || {
"""
    "\t echo 'Execution directory inaccessible' >&2\n"
    "\t exit 1\n"
    """\
}
${SHELL:-/bin/sh} << 'marcinDELIMITER2b3c4d5e'
/opt/jobs/nightly.sh
marcinDELIMITER2b3c4d5e
"""
)

_AIX_HARDENED = AIX_HARDENED.changed(
    "aix-jobs-hardened",
    [File(AIX_JOB, aix_job("/usr/sbin/acct/dodisk\n"), 0o600)],
    {
        **_BASE_EXPECT,
        "AT-07": "pass",
        "AT-08": "pass",
    },
)
_AIX_NO_JOBS = AIX_HARDENED.changed("aix-jobs-no-at-jobs", [], _BASE_EXPECT)


def _aix(name: str, nodes: list[Node], expect: dict[str, str]) -> Scenario:
    return _AIX_HARDENED.changed(f"aix-{name}", nodes, expect)


def _root_crontab(extra: str) -> File:
    return File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB + extra, 0o600, "root", "cron")


AIX = [
    _AIX_HARDENED,
    _AIX_NO_JOBS,
    _aix("CRON-14-umask-022-in-crontab", [_root_crontab("0 1 * * * umask 022; /usr/sbin/skulker\n")], {"CRON-14": "fail"}),
    _aix("CRON-14-umask-077-in-crontab", [_root_crontab("0 1 * * * umask 077; /usr/sbin/skulker\n")], {}),
    _aix(
        "CRON-14-umask-in-subshell",
        [_root_crontab("0 1 * * * (umask 0002 && /usr/sbin/skulker)\n")],
        {"CRON-14": "fail"},
    ),
    _aix(
        "CRON-14-umask-in-script",
        [File("/opt/jobs/weekly.sh", "#!/bin/ksh\numask 002\nexit 0\n", 0o700, "root", "system")],
        {"CRON-14": "fail"},
    ),
    _aix(
        "CRON-14-umask-077-in-script",
        [File("/opt/jobs/weekly.sh", "#!/bin/ksh\numask 077\nexit 0\n", 0o700, "root", "system")],
        {},
    ),
    _aix(
        "CRON-14-symbolic-umask-in-function",
        [File("/opt/jobs/weekly.sh", "#!/bin/ksh\nsetup() { umask -S u=rwx,g=rx,o=; }\nsetup\n", 0o700, "root", "system")],
        {"CRON-14": "fail"},
    ),
    _aix(
        "CRON-14-symbolic-077",
        [File("/opt/jobs/weekly.sh", "#!/bin/ksh\numask u=rwx,g=,o=\n", 0o700, "root", "system")],
        {},
    ),
    _aix(
        "CRON-14-umask-from-variable",
        [File("/opt/jobs/weekly.sh", '#!/bin/ksh\nMASK=022\numask "$MASK"\n', 0o700, "root", "system")],
        {"CRON-14": "error"},
    ),
    # errclear is a binary: a NUL byte says so, and the bytes "umask 000" in it are not a command.
    _aix("CRON-14-binary-is-not-a-script", [File("/usr/bin/errclear", "\x7fELF\x00umask 000\n", 0o555, "root", "system")], {}),
    _aix(
        "CRON-14-perl-script-mentions-umask",
        [File("/usr/sbin/skulker", "#!/usr/bin/perl\numask(0);\n", 0o555, "bin", "bin")],
        {"CRON-14": "error"},
    ),
    _aix(
        "AT-07-group-writable-program",
        [File("/usr/sbin/acct/dodisk", "#!/bin/ksh\n", 0o575, "adm", "adm")],
        {"AT-07": "fail"},
    ),
    _aix(
        "AT-07-program-under-tmp",
        [
            File(AIX_JOB, aix_job("/tmp/cleanup -f\n"), 0o600),
            File("/tmp/cleanup", "#!/bin/ksh\n", 0o700, "root", "system"),
        ],
        {"AT-07": "fail"},
    ),
    _aix(
        "AT-07-bare-name-in-job-path",
        [File(AIX_JOB, aix_job("errclear -d S,O 30\n"), 0o600)],
        {},
    ),
    _aix(
        "AT-07-unresolvable-command", [File(AIX_JOB, aix_job("$HOME/bin/report\n"), 0o600)], {"AT-07": "error", "AT-08": "error"}
    ),
    _aix("AT-08-recorded-umask-022", [File(AIX_JOB, aix_job("/usr/sbin/acct/dodisk\n", "22"), 0o600)], {"AT-08": "fail"}),
    _aix(
        "AT-08-umask-in-job-commands",
        [File(AIX_JOB, aix_job("umask 000\n/usr/sbin/acct/dodisk\n"), 0o600)],
        {"AT-08": "fail"},
    ),
    _aix(
        "AT-08-umask-in-script-the-job-runs",
        [
            File(AIX_JOB, aix_job("/opt/jobs/weekly.sh\n"), 0o600),
            File("/opt/jobs/weekly.sh", "#!/bin/ksh\numask 022\n", 0o700, "root", "system"),
        ],
        {"AT-08": "fail", "CRON-14": "fail"},
    ),
]

_DEBIAN = DEBIAN_HARDENED.changed(
    "debian-jobs-hardened",
    [
        File("/var/spool/cron/atjobs/a0000201c8cdbb", DEBIAN_JOB_77, 0o700, "root", "daemon"),
        File("/usr/local/bin/x", "#!/bin/sh\n", 0o755),
    ],
    {**_BASE_EXPECT, "AT-07": "pass", "AT-08": "pass"},
)

DEBIAN = [
    _DEBIAN,
    _DEBIAN.changed(
        "debian-CRON-14-run-parts-script-umask",
        [File("/etc/cron.daily/dpkg", "#!/bin/sh\numask 022\n", 0o755)],
        {"CRON-14": "fail"},
    ),
    # run-parts skips a directory; so does CRON-14 (it holds no script to read).
    _DEBIAN.changed("debian-CRON-14-directory-in-run-parts", [Dir("/etc/cron.daily/archive", 0o755)], {}),
    _DEBIAN.changed(
        "debian-AT-08-real-job-umask-22",
        [File("/var/spool/cron/atjobs/a0000201c8cdbb", DEBIAN_JOB_UMASK_22, 0o700, "root", "daemon")],
        {"AT-08": "fail"},
    ),
    _DEBIAN.changed(
        "debian-AT-08-real-job-user-umask-027",
        [
            Absent("/var/spool/cron/atjobs/a0000201c8cdbb"),
            File("/var/spool/cron/atjobs/b0000301c8cdf7", DEBIAN_JOB_USER_UMASK, 0o700, "root", "daemon"),
            File("/usr/bin/tar", "", 0o755),
            File("/usr/local/sbin/rotate-logs", "#!/bin/sh\n", 0o755),
        ],
        {"AT-08": "fail"},
    ),
    _DEBIAN.changed(
        "debian-AT-07-world-writable-program",
        [File("/usr/local/bin/x", "#!/bin/sh\n", 0o757)],
        {"AT-07": "fail"},
    ),
    _DEBIAN.changed(
        "debian-AT-07-program-not-in-path",
        [
            File(
                "/var/spool/cron/atjobs/a0000201c8cdbb",
                DEBIAN_JOB_77.replace("/usr/local/bin/x\n", "backup-now\n"),
                0o700,
                "root",
                "daemon",
            )
        ],
        {"AT-07": "error", "AT-08": "error"},
    ),
    _DEBIAN.changed(
        "debian-jobs-cron-and-at-not-installed",
        [
            Absent("/usr/sbin/cron"),
            Absent("/usr/bin/crontab"),
            Absent("/usr/bin/at"),
            Absent("/etc/crontab"),
            Absent("/etc/cron.d"),
            Absent("/var/spool/cron"),
            Absent("/etc/cron.daily"),
            Absent("/etc/cron.hourly"),
            Absent("/etc/cron.weekly"),
            Absent("/etc/cron.monthly"),
        ],
        {"CRON-14": "na", "AT-07": "na", "AT-08": "na"},
    ),
]

_RHEL = RHEL_HARDENED.changed(
    "rhel-jobs-hardened",
    [
        File("/var/spool/at/a00001019e5c1a", RHEL_JOB, 0o700),
        Dir("/opt/jobs", 0o755),
        File("/opt/jobs/nightly.sh", "#!/bin/sh\numask 077\n", 0o700),
    ],
    {**_BASE_EXPECT, "AT-07": "pass", "AT-08": "pass"},
)

RHEL = [
    _RHEL,
    RHEL_HARDENED.changed("rhel-jobs-no-at-jobs", [], _BASE_EXPECT),
    _RHEL.changed(
        "rhel-CRON-14-run-parts-umask-0",
        [File("/etc/cron.hourly/0anacron", "#!/bin/sh\numask 0\n", 0o755)],
        {"CRON-14": "fail"},
    ),
    _RHEL.changed(
        "rhel-AT-07-world-writable-job-directory",
        [Dir("/opt/jobs", 0o777)],
        {"AT-07": "fail"},
    ),
    _RHEL.changed(
        "rhel-AT-08-umask-in-heredoc-script",
        [File("/opt/jobs/nightly.sh", "#!/bin/bash\numask 0022\n", 0o700)],
        {"AT-08": "fail"},
    ),
]

SCENARIOS = [*AIX, *DEBIAN, *RHEL]
BASES = {"aix": _AIX_HARDENED, "debian": _DEBIAN, "rhel": _RHEL}
SINGLE_DEFECTS = [s for s in SCENARIOS if s not in BASES.values()]
