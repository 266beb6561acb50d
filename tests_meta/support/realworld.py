"""Real-world corpus hosts: whole hosts assembled from configuration files taken from real sources.

Every configuration file is read from tests_meta/realworld/ (byte for byte as its source has it,
see PROVENANCE.md there); this module only says where each file lands on the host, with the owner
and mode the package or its maintainer scripts give it. Program binaries are empty stand-ins with
the package's owner and mode: the suite only asks whether they exist and who may write them.

Each host (HOSTS) states the verdict of every control in the catalog with a one-line reason
(EXPECT). A verdict the suite gets wrong today stays what is right and is listed in DEFECTS, which
tests_meta/test_realworld.py marks xfail(strict=True) with the defect named.
"""

from __future__ import annotations

from pathlib import Path

from tests_meta.support.scenario import Dir, File, Link, Node, Scenario

CORPUS = Path(__file__).resolve().parents[1] / "realworld"
FOLDERS = ("tests_ftp", "tests_snmp", "tests_mail", "tests_cron")


def corpus_text(relative: str) -> str:
    """A corpus file's bytes as the scenario tree writes them back (utf-8, surrogateescape: byte for byte)."""
    return (CORPUS / relative).read_bytes().decode("utf-8", "surrogateescape")


def deb(package: str, path: str, at: str | None = None, mode: int = 0o644, owner: str = "root", group: str | None = None) -> Node:
    """A file of a Debian 12 package, installed at `at` (default: its own path)."""
    return File(at or "/" + path, corpus_text(f"debian12/{package}/{path}"), mode, owner, group)


def stand_in(path: str, mode: int = 0o755, owner: str = "root", group: str | None = None) -> Node:
    """A program binary: only its existence, owner and mode matter to the suite."""
    return File(path, "", mode, owner, group)


# ---------------------------------------------------------------- Debian 12 accounts

#: Accounts the packages' maintainer scripts create with `adduser --system` / `addgroup --system`
#: (ids are the first free ones in Debian's 100-999 system range; the numbers are ours).
_DEBIAN_SYSTEM_USERS = {
    # user: (uid, primary group, home, shell)
    "ftp": (101, "ftp", "/srv/ftp", "/usr/sbin/nologin"),
    "Debian-snmp": (102, "Debian-snmp", "/var/lib/snmp", "/bin/false"),
    "smmta": (103, "smmta", "/var/lib/sendmail", "/usr/sbin/nologin"),
    "smmsp": (104, "smmsp", "/var/lib/sendmail", "/usr/sbin/nologin"),
    "postfix": (105, "postfix", "/var/spool/postfix", "/usr/sbin/nologin"),
    "proftpd": (106, "nogroup", "/run/proftpd", "/usr/sbin/nologin"),
}
_DEBIAN_SYSTEM_GROUPS = {
    "crontab": 101,
    "ftp": 103,
    "Debian-snmp": 104,
    "smmta": 105,
    "smmsp": 106,
    "postfix": 107,
    "postdrop": 108,
}
#: Which package created which account (cron's crontab group is on every host).
_ACCOUNTS_OF = {
    "vsftpd": ["ftp"],
    "proftpd": ["ftp", "proftpd"],
    "pure-ftpd": [],
    "snmpd": ["Debian-snmp"],
    "sendmail": ["smmta", "smmsp"],
    "postfix": ["postfix", "postdrop"],
}


def _master(name: str) -> list[str]:
    return corpus_text(f"debian12/base-passwd/usr/share/base-passwd/{name}.master").splitlines(keepends=True)


def _debian_accounts(packages: list[str]) -> tuple[dict[str, int], dict[str, int], Node, Node]:
    """/etc/passwd and /etc/group: base-passwd's masters plus the accounts the host's packages add."""
    names = {n for p in packages for n in _ACCOUNTS_OF.get(p, [])}
    groups = {line.split(":")[0]: int(line.split(":")[2]) for line in _master("group")}
    users = {line.split(":")[0]: int(line.split(":")[2]) for line in _master("passwd")}
    group_lines = _master("group")
    passwd_lines = _master("passwd")
    for group, gid in _DEBIAN_SYSTEM_GROUPS.items():
        if group == "crontab" or group in names:
            groups[group] = gid
            group_lines.append(f"{group}:x:{gid}:\n")
    for user, (uid, primary, home, shell) in _DEBIAN_SYSTEM_USERS.items():
        if user in names:
            users[user] = uid
            passwd_lines.append(f"{user}:x:{uid}:{groups[primary]}::{home}:{shell}\n")
    return (
        users,
        groups,
        File("/etc/passwd", "".join(passwd_lines), 0o644),
        File("/etc/group", "".join(group_lines), 0o644),
    )


_WANTS = "/etc/systemd/system/multi-user.target.wants"


def _enabled_unit(unit: str) -> Node:
    """deb-systemd-helper enable (postinst): the unit linked under multi-user.target.wants."""
    return Link(f"{_WANTS}/{unit}", f"/lib/systemd/system/{unit}")


def _unit(package: str, unit: str) -> Node:
    """The package's native systemd unit file (a native unit makes systemd ignore the SysV script of that name)."""
    return deb(package, f"lib/systemd/system/{unit}")


def _sysv(script: str) -> list[Node]:
    """The init script and update-rc.d NAME defaults (postinst) under insserv: S01 links in rc2-5, K01 in rc0, rc1, rc6."""
    return [stand_in(f"/etc/init.d/{script}")] + [
        Link(f"/etc/rc{level}.d/{'S' if level in '2345' else 'K'}01{script}", f"../init.d/{script}") for level in "0123456"
    ]


#: Every Debian 12 host: base-files, cron, at and rsyslog as installed.
_DEBIAN_BASE: list[Node] = [
    deb("base-files", "etc/debian_version"),
    # cron-daemon-common: files and directories as the package ships them
    deb("cron-daemon-common", "etc/crontab"),
    *[
        n
        for d in ("cron.d", "cron.hourly", "cron.daily", "cron.weekly", "cron.monthly", "cron.yearly")
        for n in (Dir(f"/etc/{d}", 0o755), deb("cron-daemon-common", f"etc/{d}/.placeholder"))
    ],
    # cron-daemon-common postinst: chown root:crontab, chmod 1730 the crontabs directory
    Dir("/var/spool/cron", 0o755),
    Dir("/var/spool/cron/crontabs", 0o1730, "root", "crontab"),
    stand_in("/usr/sbin/cron"),
    # cron postinst: dpkg-statoverride --add root crontab 2755 /usr/bin/crontab
    stand_in("/usr/bin/crontab", 0o2755, "root", "crontab"),
    _unit("cron", "cron.service"),
    _enabled_unit("cron.service"),
    *_sysv("cron"),
    # at: at.deny root:daemon 0640, the spool daemon:daemon 1770 and at setuid daemon, as shipped
    deb("at", "etc/at.deny", mode=0o640, group="daemon"),
    Dir("/var/spool/cron/atjobs", 0o1770, "daemon", "daemon"),
    Dir("/var/spool/cron/atspool", 0o1770, "daemon", "daemon"),
    stand_in("/usr/bin/at", 0o6755, "daemon", "daemon"),
    stand_in("/usr/sbin/atd"),
    _unit("at", "atd.service"),
    _enabled_unit("atd.service"),
    *_sysv("atd"),
    # rsyslog
    deb("rsyslog", "etc/rsyslog.conf"),
    Dir("/etc/rsyslog.d", 0o755),
    Dir("/var/log", 0o755),
    # run-parts and test, which /etc/crontab runs (debianutils, coreutils)
    stand_in("/usr/bin/run-parts"),
    stand_in("/usr/bin/test"),
]


def _debian_host(name: str, packages: list[str], nodes: list[Node], removed: frozenset[str] | set[str] = frozenset()) -> Scenario:
    """A Debian 12 host: the base, then the packages' nodes; a later node replaces an earlier one at its path."""
    users, groups, passwd, group = _debian_accounts(packages)
    by_path = {n.path: n for n in (passwd, group, *_DEBIAN_BASE, *nodes) if n.path not in removed}
    return Scenario(
        name=name,
        platform="linux",
        users=users,
        groups=groups,
        nodes=tuple(by_path.values()),
        expect={},
        root_group="root",
    )


# ---------------------------------------------------------------- Debian 12 hosts

