"""Where each platform keeps the files the controls read: the only place that knows.

Controls never branch on the platform; they ask the host's `Paths` for a path,
an account group set or a parser switch.
"""

from __future__ import annotations

from dataclasses import dataclass

AIX_SYSGROUPS = frozenset({"system", "sys", "bin"})
LINUX_SYSGROUPS = frozenset({"root", "sys", "bin"})


@dataclass(frozen=True)
class Paths:
    name: str  # aix, debian, rhel
    family: str  # aix or linux
    sysgroups: frozenset[str]
    cron_sysgroups: frozenset[str]
    at_sysgroups: frozenset[str]
    cron_allow: str
    cron_deny: str
    at_allow: str
    at_deny: str
    crontab_dir: str
    at_dir: str
    #: cron's own log (AIX); None where cron logs through syslog.
    cron_log: str | None
    #: /etc/crontab and /etc/cron.d: crontabs with a user field.
    system_crontab: str | None
    cron_d: str | None
    run_parts_dirs: tuple[str, ...]
    #: any of these existing means cron (or at) is installed; empty = always installed.
    cron_binaries: tuple[str, ...]
    at_binaries: tuple[str, ...]
    syslog_confs: tuple[str, ...]
    syslog_dirs: tuple[str, ...]
    #: Linux cron takes NAME=value lines and @reboot; AIX cron does not.
    cron_extensions: bool
    cron_dir_groups_extra: frozenset[str]
    #: where the system-account threshold sits unless the profile says otherwise.
    system_uid_below: int


AIX = Paths(
    name="aix",
    family="aix",
    sysgroups=AIX_SYSGROUPS,
    cron_sysgroups=AIX_SYSGROUPS | {"cron"},
    at_sysgroups=AIX_SYSGROUPS | {"cron"},
    cron_allow="/var/adm/cron/cron.allow",
    cron_deny="/var/adm/cron/cron.deny",
    at_allow="/var/adm/cron/at.allow",
    at_deny="/var/adm/cron/at.deny",
    crontab_dir="/var/spool/cron/crontabs",
    at_dir="/var/spool/cron/atjobs",
    cron_log="/var/adm/cron/log",
    system_crontab=None,
    cron_d=None,
    run_parts_dirs=(),
    cron_binaries=(),
    at_binaries=(),
    syslog_confs=("/etc/syslog.conf",),
    syslog_dirs=(),
    cron_extensions=False,
    cron_dir_groups_extra=frozenset(),
    system_uid_below=100,
)

_LINUX_COMMON = dict(
    family="linux",
    sysgroups=LINUX_SYSGROUPS,
    cron_sysgroups=LINUX_SYSGROUPS | {"crontab"},
    at_sysgroups=LINUX_SYSGROUPS | {"daemon"},
    cron_allow="/etc/cron.allow",
    cron_deny="/etc/cron.deny",
    at_allow="/etc/at.allow",
    at_deny="/etc/at.deny",
    cron_log=None,
    system_crontab="/etc/crontab",
    cron_d="/etc/cron.d",
    run_parts_dirs=("/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly"),
    cron_binaries=("/usr/sbin/cron", "/usr/sbin/crond", "/usr/bin/crontab"),
    at_binaries=("/usr/bin/at", "/usr/sbin/atd"),
    syslog_confs=("/etc/rsyslog.conf", "/etc/syslog.conf"),
    syslog_dirs=("/etc/rsyslog.d",),
    cron_extensions=True,
    cron_dir_groups_extra=frozenset({"crontab", "root"}),
    system_uid_below=1000,
)

DEBIAN = Paths(name="debian", crontab_dir="/var/spool/cron/crontabs", at_dir="/var/spool/cron/atjobs", **_LINUX_COMMON)
RHEL = Paths(name="rhel", crontab_dir="/var/spool/cron", at_dir="/var/spool/at", **_LINUX_COMMON)

PLATFORMS: dict[str, Paths] = {p.name: p for p in (AIX, DEBIAN, RHEL)}

#: Files whose presence tells the platform apart, collected in the first batch.
AIX_MARKERS = ("/usr/lpp/bos", "/etc/objrepos")
DEBIAN_MARKERS = ("/etc/debian_version",)
RHEL_MARKERS = ("/etc/redhat-release", "/etc/system-release")
OS_RELEASE = "/etc/os-release"


def detect(choice: str, os_name: str | None, exists: set[str], os_release: str | None) -> Paths:
    """Pick the path catalog: the user's choice, else uname, else the tree's layout."""
    family = choice
    if family == "auto":
        if os_name:
            family = "aix" if os_name.strip().lower() == "aix" else "linux"
        else:
            family = "aix" if any(m in exists for m in AIX_MARKERS) else "linux"
    if family == "aix":
        return AIX
    if any(m in exists for m in RHEL_MARKERS) and not any(m in exists for m in DEBIAN_MARKERS):
        return RHEL
    if any(m in exists for m in DEBIAN_MARKERS):
        return DEBIAN
    like = _os_release_like(os_release or "")
    if like & {"rhel", "fedora", "centos", "suse"}:
        return RHEL
    return DEBIAN


def _os_release_like(text: str) -> set[str]:
    words: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("ID", "ID_LIKE"):
            words.update(value.strip().strip('"').lower().split())
    return words


def all_paths() -> tuple[Paths, ...]:
    return tuple(PLATFORMS.values())