DEBIAN_SENDMAIL_NODES: list[Node] = [
    # /etc/mail smmta:smmsp 2755 and sendmail.cf root:smmsp 0644: as sendmail's configuration scripts left
    # them on a Debian 12 install (stat of the install the file was taken from)
    Dir("/etc/mail", 0o2755, "smmta", "smmsp"),
    File("/etc/mail/sendmail.cf", corpus_text("debian12/generated/sendmail/etc/mail/sendmail.cf"), 0o644, "root", "smmsp"),
    File("/etc/mail/sendmail.mc", corpus_text("debian12/generated/sendmail/etc/mail/sendmail.mc"), 0o644, "root", "smmsp"),
    deb("sendmail-bin", "etc/mail/helpfile"),
    deb("sendmail-bin", "etc/cron.daily/sendmail", mode=0o755),
    # sendmail-base update_sys: no example aliases found, so `touch /etc/aliases`, root:root 0644
    File("/etc/aliases", "", 0o644),
    Link("/etc/mail/aliases", "../aliases"),
    stand_in("/usr/sbin/sendmail-mta", 0o2755, "root", "smmsp"),
    *_sysv("sendmail"),
]

DEBIAN_POSTFIX_NODES: list[Node] = [
    Dir("/etc/postfix", 0o755),
    # postinst: cp /usr/share/postfix/main.cf.debian main.cf; cp master.cf.dist master.cf
    deb("postfix", "usr/share/postfix/main.cf.debian", "/etc/postfix/main.cf"),
    deb("postfix", "usr/share/postfix/master.cf.dist", "/etc/postfix/master.cf"),
    deb("postfix", "etc/rsyslog.d/postfix.conf"),
    # postinst: no /etc/aliases, so it writes its two-line one (umask 022: root:root 0644)
    File("/etc/aliases", corpus_text("debian12/generated/postfix/etc/aliases"), 0o644),
    stand_in("/usr/sbin/postfix"),
    _unit("postfix", "postfix.service"),
    _enabled_unit("postfix.service"),
    *_sysv("postfix"),
]

DEBIAN_VSFTPD_NODES: list[Node] = [
    deb("vsftpd", "etc/vsftpd.conf"),
    deb("vsftpd", "etc/ftpusers"),
    deb("vsftpd", "etc/pam.d/vsftpd"),
    stand_in("/usr/sbin/vsftpd"),
    _unit("vsftpd", "vsftpd.service"),
    _enabled_unit("vsftpd.service"),
    *_sysv("vsftpd"),
    # postinst: mkdir -p /srv/ftp; chown root:ftp
    Dir("/srv/ftp", 0o755, "root", "ftp"),
]

DEBIAN_SNMPD_NODES: list[Node] = [
    Dir("/etc/snmp", 0o755),
    deb("snmpd", "etc/snmp/snmpd.conf", mode=0o640),
    Dir("/etc/snmp/snmpd.conf.d", 0o755),
    deb("libsnmp-base", "etc/snmp/snmp.conf"),
    deb("snmpd", "etc/default/snmpd"),
    deb("libsnmp-base", "usr/share/snmp/mibs/NET-SNMP-MIB.txt"),
    deb("libsnmp-base", "usr/share/snmp/mibs/UCD-DEMO-MIB.txt"),
    stand_in("/usr/sbin/snmpd"),
    _unit("snmpd", "snmpd.service"),
    _enabled_unit("snmpd.service"),
    *_sysv("snmpd"),
    # postinst: chown Debian-snmp:Debian-snmp /var/lib/snmp (the package ships it root 0755)
    Dir("/var/lib/snmp", 0o755, "Debian-snmp", "Debian-snmp"),
]

DEBIAN_PROFTPD_NODES: list[Node] = [
    Dir("/etc/proftpd", 0o755),
    Dir("/etc/proftpd/conf.d", 0o755),
    # postinst: cp the templates to NAME.conf.proftpd-new, then do_update moves each into place
    *[
        deb("proftpd-core", f"usr/share/proftpd/templates/{n}.conf", f"/etc/proftpd/{n}.conf")
        for n in ("proftpd", "modules", "tls", "virtuals")
    ],
    deb("proftpd-core", "etc/ftpusers"),
    deb("proftpd-core", "etc/pam.d/proftpd"),
    deb("proftpd-core", "etc/default/proftpd"),
    stand_in("/usr/sbin/proftpd"),
    _unit("proftpd-core", "proftpd.service"),
    _enabled_unit("proftpd.service"),
    *_sysv("proftpd"),
]

#: The option files pure-ftpd-common ships in /etc/pure-ftpd/conf.
DEBIAN_PURE_FTPD_OPTIONS = (
    "AltLog",
    "FSCharset",
    "MinUID",
    "NoAnonymous",
    "PAMAuthentication",
    "PureDB",
    "TLSCipherSuite",
    "UnixAuthentication",
)

DEBIAN_PURE_FTPD_NODES: list[Node] = [
    Dir("/etc/pure-ftpd", 0o755),
    Dir("/etc/pure-ftpd/conf", 0o755),
    *[deb("pure-ftpd-common", f"etc/pure-ftpd/conf/{n}") for n in DEBIAN_PURE_FTPD_OPTIONS],
    deb("pure-ftpd-common", "etc/pam.d/pure-ftpd"),
    deb("pure-ftpd", "etc/ftpusers"),
    stand_in("/usr/sbin/pure-ftpd"),
    stand_in("/usr/sbin/pure-ftpd-wrapper"),
    # no systemd unit in the package: the init script, enabled by update-rc.d
    *_sysv("pure-ftpd"),
]

DEBIAN_SENDMAIL = _debian_host("debian12-sendmail-stock", ["sendmail"], DEBIAN_SENDMAIL_NODES)
DEBIAN_POSTFIX = _debian_host("debian12-postfix-stock", ["postfix"], DEBIAN_POSTFIX_NODES)
DEBIAN_VSFTPD = _debian_host("debian12-vsftpd-stock", ["vsftpd"], DEBIAN_VSFTPD_NODES)
DEBIAN_SNMPD = _debian_host("debian12-snmpd-stock", ["snmpd"], DEBIAN_SNMPD_NODES)
DEBIAN_PROFTPD = _debian_host("debian12-proftpd-stock", ["proftpd"], DEBIAN_PROFTPD_NODES)
DEBIAN_PURE_FTPD_SNMPD = _debian_host(
    "debian12-pure-ftpd-and-snmpd", ["pure-ftpd", "snmpd"], DEBIAN_PURE_FTPD_NODES + DEBIAN_SNMPD_NODES
)


# ---------------------------------------------------------------- Debian 12 hardened by a public role

#: What ansible-lockdown/DEBIAN12-CIS (MIT) does to cron, at and postfix: its tasks, kept in the corpus, say
#: it (section 2.4.1.x, 2.4.2.x, 2.1.21); owners and modes are the tasks' own (symbolic modes applied to the
#: stock ones: /etc/crontab u-x,go-rwx 0644 -> 0600; the run-parts dirs and cron.d u+x,go-rwx -> 0700; cron.allow
#: and at.allow touched (0644) then u-x,g-wx,o-rwx -> 0640; cron.deny and at.deny removed).
_LOCKDOWN_TASKS = ("cis_2.4.1.x.yml", "cis_2.4.2.x.yml", "cis_2.1.x.yml")


def _lockdown_postfix_main_cf() -> str:
    """2.1.21: lineinfile regexp ^(#)?inet_interfaces, line inet_interfaces = loopback-only (appended: no line matches)."""
    text = corpus_text("debian12/postfix/usr/share/postfix/main.cf.debian")
    assert not any(line.startswith(("inet_interfaces", "#inet_interfaces")) for line in text.splitlines())
    return text + "inet_interfaces = loopback-only\n"


DEBIAN_LOCKDOWN_NODES: list[Node] = [
    *DEBIAN_POSTFIX_NODES,
    File("/etc/postfix/main.cf", _lockdown_postfix_main_cf(), 0o644),
    deb("cron-daemon-common", "etc/crontab", mode=0o600),
    *[Dir(f"/etc/{d}", 0o700) for d in ("cron.d", "cron.hourly", "cron.daily", "cron.weekly", "cron.monthly")],
    File("/etc/cron.allow", "", 0o640),
    File("/etc/at.allow", "", 0o640),
]


DEBIAN_LOCKDOWN = _debian_host(
    "debian12-postfix-hardened-by-ansible-lockdown", ["postfix"], DEBIAN_LOCKDOWN_NODES, removed={"/etc/at.deny"}
)


# ---------------------------------------------------------------- AIX hosts (IBM-documented default lines)


def aix(path: str, at: str | None = None, mode: int = 0o644, owner: str = "root", group: str | None = "system") -> Node:
    return File(at or "/" + path, corpus_text(f"aix/ibm-documented/{path}"), mode, owner, group)


_AIX_NODES: list[Node] = [
    Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
    # the default agent: /usr/sbin/snmpd links to the non-encrypting SNMPv3 agent (research sheet section 5)
    stand_in("/usr/sbin/snmpdv3ne", 0o755, "root", "system"),
    Link("/usr/sbin/snmpd", "snmpdv3ne"),
    aix("etc/inetd.conf"),
    aix("etc/rc.tcpip", mode=0o774),
    aix("etc/snmpdv3.conf"),
    aix("etc/snmpd.conf"),
    # cron as installed (CIS AIX benchmark's stated defaults): crontabs bin:cron 0770, cron's log bin:cron 0660
    Dir("/var/adm/cron", 0o755, "bin", "cron"),
    File("/var/adm/cron/log", "", 0o660, "bin", "cron"),
    Dir("/var/spool/cron/crontabs", 0o770, "bin", "cron"),
    Dir("/var/spool/cron/atjobs", 0o770, "bin", "cron"),
]


def _aix_host(name: str, nodes: list[Node], profile: str = "") -> Scenario:
    from tests_meta.support.scenarios_cron import AIX_GROUPS, AIX_USERS

    return Scenario(name=name, platform="aix", users=AIX_USERS, groups=AIX_GROUPS, nodes=tuple(nodes), expect={}, profile=profile)


AIX_DEFAULTS = _aix_host("aix73-ibm-documented-defaults", _AIX_NODES)
#: A PowerHA SystemMirror node: its installation appends its smux line to /etc/snmpd.conf (IBM PowerHA 7.2
#: documentation), and the cluster needs the SNMP agent, which the site's profile says.
AIX_POWERHA = _aix_host(
    "aix72-powerha-node",
    [
        *[n for n in _AIX_NODES if n.path not in ("/etc/snmpd.conf", "/usr/sbin/snmpd")],
        # snmpv3_ssw -1: the SNMPv1 agent, which PowerHA's clinfo asks with a community (PowerHA docs)
        stand_in("/usr/sbin/snmpdv1", 0o755, "root", "system"),
        Link("/usr/sbin/snmpd", "snmpdv1"),
        File(
            "/etc/snmpd.conf",
            corpus_text("aix/ibm-documented/etc/snmpd.conf")
            + corpus_text("aix/ibm-documented/powerha/etc/snmpd.conf.added-line"),
            0o644,
            "root",
            "system",
        ),
    ],
    profile='[services]\nsnmp = "required"\n',
)


# ---------------------------------------------------------------- a Red Hat-family host from the upstream sources


def el9(path: str, at: str, mode: int = 0o644) -> Node:
    return File(at, corpus_text(f"el9/{path}"), mode)


#: cron as RHEL 9 builds it: cronie 1.5.7 (its spec: /var/spool/cron 0700, cron.d/0hourly 0644, cron.hourly/0anacron
#: 0755, anacrontab 0644, an empty cron.deny, crontab 4755; crond.service enabled by the distribution preset),
#: crontabs-20190603 (/etc/crontab and run-parts), and rsyslog's Red Hat platform rsyslog.conf.
EL9_NODES: list[Node] = [
    stand_in("/etc/redhat-release", 0o644),
    Dir("/usr/bin", 0o755),
    Dir("/usr/sbin", 0o755),
    Dir("/usr/lib", 0o755),
    # the merged /usr of RHEL 9 (filesystem package)
    Link("/bin", "usr/bin"),
    Link("/sbin", "usr/sbin"),
    Link("/lib", "usr/lib"),
    el9("crontabs-20190603/crontab", "/etc/crontab"),
    Dir("/etc/cron.d", 0o755),
    el9("cronie-1.5.7/contrib/0hourly", "/etc/cron.d/0hourly"),
    *[Dir(f"/etc/cron.{d}", 0o755) for d in ("hourly", "daily", "weekly", "monthly")],
    el9("cronie-1.5.7/contrib/0anacron", "/etc/cron.hourly/0anacron", 0o755),
    el9("cronie-1.5.7/contrib/anacrontab", "/etc/anacrontab"),
    File("/etc/cron.deny", "", 0o644),
    Dir("/var/spool/cron", 0o700),
    stand_in("/usr/sbin/crond"),
    stand_in("/usr/sbin/anacron"),
    stand_in("/usr/bin/crontab", 0o4755),
    stand_in("/usr/bin/run-parts"),
    stand_in("/usr/bin/nice"),
    stand_in("/usr/lib/systemd/system/crond.service", 0o644),
    Link(f"{_WANTS}/crond.service", "/usr/lib/systemd/system/crond.service"),
    el9("rsyslog-platform-redhat/rsyslog.conf", "/etc/rsyslog.conf"),
    Dir("/etc/rsyslog.d", 0o755),
    Dir("/var/log", 0o755),
]


def _el9_host(name: str, nodes: list[Node]) -> Scenario:
    from tests_meta.support.scenarios_cron import RHEL_GROUPS, RHEL_USERS

    return Scenario(
        name=name, platform="linux", users=RHEL_USERS, groups=RHEL_GROUPS, nodes=tuple(nodes), expect={}, root_group="root"
    )


EL9_CRONIE = _el9_host("el9-cronie-upstream", EL9_NODES)


# ---------------------------------------------------------------- expected verdicts, with the reason for each

Expect = dict[str, tuple[str, str]]

_NO_PROBE = "no probe address: the live check does not apply to a file tree"

#: Debian 12's cron, at and rsyslog as their packages install them (the same on every Debian host).
_DEBIAN_CRON: Expect = {
    "CRON-01": ("fail", "cron ships neither /etc/cron.allow nor /etc/cron.deny: every user may use crontab"),
    "CRON-02": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-03": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-04": ("fail", "/var/spool/cron/crontabs is 1730 (cron-daemon-common postinst), above 0755"),
    "CRON-05": ("pass", "crontabs is root:crontab, Debian's own group for it"),
    "CRON-06": ("fail", "/etc/crontab ships 0644, above 0600"),
    "CRON-07": ("pass", "/etc/crontab runs run-parts and test, root-owned 0755; the run-parts dirs hold root 0755 scripts"),
    "CRON-08": ("pass", "no directory above those programs is world-writable"),
    "CRON-09": ("pass", "rsyslog.conf: cron.* -/var/log/cron.log"),
    "CRON-10": (
        "fail",
        "/var/log/cron.log does not exist yet; rsyslog would create it 0640 root:adm ($FileCreateMode), above 0600",
    ),
    "CRON-16": ("pass", "/etc/crontab, /etc/cron.d and the run-parts dirs are root's and not group/world-writable"),
    "AT-01": ("pass", "at.deny ships and names the system accounts"),
    "AT-02": ("pass", "at.deny is root:daemon"),
    "AT-03": ("fail", "at.deny ships 0640, above 0600"),
    "AT-04": ("fail", "/var/spool/cron/atjobs ships daemon:daemon 1770, above 0755"),
}
#: FTP-07..17 on a Linux host with no TFTP daemon, no inetd and no sshd_config (any FTP daemon judged on top).
_LINUX_FTP_EXTRAS: Expect = {
    "FTP-07": ("pass", "no TFTP daemon: no inetd or xinetd line, unit or process"),
    "FTP-08": ("na", "no TFTP daemon enabled"),
    "FTP-09": ("pass", "no .netrc in any home (Linux has no /etc/security/config)"),
    "FTP-11": ("na", "Linux FTP daemons have no /etc/ftpaccess.ctl"),
    "FTP-15": ("na", "no ftp account"),
    "FTP-16": ("na", "no /etc/ssh/sshd_config in this corpus host"),
    "FTP-17": ("na", "neither /etc/inetd.conf nor /etc/xinetd.conf"),
}
_NO_FTP: Expect = {
    **_LINUX_FTP_EXTRAS,
    "FTP-01": ("pass", "no FTP daemon enabled"),
    **{c: ("na", "no FTP daemon installed") for c in ("FTP-02", "FTP-03", "FTP-04", "FTP-05", "FTP-06", "FTP-10")},
    **{c: ("na", "no FTP daemon enabled") for c in ("FTP-12", "FTP-13", "FTP-14")},
}
#: An enabled Linux FTP daemon with Debian's /etc/ftpusers (root:root) and the ftp account its package creates.
_DEBIAN_FTPD: Expect = {
    **_LINUX_FTP_EXTRAS,
    "FTP-10": ("pass", "/etc/ftpusers is group root, no extended ACL"),
    "FTP-15": ("pass", "the ftp account adduser --system creates has /usr/sbin/nologin"),
}
_NO_MTA: Expect = {
    "MAIL-01": ("pass", "no MTA enabled"),
    "MAIL-02": ("na", "no sendmail.cf"),
    "MAIL-03": ("na", "no MTA installed"),
    "MAIL-04": ("pass", "rsyslog.conf sends mail.* to /var/log/mail.log, which rsyslog creates root-owned"),
    "MAIL-05": ("pass", "rsyslog creates /var/log/mail.log 0640 ($FileCreateMode), within 0644"),
    **{c: ("na", "no aliases file and no MTA") for c in ("MAIL-06", "MAIL-07", "MAIL-08", "MAIL-09")},
    "SMTP-01": ("na", "no sendmail.cf and no postfix main.cf"),
    "SMTP-02": ("na", _NO_PROBE),
    "SMTP-03": ("na", "no sendmail.cf and nothing answers SMTP"),
    "SMTP-04": ("pass", "no .forward file in any home"),
}
_NO_SNMP: Expect = {
    "SNMP-08": ("na", "net-snmp has no separate sub-agents"),
    "SNMP-09": ("na", "no SNMP agent installed"),
    **{c: ("na", "no SNMP agent configuration file") for c in ("SNMP-10", "SNMP-13")},
    "SNMP-11": ("na", "no SNMP configuration or MIB file"),
    "SNMP-12": ("na", "no SNMP daemon log file"),
    "SNMP-01": ("pass", "no SNMP agent enabled"),
    **{c: ("na", "no SNMP configuration file") for c in ("SNMP-02", "SNMP-03", "SNMP-05", "SNMP-06")},
    "SNMP-04": ("na", _NO_PROBE),
    "SNMP-07": ("na", "no MIB file"),
}
_DEBIAN_SNMPD: Expect = {
    "SNMP-01": ("fail", "snmpd.service is enabled (deb-systemd-helper enable)"),
    "SNMP-02": ("fail", "snmpd.conf: rocommunity public and rocommunity6 public"),
    "SNMP-03": ("pass", "no createUser passphrase and no trapsess passphrase in snmpd.conf"),
    "SNMP-04": ("na", _NO_PROBE),
    "SNMP-05": ("fail", "snmpd.conf ships 0640, above 0600"),
    "SNMP-06": ("pass", "snmpd.conf is root:root"),
    "SNMP-07": ("fail", "libsnmp-base's MIB files ship 0644, above 0640"),
    "SNMP-08": ("na", "net-snmp has no separate sub-agents"),
    "SNMP-09": ("fail", "snmpd.conf: rocommunity and rocommunity6 give SNMPv1/v2c access"),
    "SNMP-10": ("na", "rouser authPrivUser names a user no createUser defines: no SNMPv3 user"),
    "SNMP-11": ("pass", "snmpd.conf and the MIB files are group root, no extended ACL"),
    "SNMP-12": ("na", "/etc/default/snmpd is all comments and the unit logs with -LOw: syslog, no log file"),
    "SNMP-13": ("pass", "read-only communities and a read-only rouser: no write access"),
}
_DEBIAN_FTPUSERS = "/etc/ftpusers (pam_listfile in the daemon's PAM file)"

EXPECT: dict[str, Expect] = {
    DEBIAN_SENDMAIL.name: {
        **_DEBIAN_CRON,
        **_NO_FTP,
        **_NO_SNMP,
        **_NO_MTA,
        "MAIL-01": (
            "fail",
            "sendmail is enabled: /etc/rc2.d/S01sendmail (update-rc.d; systemd starts it through its SysV generator)",
        ),
        "MAIL-02": ("pass", "sendmail.cf: O LogLevel=9"),
        "MAIL-03": ("pass", "rsyslog.conf: mail.* -/var/log/mail.log"),
        "MAIL-06": ("pass", "/etc/aliases is root:root; /etc/mail/aliases links to it"),
        "MAIL-07": (
            "fail",
            "sendmail reads /etc/mail/aliases (O AliasFile), and /etc/mail is owned by smmta: smmta can swap the link",
        ),
        "MAIL-08": ("pass", "/etc/aliases is 0644"),
        "MAIL-09": ("pass", "the aliases file is empty: no programs"),
        "SMTP-01": ("fail", "sendmail.cf:455 SmtpGreetingMessage=$j Sendmail $v/$Z: the version"),
        "SMTP-03": (
            "fail",
            "O HelpFile=/etc/mail/helpfile names sendmail's stock help text, not an empty file (profile default)",
        ),
    },
    DEBIAN_POSTFIX.name: {
        **_DEBIAN_CRON,
        **_NO_FTP,
        **_NO_SNMP,
        **_NO_MTA,
        "MAIL-01": ("fail", "postfix.service is enabled (deb-systemd-helper enable)"),
        "MAIL-03": ("pass", "rsyslog.conf: mail.* -/var/log/mail.log"),
        "MAIL-06": ("pass", "/etc/aliases (postinst) is root:root; postfix's alias_maps default names it"),
        "MAIL-07": ("pass", "/etc is root's and not group/world-writable"),
        "MAIL-08": ("pass", "/etc/aliases is 0644"),
        "MAIL-09": ("pass", "postmaster: root, no program or include"),
        "SMTP-01": ("pass", "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU): no $mail_version"),
    },
    DEBIAN_VSFTPD.name: {
        **_DEBIAN_CRON,
        **_NO_SNMP,
        **_NO_MTA,
        "FTP-01": ("fail", "vsftpd.service is enabled and vsftpd.conf says ssl_enable=NO"),
        "FTP-02": ("pass", _DEBIAN_FTPUSERS + " exists"),
        "FTP-03": ("pass", "/etc/ftpusers is root:root"),
        "FTP-04": ("fail", "/etc/ftpusers ships 0644, above 0640"),
        "FTP-05": ("fail", "Debian's ftpusers lacks proxy, www-data, backup, list, irc, _apt and the ftp account"),
        "FTP-06": ("pass", "vsftpd.conf: anonymous_enable=NO"),
        **_DEBIAN_FTPD,
        "FTP-12": ("fail", "no banner_file or ftpd_banner: vsftpd greets with its version"),
        "FTP-13": ("pass", "local_umask is commented out: vsftpd's compiled default 077"),
        "FTP-14": ("pass", "vsftpd.conf: xferlog_enable=YES"),
    },
    DEBIAN_SNMPD.name: {**_DEBIAN_CRON, **_NO_FTP, **_NO_MTA, **_DEBIAN_SNMPD},
    DEBIAN_PROFTPD.name: {
        **_DEBIAN_CRON,
        **_NO_SNMP,
        **_NO_MTA,
        "FTP-01": (
            "fail",
            "proftpd.service is enabled and proftpd.conf leaves Include tls.conf commented: TLSEngine off, plaintext",
        ),
        "FTP-02": ("pass", _DEBIAN_FTPUSERS + " exists (proftpd's UseFtpUsers reads it too)"),
        "FTP-03": ("pass", "/etc/ftpusers is root:root"),
        "FTP-04": ("fail", "/etc/ftpusers ships 0644, above 0640"),
        "FTP-05": ("fail", "Debian's ftpusers lacks proxy, www-data, backup, list, irc, _apt, ftp and proftpd"),
        "FTP-06": ("pass", "proftpd.conf's <Anonymous ~ftp> block is commented out: no anonymous logins"),
        **_DEBIAN_FTPD,
        "FTP-12": ("fail", "no ServerIdent: proftpd greets with ProFTPD 1.3.8 Server (Debian), its version"),
        "FTP-13": ("fail", "proftpd.conf: Umask 022 022, looser than 077"),
        "FTP-14": ("pass", "proftpd.conf: TransferLog /var/log/proftpd/xferlog and SystemLog"),
    },
    DEBIAN_PURE_FTPD_SNMPD.name: {
        **_DEBIAN_CRON,
        **_NO_MTA,
        **_DEBIAN_SNMPD,
        "FTP-01": ("fail", "pure-ftpd is enabled by /etc/rc2.d/S01pure-ftpd, and conf/ has no TLS file: TLS off, plaintext only"),
        "FTP-02": ("pass", _DEBIAN_FTPUSERS + " exists"),
        "FTP-03": ("pass", "/etc/ftpusers is root:root"),
        "FTP-04": ("fail", "/etc/ftpusers ships 0644, above 0640"),
        "FTP-05": ("fail", "pure-ftpd's ftpusers lacks _apt and Debian-snmp"),
        "FTP-06": ("pass", "conf/NoAnonymous says yes: pure-ftpd-wrapper passes -E"),
        **_DEBIAN_FTPD,
        "FTP-12": ("fail", "no FortunesFile: pure-ftpd greets with its own stock banner, not the site's"),
        "FTP-13": ("fail", "no Umask option: pure-ftpd's default 133:022, looser than 077"),
        "FTP-14": ("pass", "conf/AltLog clf:/var/log/pure-ftpd/transfer.log, and pure-ftpd logs sessions to syslog"),
        "FTP-15": ("na", "pure-ftpd's packages create no ftp account"),
    },
}

EXPECT[DEBIAN_LOCKDOWN.name] = {
    **EXPECT[DEBIAN_POSTFIX.name],
    "CRON-01": ("pass", "the role touches /etc/cron.allow: only those it lists (none) may use crontab"),
    "CRON-02": ("pass", "cron.allow is root:root"),
    "CRON-03": ("fail", "cron.allow is 0640 (the role's u-x,g-wx,o-rwx, CIS Debian's value), above the default 0600"),
    "CRON-06": ("pass", "/etc/crontab is 0600 after the role; cron.d holds only the .placeholder, which cron skips"),
    "CRON-16": ("pass", "/etc/crontab 0600 and the cron dirs 0700, all root's"),
    "AT-01": ("pass", "the role removes at.deny and touches /etc/at.allow"),
    "AT-02": ("pass", "at.allow is root:root"),
    "AT-03": ("fail", "at.allow is 0640, above 0600"),
    "MAIL-01": (
        "fail",
        "postfix.service stays enabled: the role makes postfix loopback-only, and the default profile allows no MTA",
    ),
}
EXPECT[EL9_CRONIE.name] = {
    **_NO_FTP,
    **_NO_SNMP,
    **_NO_MTA,
    "MAIL-04": ("pass", "rsyslog.conf: mail.* /var/log/maillog, which rsyslog creates root-owned"),
    "MAIL-05": ("pass", "rsyslog creates it with its default $FileCreateMode 0644"),
    "CRON-01": ("fail", "cronie's cron.deny is empty (touch in the spec) and there is no cron.allow: every user may use cron"),
    "CRON-02": ("pass", "cron.deny is root:root"),
    "CRON-03": ("fail", "cron.deny is 0644 (touch under rpmbuild's umask 022), above 0600"),
    "CRON-04": ("pass", "/var/spool/cron is 0700 (mkdir -pm700 in the spec)"),
    "CRON-05": ("pass", "/var/spool/cron is root:root"),
    "CRON-06": ("fail", "/etc/crontab and /etc/cron.d/0hourly are 0644, above 0600"),
    "CRON-07": ("pass", "0hourly runs run-parts, anacrontab runs nice run-parts, cron.hourly/0anacron: all root 0755"),
    "CRON-08": ("pass", "no directory above them is world-writable (/bin and /sbin link into /usr)"),
    "CRON-09": ("pass", "rsyslog.conf: cron.* /var/log/cron"),
    "CRON-10": ("fail", "/var/log/cron does not exist yet; rsyslog would create it 0644, above 0600"),
    "CRON-16": (
        "pass",
        "/etc/crontab, /etc/anacrontab, /etc/cron.d, 0hourly and the run-parts dirs are root's, not group/world-writable",
    ),
    "AT-01": ("na", "at is not installed"),
    "AT-02": ("na", "no at.allow or at.deny"),
    "AT-03": ("na", "no at.allow or at.deny"),
    "AT-04": ("na", "at is not installed"),
}

#: AIX as IBM documents its defaults: ftpd in inetd.conf, sendmail and the SNMP agents in rc.tcpip.
_AIX: Expect = {
    "CRON-01": ("fail", "no /var/adm/cron/cron.allow or cron.deny as installed"),
    "CRON-02": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-03": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-04": ("fail", "crontabs is 0770 as installed, above 0755"),
    "CRON-05": ("pass", "crontabs is bin:cron"),
    "CRON-06": ("na", "no crontab file in the spool"),
    "CRON-07": ("na", "no cron entries"),
    "CRON-08": ("na", "no cron entries"),
    "CRON-09": ("pass", "/var/adm/cron/log exists"),
    "CRON-10": ("fail", "/var/adm/cron/log is bin:cron 0660: owner not root, mode above 0600"),
    "CRON-16": ("na", "AIX has no /etc/crontab or /etc/cron.d"),
    "AT-01": ("fail", "neither at.allow nor at.deny"),
    "AT-02": ("na", "no at.allow or at.deny to judge"),
    "AT-03": ("na", "no at.allow or at.deny to judge"),
    "AT-04": ("fail", "atjobs is 0770, above 0755"),
    "FTP-01": ("fail", "inetd.conf: ftp stream tcp6 ... /usr/sbin/ftpd is active, and AIX ftpd cannot force TLS"),
    "FTP-02": ("fail", "AIX ships no /etc/ftpusers"),
    "FTP-03": ("na", "no ftpusers file"),
    "FTP-04": ("na", "no ftpusers file"),
    "FTP-05": ("na", "no ftpusers file"),
    "FTP-06": ("pass", "no ftp or anonymous account in /etc/passwd"),
    "FTP-07": ("pass", "no tftp line in inetd.conf and no tftpd subsystem"),
    "FTP-08": ("na", "no TFTP daemon enabled"),
    "FTP-09": ("fail", "no /etc/security/config in this corpus host: ftp and rexec read .netrc"),
    "FTP-10": ("na", "no ftpusers file"),
    "FTP-11": ("fail", "ftpd is enabled and /etc/ftpaccess.ctl does not exist"),
    "FTP-12": ("fail", "no /etc/ftpaccess.ctl herald: ftpd shows no banner of the site's"),
    "FTP-13": ("fail", "the inetd.conf ftpd line has no -u umask"),
    "FTP-14": ("fail", "the inetd.conf ftpd line has no -l, and no syslog.conf routes daemon.info"),
    "FTP-15": ("na", "no ftp or anonymous account"),
    "FTP-16": ("na", "no /etc/ssh/sshd_config in this corpus host"),
    "FTP-17": ("fail", "inetd.conf is 0644, above 0640"),
    "SNMP-08": ("fail", "rc.tcpip starts hostmibd, snmpmibd and aixmibd"),
    "SNMP-09": ("fail", "snmpdv3.conf: COMMUNITY public and VACM_GROUP group1 SNMPv1 give community access"),
    "SNMP-10": ("na", "no USM_USER in snmpdv3.conf"),
    "SNMP-11": ("pass", "the SNMP files are group system, no extended ACL"),
    "SNMP-12": ("na", "no SNMP daemon log file in this corpus host"),
    "SNMP-13": ("pass", "the agent is snmpdv3ne, which reads only snmpdv3.conf: VACM_ACCESS group1 has no write view"),
    "MAIL-01": ("fail", 'rc.tcpip: start /usr/lib/sendmail "$src_running" "-bd -q${qpi}"'),
    "MAIL-02": ("na", "no sendmail.cf in this corpus host"),
    "MAIL-03": ("na", "no MTA configuration file"),
    "MAIL-04": ("na", "no syslog rule writes mail"),
    "MAIL-05": ("na", "no syslog rule writes mail"),
    **{c: ("na", "no aliases file") for c in ("MAIL-06", "MAIL-07", "MAIL-08", "MAIL-09")},
    "SMTP-01": ("na", "no sendmail.cf"),
    "SMTP-02": ("na", _NO_PROBE),
    "SMTP-03": ("na", "no sendmail.cf and nothing answers SMTP"),
    "SMTP-04": ("pass", "no .forward file in any home"),
    "SNMP-01": ("fail", "rc.tcpip starts snmpd, hostmibd, snmpmibd and aixmibd"),
    "SNMP-02": ("fail", "snmpdv3.conf, which the v3 agent reads: VACM_GROUP and COMMUNITY public"),
    "SNMP-03": ("pass", "no sample USM_USER, smux password or clsnmp password"),
    "SNMP-04": ("na", _NO_PROBE),
    "SNMP-05": ("fail", "snmpd.conf and snmpdv3.conf are 0644, above 0600"),
    "SNMP-06": ("pass", "root:system"),
    "SNMP-07": ("na", "no MIB file in this corpus host"),
}
EXPECT[AIX_DEFAULTS.name] = _AIX
EXPECT[AIX_POWERHA.name] = {
    **_AIX,
    "SNMP-01": ("na", "the profile requires the agent (PowerHA's cluster manager needs it)"),
    "SNMP-02": ("fail", "snmpd.conf, which snmpdv1 reads: community private and system"),
    "SNMP-03": ("fail", "snmpd.conf: smux ... clsmuxpd_password, the password PowerHA's installation writes (IBM PowerHA docs)"),
    "SNMP-09": ("fail", "/usr/sbin/snmpd links to snmpdv1 (snmpv3_ssw -1 for PowerHA's clinfo)"),
    "SNMP-13": ("fail", "snmpdv1 reads snmpd.conf: community private and system are readWrite"),
}

#: Verdicts the suite gets wrong today (issue 12): the test is xfail(strict) for these, the expectation stays right.
DEFECTS: dict[str, dict[str, str]] = {}

HOSTS: list[Scenario] = [
    EL9_CRONIE,
    DEBIAN_SENDMAIL,
    DEBIAN_POSTFIX,
    DEBIAN_VSFTPD,
    DEBIAN_SNMPD,
    DEBIAN_PROFTPD,
    DEBIAN_PURE_FTPD_SNMPD,
    DEBIAN_LOCKDOWN,
    AIX_DEFAULTS,
    AIX_POWERHA,
]

# ---------------------------------------------------------------- CRON-14, AT-07, AT-08: what jobs do (issue 14)

#: Two pending at jobs on the sendmail host, as Debian 12's at 3.2.5 wrote them (PROVENANCE.md): job 2 was queued
#: from a shell with umask 022, job 3 from one with umask 077 and starts with its own `umask 027`. The at package
#: writes them root:daemon 0700; job 3 runs tar by name, found in /usr/bin (the tar package, root 0755).
_AT_SPOOL = "debian12/generated/at/var/spool/cron/atjobs"
HOSTS[HOSTS.index(DEBIAN_SENDMAIL)] = DEBIAN_SENDMAIL.changed(
    DEBIAN_SENDMAIL.name,
    [
        *(
            File(f"/var/spool/cron/atjobs/{job}", corpus_text(f"{_AT_SPOOL}/{job}"), 0o700, "root", "daemon")
            for job in ("a0000201c8cdbb", "b0000301c8cdf7")
        ),
        stand_in("/usr/bin/tar"),
    ],
    {},
)
_NO_AT_JOBS: Expect = {
    "AT-07": ("na", "no pending at job in the spool"),
    "AT-08": ("na", "no pending at job in the spool"),
}
for _host in (DEBIAN_POSTFIX, DEBIAN_VSFTPD, DEBIAN_SNMPD, DEBIAN_PROFTPD, DEBIAN_PURE_FTPD_SNMPD, DEBIAN_LOCKDOWN):
    EXPECT[_host.name].update(
        {
            "CRON-14": (
                "pass",
                "/etc/crontab's lines set no umask; run-parts and test are binaries; the run-parts dirs hold only .placeholder",
            ),
            **_NO_AT_JOBS,
        }
    )
EXPECT[DEBIAN_SENDMAIL.name].update(
    {
        "CRON-14": ("pass", "no umask in /etc/crontab or in cron.daily/sendmail, the one run-parts script"),
        "AT-07": (
            "pass",
            "job 2 runs /usr/local/bin/x, job 3 /usr/local/sbin/rotate-logs (both absent) and tar (root 0755); "
            "no world-writable directory above them",
        ),
        "AT-08": (
            "fail",
            "job 2 carries `umask 22`, the submitter's umask that at(1) wrote; job 3's own commands run `umask 027`",
        ),
    }
)
EXPECT[EL9_CRONIE.name].update(
    {
        "CRON-14": ("pass", "0hourly runs run-parts; cron.hourly/0anacron sets no umask"),
        "AT-07": ("na", "at is not installed: no /var/spool/at"),
        "AT-08": ("na", "at is not installed: no /var/spool/at"),
    }
)
for _host in (AIX_DEFAULTS, AIX_POWERHA):
    EXPECT[_host.name].update({"CRON-14": ("na", "no crontab file in the spool: no cron entries"), **_NO_AT_JOBS})
# -- SMTP-05 .. SMTP-08 (issue 14): hosts without an MTA have nothing to judge; the corpus runs on a file tree
# (--sysroot, no probe address), so the live parts are N/A and sendmail's release cannot be read from its binary.
_NO_SMTP_SERVICE: Expect = {
    "SMTP-05": ("na", "no sendmail.cf, no aliases file and no probe address"),
    "SMTP-06": ("na", "no sendmail.cf, no postfix main.cf and no probe address"),
    "SMTP-07": ("na", "no sendmail.cf"),
    "SMTP-08": ("na", "no sendmail.cf and no postfix main.cf"),
}
_POSTFIX_SMTP_SERVICE: Expect = {
    "SMTP-05": ("pass", "/etc/aliases: postmaster: root, no decode alias; postfix has no wizard password"),
    "SMTP-06": ("fail", "main.cf.debian sets no disable_vrfy_command: postfix's default no answers VRFY"),
    "SMTP-07": ("na", "no sendmail.cf: postfix's release is not judged"),
}
for _host in HOSTS:
    EXPECT[_host.name].update(_NO_SMTP_SERVICE)
EXPECT[DEBIAN_SENDMAIL.name].update(
    {
        "SMTP-05": ("pass", "sendmail.cf has no OW/WizardPassword line and the aliases file is empty"),
        "SMTP-06": (
            "fail",
            "sendmail.cf:284 PrivacyOptions=needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,"
            "nobodyreturn,authwarnings: Debian's sendmail.mc sets no noexpn, novrfy or goaway",
        ),
        "SMTP-07": ("error", "a file tree: sendmail-mta cannot be run and the greeting is not read (no probe address)"),
        "SMTP-08": ("pass", "sendmail.cf:271-272 DaemonPortOptions Addr=127.0.0.1 for MTA-v4 and MSP-v4 (Debian's default .mc)"),
    }
)
EXPECT[DEBIAN_POSTFIX.name].update(
    {
        **_POSTFIX_SMTP_SERVICE,
        "SMTP-08": ("fail", "main.cf.debian sets no inet_interfaces: postfix listens on all (debconf would write it)"),
    }
)
EXPECT[DEBIAN_LOCKDOWN.name].update(
    {**_POSTFIX_SMTP_SERVICE, "SMTP-08": ("pass", "lockdown's 2.1.21 task appends inet_interfaces = loopback-only")}
)


# ---------------------------------------------------------------- MAIL-10 .. MAIL-16 (issue 14)

#: The mail queues as the Debian packages leave them. sendmail-base 8.17.1.9 update_sys: /var/spool/mqueue
#: smmta:smmsp 02750, /var/spool/mqueue-client smmsp:smmsp 02770. postfix 3.7.11: the package ships
#: /var/spool/postfix root:root 0755 (dpkg-deb -c), its postinst makes public postfix:postdrop 02710
#: (dpkg-statoverride), and `postfix post-install create-missing` at the first start creates the rest as
#: /etc/postfix/postfix-files lists them.
_SENDMAIL_QUEUES: tuple[Node, ...] = (
    Dir("/var/spool/mqueue", 0o2750, "smmta", "smmsp"),
    Dir("/var/spool/mqueue-client", 0o2770, "smmsp", "smmsp"),
)
_POSTFIX_QUEUE: tuple[Node, ...] = (
    Dir("/var/spool/postfix", 0o755, "root", "root"),
    *[
        Dir(f"/var/spool/postfix/{d}", 0o700, "postfix", "root")
        for d in ("active", "bounce", "corrupt", "defer", "deferred", "flush", "hold", "incoming", "private", "saved", "trace")
    ],
    Dir("/var/spool/postfix/maildrop", 0o730, "postfix", "postdrop"),
    Dir("/var/spool/postfix/public", 0o2710, "postfix", "postdrop"),
    Dir("/var/spool/postfix/pid", 0o755, "root", "root"),
)
_QUEUES_OF = {DEBIAN_SENDMAIL.name: _SENDMAIL_QUEUES, DEBIAN_POSTFIX.name: _POSTFIX_QUEUE, DEBIAN_LOCKDOWN.name: _POSTFIX_QUEUE}
HOSTS[:] = [h.changed(h.name, list(_QUEUES_OF.get(h.name, ())), {}) for h in HOSTS]

_RSYSLOG_0644 = (
    "Debian's rsyslog ships /etc/rsyslog.conf root:root 0644: the STIG's 0640 fails it (the suite applies the rule on Linux too)"
)
_POSTFIX_RSYSLOG_0644 = "/etc/rsyslog.conf and postfix's /etc/rsyslog.d/postfix.conf are root:root 0644, above 0640"
_MAIL_LOG_NOT_YET = "the mail log rsyslog.conf names does not exist yet (rsyslog creates it): no ACL on it"
_NO_COMSAT = "no inetd.conf, no xinetd and no comsat or biff unit enabled"
_NO_ALIASES = {c: ("na", "no aliases file") for c in ("MAIL-11", "MAIL-12")}
_NO_MTA = {c: ("na", "no sendmail.cf, submit.cf or Postfix main.cf") for c in ("MAIL-15", "MAIL-16")}
_POSTFIX_MAIL = {
    "MAIL-11": ("pass", "/etc/aliases (postinst) is root:root, no extended ACL"),
    "MAIL-12": ("na", "postfix's two-line /etc/aliases runs no program"),
    "MAIL-13": ("pass", _MAIL_LOG_NOT_YET),
    "MAIL-14": ("pass", _NO_COMSAT),
    "MAIL-15": ("pass", "/etc/postfix/main.cf and master.cf are root:root 0644, as postfix check wants them"),
    "MAIL-16": (
        "pass",
        "the queue as postfix makes it: /var/spool/postfix root 0755, maildrop postfix:postdrop 0730, public 02710",
    ),
}
EXPECT[EL9_CRONIE.name].update(
    {
        "MAIL-10": ("fail", "Red Hat's /etc/rsyslog.conf is root:root 0644, above 0640"),
        **_NO_ALIASES,
        "MAIL-13": ("pass", "/var/log/maillog (mail.*) does not exist yet (rsyslog creates it): no ACL on it"),
        "MAIL-14": ("pass", _NO_COMSAT),
        **_NO_MTA,
    }
)
for _host in (DEBIAN_VSFTPD, DEBIAN_SNMPD, DEBIAN_PROFTPD, DEBIAN_PURE_FTPD_SNMPD):
    EXPECT[_host.name].update(
        {
            "MAIL-10": ("fail", _RSYSLOG_0644),
            **_NO_ALIASES,
            "MAIL-13": ("pass", _MAIL_LOG_NOT_YET),
            "MAIL-14": ("pass", _NO_COMSAT),
            **_NO_MTA,
        }
    )
EXPECT[DEBIAN_SENDMAIL.name].update(
    {
        "MAIL-10": ("fail", _RSYSLOG_0644),
        "MAIL-11": ("pass", "/etc/aliases (update_sys) is root:root, no extended ACL"),
        "MAIL-12": ("na", "the aliases file update_sys touched is empty: no program"),
        "MAIL-13": ("pass", _MAIL_LOG_NOT_YET),
        "MAIL-14": ("pass", _NO_COMSAT),
        "MAIL-15": (
            "fail",
            "sendmailconfig leaves /etc/mail/sendmail.cf root:smmsp 0644: group smmsp and mode above CIS 4.6.4.3's 0640",
        ),
        "MAIL-16": ("fail", "update_sys makes /var/spool/mqueue smmta:smmsp 02750, not CIS 4.6.4.5's root:system 0700"),
    }
)
for _host in (DEBIAN_POSTFIX, DEBIAN_LOCKDOWN):
    EXPECT[_host.name].update({"MAIL-10": ("fail", _POSTFIX_RSYSLOG_0644), **_POSTFIX_MAIL})
for _host in (AIX_DEFAULTS, AIX_POWERHA):
    EXPECT[_host.name].update(
        {
            "MAIL-10": ("na", "no /etc/syslog.conf in this corpus host"),
            **_NO_ALIASES,
            "MAIL-13": ("na", "no syslog rule writes mail"),
            "MAIL-14": ("pass", "the corpus inetd.conf holds IBM's documented ftp line only: no comsat line"),
            **_NO_MTA,
        }
    )

# ---------------------------------------------------------------- cron and at access controls (issue 14)

#: Debian's at.deny (at 3.2.5) names alias, backup, bin, daemon, ftp, games, gnats, guest, irc, lp, mail, man,
#: nobody, operator, proxy, qmail*, sync, sys, www-data: not news, uucp, list or _apt of base-passwd, nor the
#: accounts the host's packages add.
_AT_DENY_MISSES = "at.deny (the only at control) does not list the system accounts news, uucp, list, _apt"
_DEBIAN_CRON_ACCESS = {
    "CRON-11": ("na", "neither cron.allow nor cron.deny (CRON-01 reports it)"),
    "CRON-12": ("na", "neither cron.allow nor cron.deny"),
    "CRON-13": ("pass", "/etc/crontab and the cron.d files are root:root; no spool crontab"),
    "CRON-15": ("pass", "no extended ACL on the spool, /etc/crontab, /etc/cron.d or their files"),
    "AT-06": ("pass", "at.deny is root:daemon, the group Debian's setuid-daemon at reads it with"),
    "AT-09": ("pass", "no extended ACL on at.deny or /var/spool/cron/atjobs"),
}
_PACKAGE_ACCOUNTS = {
    DEBIAN_SENDMAIL.name: ", smmta, smmsp",
    DEBIAN_POSTFIX.name: ", postfix",
    DEBIAN_VSFTPD.name: "",
    DEBIAN_SNMPD.name: ", Debian-snmp",
    DEBIAN_PROFTPD.name: ", proftpd",
    DEBIAN_PURE_FTPD_SNMPD.name: ", Debian-snmp",
}
for _name, _added in _PACKAGE_ACCOUNTS.items():
    EXPECT[_name].update({**_DEBIAN_CRON_ACCESS, "AT-05": ("fail", _AT_DENY_MISSES + _added)})
EXPECT[DEBIAN_LOCKDOWN.name].update(
    {
        **_DEBIAN_CRON_ACCESS,
        "CRON-11": ("fail", "the role touches an empty /etc/cron.allow: V-215192 wants it to name someone (root)"),
        "CRON-12": ("pass", "cron.allow is root:root"),
        "AT-05": ("pass", "at.deny removed and an empty at.allow: no system account may use at"),
        "AT-06": ("pass", "at.allow is root:root"),
        "AT-09": ("pass", "no extended ACL on at.allow or the atjobs spool"),
    }
)
EXPECT[EL9_CRONIE.name].update(
    {
        "CRON-11": ("fail", "cronie's cron.deny is empty and there is no cron.allow: bin, daemon, adm, nobody may use cron"),
        "CRON-12": ("pass", "cron.deny is root:root"),
        "CRON-13": ("pass", "/etc/crontab and /etc/cron.d/0hourly are root:root; no spool crontab"),
        "CRON-15": ("pass", "no extended ACL on cron.deny, /var/spool/cron, the crontabs or /var/log/cron"),
        "AT-05": ("na", "at is not installed"),
        "AT-06": ("na", "no at.allow or at.deny"),
        "AT-09": ("na", "at is not installed"),
    }
)
for _host in (AIX_DEFAULTS, AIX_POWERHA):
    EXPECT[_host.name].update(
        {
            "CRON-11": ("na", "neither cron.allow nor cron.deny as installed (CRON-01 reports it)"),
            "CRON-12": ("na", "no cron.allow or cron.deny to judge"),
            "CRON-13": ("na", "no crontab file in this corpus host's spool"),
            "CRON-15": ("pass", "no extended ACL on the spool directories or /var/adm/cron/log"),
            "AT-05": ("na", "neither at.allow nor at.deny as installed (AT-01 reports it)"),
            "AT-06": ("na", "no at.allow or at.deny to judge"),
            "AT-09": ("pass", "no extended ACL on /var/spool/cron/atjobs"),
        }
    )


# ---------------------------------------------------------------- SUSE (issue 18): cronie and at from openSUSE's packages


def opensuse(path: str, at: str, mode: int = 0o644, owner: str = "root", group: str | None = None) -> Node:
    return File(at, corpus_text(f"opensuse/{path}"), mode, owner, group)


def patched_whole_file(patch: str) -> str:
    """The file a one-hunk patch that covers the whole file leaves: its context and added lines."""
    body = patch.split("\n@@", 1)[1].split("\n", 1)[1]
    return "".join(line[1:] + "\n" for line in body.split("\n") if line[:1] in (" ", "+"))


#: SLES 15 as openSUSE's cronie and at packages install it (bmwiedemann/openSUSE, PROVENANCE.md): cronie.spec puts
#: sample.root at /etc/crontab 0600, makes /var/spool/cron and cron/tabs 0700 and cron/lastrun 0755 root:root, the
#: cron.{d,hourly,daily,weekly,monthly} dirs 0755, crontab 4750 root:trusted, cron 0755, run-crons in %{_libexecdir}/cron
#: (/usr/lib on SLES 15, where sample.root looks for it) and fills /etc/sysconfig/cron from sysconfig.cron; at.spec makes
#: /var/spool/atjobs 1770 at:at with .SEQ 0600, /var/spool/atspool 0700 at:at, at 4750 root:trusted and /etc/at.deny
#: from its denylist patch (0640 as at's Makefile installs it; root:root, rpm's default owner). No rsyslog or
#: syslog-ng: SLES 15 and openSUSE log to the journal unless one is installed. cronie's deny.sample (/etc/cron.deny)
#: is not in the mirror, so this host has none (PROVENANCE.md).
SUSE_NODES: list[Node] = [
    File("/etc/os-release", 'NAME="SLES"\nVERSION="15-SP6"\nVERSION_ID="15.6"\nID="sles"\nID_LIKE="suse"\n'),
    Dir("/usr/bin", 0o755),
    Dir("/usr/sbin", 0o755),
    Dir("/usr/lib", 0o755),
    Dir("/usr/lib/cron", 0o755),
    Link("/bin", "usr/bin"),
    Link("/sbin", "usr/sbin"),
    opensuse("cronie/sample.root", "/etc/crontab", 0o600),
    *[Dir(f"/etc/cron.{d}", 0o755) for d in ("d", "hourly", "daily", "weekly", "monthly")],
    Dir("/var/spool/cron", 0o700),
    Dir("/var/spool/cron/tabs", 0o700),
    Dir("/var/spool/cron/lastrun", 0o755),
    stand_in("/usr/sbin/cron"),
    stand_in("/usr/bin/crontab", 0o4750, "root", "trusted"),
    stand_in("/usr/lib/cron/run-crons"),
    stand_in("/usr/bin/test"),
    opensuse("cronie/sysconfig.cron", "/etc/sysconfig/cron"),
    stand_in("/usr/lib/systemd/system/cron.service", 0o644),
    Link(f"{_WANTS}/cron.service", "/usr/lib/systemd/system/cron.service"),
    File("/etc/at.deny", patched_whole_file(corpus_text("opensuse/at/at-3.1.8-denylist.patch")), 0o640),
    stand_in("/usr/bin/at", 0o4750, "root", "trusted"),
    stand_in("/usr/sbin/atd"),
    Dir("/var/spool/atjobs", 0o1770, "at", "at"),
    File("/var/spool/atjobs/.SEQ", "", 0o600, "at", "at"),
    Dir("/var/spool/atspool", 0o700, "at", "at"),
    Dir("/var/log", 0o755),
]


def sysusers_ids(text: str) -> dict[tuple[str, str], int]:
    """(type, name) -> id of a sysusers.d file's u and g lines (sysusers.d(5))."""
    found = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] in ("u", "g") and words[2].isdigit():
            found[(words[0], words[1])] = int(words[2])
    return found


_AT_IDS = sysusers_ids(corpus_text("opensuse/at/system-user-at.conf"))
#: SUSE's base accounts (the project's list, ids as SUSE's system-user packages give them; trusted is the group
#: the permissions profiles give at and crontab to), and at's own account from at's system-user-at.conf.
SUSE_USERS = {"root": 0, "bin": 1, "daemon": 2, "lp": 4, "mail": 8, "news": 9, "uucp": 10, "man": 13, "nobody": 65534}
SUSE_USERS["at"] = _AT_IDS[("u", "at")]
SUSE_GROUPS = {"root": 0, "bin": 1, "daemon": 2, "sys": 3, "trusted": 42, "users": 100, "nobody": 65533}
SUSE_GROUPS["at"] = _AT_IDS[("g", "at")]
SUSE_CRONIE_AT = Scenario(
    name="sles15-cronie-at-opensuse-packages",
    platform="linux",
    users=SUSE_USERS,
    groups=SUSE_GROUPS,
    nodes=tuple(SUSE_NODES),
    expect={},
    root_group="root",
)
HOSTS.append(SUSE_CRONIE_AT)
_NO_SYSLOG = "no rsyslog.conf or syslog-ng.conf: SLES 15 logs to the journal unless one of them is installed"
EXPECT[SUSE_CRONIE_AT.name] = {
    # FTP, SNMP and SMTP: nothing installed, as on the RHEL-family cron host
    **{c: v for c, v in EXPECT[EL9_CRONIE.name].items() if c.startswith(("FTP-", "SNMP-", "SMTP-"))},
    "CRON-01": (
        "fail",
        "no cron.allow, and this host has no cron.deny (deny.sample is not in the corpus): every user may use cron",
    ),
    "CRON-02": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-03": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-04": ("pass", "/var/spool/cron/tabs is 0700 (%ghost %attr(700,root,root) in cronie.spec)"),
    "CRON-05": ("pass", "/var/spool/cron/tabs is root:root"),
    "CRON-06": ("pass", "/etc/crontab is 0600 (install -m 600 sample.root); no spool crontab"),
    "CRON-07": (
        "pass",
        "the stock '-*/15' line of /etc/crontab runs test and /usr/lib/cron/run-crons, root 0755; the run-parts dirs are empty",
    ),
    "CRON-08": ("pass", "no directory above /usr/lib/cron/run-crons or /usr/bin/test is world-writable"),
    "CRON-09": ("fail", _NO_SYSLOG + "; and the stock run-crons line carries '-' (not logged)"),
    "CRON-10": ("na", "no dedicated cron log file is configured"),
    "CRON-11": ("na", "neither cron.allow nor cron.deny on this host (CRON-01 reports it)"),
    "CRON-12": ("na", "no cron.allow or cron.deny to judge"),
    "CRON-13": ("pass", "/etc/crontab is root:root; no spool crontab"),
    "CRON-14": ("pass", "the run-crons line sets no umask; test and run-crons are stand-ins with no umask"),
    "CRON-15": ("pass", "no extended ACL on /var/spool/cron, cron/tabs, /etc/crontab or /etc/cron.d"),
    "CRON-16": (
        "pass",
        "/etc/crontab, /etc/cron.d, the run-parts dirs, /etc/sysconfig/cron (0644) and /var/spool/cron/lastrun (0755): root's",
    ),
    "AT-01": ("pass", "at.deny ships, non-empty (at's SUSE denylist patch)"),
    "AT-02": ("pass", "at.deny is root:root"),
    "AT-03": ("fail", "at.deny is 0640, above 0600"),
    "AT-04": ("fail", "/var/spool/atjobs is at:at 1770 (at.spec %attr), above 0755; atspool at:at 0700 is fine"),
    "AT-05": ("fail", "at.deny lists root but not at (uid 25, system-user-at.conf): the at account may queue jobs"),
    "AT-06": ("pass", "at.deny is root:root"),
    "AT-07": ("na", "no pending at job in /var/spool/atjobs (.SEQ is not a job)"),
    "AT-08": ("na", "no pending at job in /var/spool/atjobs"),
    "AT-09": ("pass", "no extended ACL on at.deny, /var/spool/atjobs or /var/spool/atspool"),
    "MAIL-01": ("pass", "no MTA enabled"),
    "MAIL-02": ("na", "no sendmail.cf"),
    "MAIL-03": ("na", "no MTA installed"),
    "MAIL-04": ("na", _NO_SYSLOG + ": no syslog rule writes mail"),
    "MAIL-05": ("na", _NO_SYSLOG + ": no syslog rule writes mail"),
    **{c: ("na", "no aliases file and no MTA") for c in ("MAIL-06", "MAIL-07", "MAIL-08", "MAIL-09")},
    "MAIL-10": ("na", _NO_SYSLOG),
    "MAIL-11": ("na", "no aliases file"),
    "MAIL-12": ("na", "no aliases file"),
    "MAIL-13": ("na", _NO_SYSLOG + ": no mail log"),
    "MAIL-14": ("pass", "no inetd.conf, no xinetd and no comsat or biff unit enabled"),
    "MAIL-15": ("na", "no sendmail.cf, submit.cf or Postfix main.cf"),
    "MAIL-16": ("na", "no sendmail.cf, submit.cf or Postfix main.cf"),
}
