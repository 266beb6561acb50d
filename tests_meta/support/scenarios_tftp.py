"""Scenario hosts for TFTP, .netrc, the anonymous FTP account and inetd.conf (FTP-07, -08, -09, -15, -17).

AIX values are those of a stock AIX 7 installation: /etc/inetd.conf 0644 root:system
with its tftp line commented out (IBM's shipped file), root's home is /, nobody's too,
and no tcpip: stanza in /etc/security/config until securetcpip (or chsec) adds
``netrc = ftp, rexec`` (DISA V-4284's check text). Debian's tftpd-hpa values come
from the package (5.2+20150808-1.4, bookworm): its postinst writes /etc/default/tftpd-hpa
with TFTP_OPTIONS="--secure", creates the tftp system account with home /srv/tftp and
shell /usr/sbin/nologin and leaves /srv/tftp owned by root:nogroup; the daemon is a SysV
init script enabled by update-rc.d links. xinetd's files are Debian's xinetd 2.3.15.3
(/etc/xinetd.conf) and RHEL 7's tftp-server /etc/xinetd.d/tftp.
"""

from __future__ import annotations

from dataclasses import replace

from tests_meta.support.aix_inittab import inittab
from tests_meta.support.scenario import Absent, Dir, File, Link, Scenario

IDS = ["FTP-07", "FTP-08", "FTP-09", "FTP-15", "FTP-17"]
FOLDERS = ("tests_ftp/test_tftp.py", "tests_ftp/test_ftp_accounts.py", "tests_ftp/test_inetd_conf.py")

Account = tuple[str, int, int, str, str]  # name, uid, gid, home, shell


def _passwd(accounts: list[Account]) -> str:
    return "".join(f"{n}:!:{uid}:{gid}::{home}:{shell}\n" for n, uid, gid, home, shell in accounts)


def _with_accounts(scenario: Scenario, name: str, accounts: list[Account], expect: dict[str, str], nodes=(), profile=None):
    """The scenario with a different /etc/passwd (and the extra owners it brings)."""
    changed = scenario.changed(name, [File("/etc/passwd", _passwd(accounts)), *nodes], expect, profile)
    return replace(changed, users={**scenario.users, **{a[0]: a[1] for a in accounts}})


# -- AIX ------------------------------------------------------------------------------

AIX_ACCOUNTS: list[Account] = [
    ("root", 0, 0, "/", "/usr/bin/ksh"),
    ("daemon", 1, 1, "/etc", ""),
    ("bin", 2, 2, "/bin", ""),
    ("sys", 3, 3, "/usr/sys", ""),
    ("adm", 4, 4, "/var/adm", ""),
    ("nobody", 4294967294, 4294967294, "/", ""),
    ("alice", 204, 1, "/home/alice", "/usr/bin/ksh"),
]
AIX_GROUPS = {"system": 0, "staff": 1, "bin": 2, "sys": 3, "adm": 4, "security": 7}

# IBM's shipped inetd.conf (AIX 7.2, as in tests_meta/test_parser_ftp.py), the lines around tftp.
AIX_INETD = """\
## IBM_PROLOG_BEGIN_TAG
## service name  socket  protocol wait/nowait  user  server program  server program arguments
##
#ftp	stream	tcp6	nowait	root	/usr/sbin/ftpd	ftpd
#telnet	stream	tcp6	nowait	root	/usr/sbin/telnetd	telnetd -a
#shell	stream	tcp6	nowait	root	/usr/sbin/rshd	rshd
#exec	stream	tcp6	nowait	root	/usr/sbin/rexecd	rexecd
#comsat	dgram	udp	wait	root	/usr/sbin/comsat	comsat
{tftp}tftp	dgram	udp6	SRC	{user}	/usr/sbin/tftpd	tftpd -n
#talk	dgram	udp	wait	root	/usr/sbin/talkd	talkd
"""

# DISA V-4284: "tcpip:\nnetrc = ftp, rexec" is what securetcpip leaves in the file.
AIX_SECURITY_CONFIG = """\
* /etc/security/config: system security settings (stanza file: * starts a comment)
tcpip:
	netrc = ftp, rexec
"""
AIX_SECURITY_CONFIG_NO_TCPIP = "* /etc/security/config: system security settings (stanza file: * starts a comment)\n"


def _aix_inetd(tftp: bool = False, user: str = "nobody") -> str:
    return AIX_INETD.format(tftp="" if tftp else "#", user=user)


AIX_HARDENED = Scenario(
    name="aix-hardened",
    platform="aix",
    users={a[0]: a[1] for a in AIX_ACCOUNTS if a[0] != "nobody"},
    groups=AIX_GROUPS,
    nodes=(
        Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
        File("/etc/passwd", _passwd(AIX_ACCOUNTS)),
        File("/etc/inetd.conf", _aix_inetd(), 0o640, "root", "system"),
        File("/etc/security/config", AIX_SECURITY_CONFIG, 0o640, "root", "security"),
        File("/usr/sbin/tftpd", "", 0o555, "root", "system"),
        Dir("/home/alice", 0o700, "alice", "staff"),
        File("/home/alice/.profile", "PATH=/usr/bin\n", 0o600, "alice", "staff"),
    ),
    expect={"FTP-07": "pass", "FTP-08": "na", "FTP-09": "pass", "FTP-15": "na", "FTP-17": "pass"},
)

AIX_AS_INSTALLED = AIX_HARDENED.changed(
    "aix-as-installed",
    [
        File("/etc/inetd.conf", _aix_inetd(), 0o644, "root", "system"),
        File("/etc/security/config", AIX_SECURITY_CONFIG_NO_TCPIP, 0o640, "root", "security"),
    ],
    {"FTP-09": "fail", "FTP-17": "fail"},
)

_TFTP_HOME = "/tftpboot"
AIX_TFTP_ACCOUNTS = AIX_ACCOUNTS + [("tftp", 300, 300, _TFTP_HOME, "/bin/false")]
AIX_TFTP_AUTHORISED = _with_accounts(
    AIX_HARDENED,
    "aixtftp-authorised-and-confined",
    AIX_TFTP_ACCOUNTS,
    {"FTP-07": "na", "FTP-08": "pass"},
    [
        File("/etc/inetd.conf", _aix_inetd(tftp=True, user="tftp"), 0o640, "root", "system"),
        Dir(_TFTP_HOME, 0o755, "root", "system"),
        File("/etc/tftpaccess.ctl", f"# tftpd serves the boot images only\nallow:{_TFTP_HOME}\ndeny:/etc\n", 0o640),
    ],
    profile='[services]\ntftp = "required"\n',
)

# DISA AIX 6.1 (V-821, V-22423, V-822): owner root or bin, group bin, sys or system, mode <= 0440.
AIX61_INETD_PROFILE = """\
[ftp]
inetd_conf_owners = ["root", "bin"]
inetd_conf_groups = ["bin", "sys", "system"]
inetd_conf_mode = 0o440
"""
_NETRC = "machine h login u password p\n"
_FTP_NOLOGIN: Account = ("ftp", 301, 1, "/home/ftp", "/bin/false")
_REQUIRED = '[services]\ntftp = "required"\n'
_INETD_IN_TFTPD = "tftp\tdgram\tudp\twait\troot\t/usr/sbin/in.tftpd\tin.tftpd -s /srv/tftp\n"
_SOCKET = "/usr/lib/systemd/system/tftp.socket"
#: An administrator's rc2.d script for a boot server: its name says nothing, its start branch runs tftpd.
_BOOT_SERVER = "#!/bin/ksh\ncase $1 in start) /usr/sbin/tftpd -n ;; esac\n"

AIX_CASES = [
    AIX_HARDENED,
    AIX_AS_INSTALLED,
    AIX_TFTP_AUTHORISED,
    # The shipped tftp line, uncommented: tftpd as nobody and no /etc/tftpaccess.ctl.
    AIX_HARDENED.changed(
        "aix-FTP-07-tftp-in-inetd",
        [File("/etc/inetd.conf", _aix_inetd(tftp=True), 0o640, "root", "system")],
        {"FTP-07": "fail", "FTP-08": "fail"},
    ),
    AIX_TFTP_AUTHORISED.changed("aixtftp-FTP-07-without-the-profile", [], {"FTP-07": "fail"}, profile=""),
    AIX_TFTP_AUTHORISED.changed(
        "aixtftp-FTP-08-tftpaccess-allows-etc",
        [File("/etc/tftpaccess.ctl", f"allow:{_TFTP_HOME}\nallow:/etc\n", 0o640)],
        {"FTP-08": "fail"},
    ),
    AIX_TFTP_AUTHORISED.changed("aixtftp-FTP-08-no-tftpaccess-ctl", [Absent("/etc/tftpaccess.ctl")], {"FTP-08": "fail"}),
    AIX_TFTP_AUTHORISED.changed(
        "aixtftp-FTP-08-tftpd-group-writable", [File("/usr/sbin/tftpd", "", 0o775, "root", "system")], {"FTP-08": "fail"}
    ),
    _with_accounts(
        AIX_TFTP_AUTHORISED,
        "aixtftp-FTP-08-tftp-account-with-a-shell",
        AIX_ACCOUNTS + [("tftp", 300, 300, _TFTP_HOME, "/usr/bin/ksh")],
        {"FTP-08": "fail"},
    ),
    AIX_HARDENED.changed("aix-FTP-09-netrc-in-roots-home-slash", [File("/.netrc", _NETRC, 0o600)], {"FTP-09": "fail"}),
    AIX_HARDENED.changed(
        "aix-FTP-09-netrc-in-a-home",
        [File("/home/alice/.netrc", _NETRC, 0o600, "alice", "staff")],
        {"FTP-09": "fail"},
    ),
    # Below a home, not in it: only the filesystem search finds it.
    AIX_HARDENED.changed(
        "aix-FTP-09-deep-netrc-missed-by-the-homes-search",
        [Dir("/home/alice/old", 0o700, "alice", "staff"), File("/home/alice/old/.netrc", "x\n", 0o600, "alice", "staff")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-09-deep-netrc-found-by-the-filesystem-search",
        [Dir("/home/alice/old", 0o700, "alice", "staff"), File("/home/alice/old/.netrc", "x\n", 0o600, "alice", "staff")],
        {"FTP-09": "fail"},
        profile='[ftp]\nnetrc_search = "filesystem"\n',
    ),
    AIX_HARDENED.changed(
        "aix-FTP-09-netrc-lists-only-ftp",
        [File("/etc/security/config", "tcpip:\n\tnetrc = ftp\n", 0o640, "root", "security")],
        {"FTP-09": "fail"},
    ),
    _with_accounts(
        AIX_HARDENED,
        "aix-FTP-15-ftp-account-nologin",
        AIX_ACCOUNTS + [("ftp", 301, 1, "/home/ftp", "/bin/false")],
        {"FTP-15": "pass"},
    ),
    _with_accounts(
        AIX_HARDENED,
        "aix-FTP-15-anonymous-account-with-ksh",
        AIX_ACCOUNTS + [("ftp", 301, 1, "/home/ftp", "/bin/false"), ("anonymous", 302, 1, "/home/ftp", "/usr/bin/ksh")],
        {"FTP-15": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-17-inetd-conf-group-staff", [File("/etc/inetd.conf", _aix_inetd(), 0o640, "root", "staff")], {"FTP-17": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-17-inetd-conf-owned-by-bin", [File("/etc/inetd.conf", _aix_inetd(), 0o640, "bin", "system")], {"FTP-17": "fail"}
    ),
    replace(
        AIX_HARDENED.changed("aix-FTP-17-inetd-conf-extended-acl", [], {"FTP-17": "fail"}),
        acls=(("/etc/inetd.conf", "u:204:r"),),  # alice, by number: setfacl resolves names on this host,
    ),
    AIX_HARDENED.changed(
        "aix-FTP-17-aix61-profile-accepts-bin-and-0440",
        [File("/etc/inetd.conf", _aix_inetd(), 0o440, "bin", "sys")],
        {},
        profile=AIX61_INETD_PROFILE,
    ),
    # Started at boot by AIX's own mechanisms, not inetd: an inittab entry, an rc2.d script (issue 12's class 1).
    AIX_HARDENED.changed(
        "aix-FTP-07-tftpd-from-inittab",
        [inittab("tftpd:2:once:/usr/bin/startsrc -s tftpd >/dev/console 2>&1\n")],
        {"FTP-07": "fail", "FTP-08": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-07-tftpd-commented-out-in-inittab",
        [inittab(":tftpd:2:once:/usr/bin/startsrc -s tftpd >/dev/console 2>&1\n")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-07-tftpd-from-an-rc2d-script",
        [
            Dir("/etc/rc.d/rc2.d", 0o755, "root", "system"),
            File("/etc/rc.d/rc2.d/S80boot-server", _BOOT_SERVER, 0o755, "root", "system"),
        ],
        {"FTP-07": "fail", "FTP-08": "fail"},
    ),
]

# -- Debian ---------------------------------------------------------------------------------

DEBIAN_ACCOUNTS: list[Account] = [
    ("root", 0, 0, "/root", "/bin/bash"),
    ("daemon", 1, 1, "/usr/sbin", "/usr/sbin/nologin"),
    ("bin", 2, 2, "/bin", "/usr/sbin/nologin"),
    ("sys", 3, 3, "/dev", "/usr/sbin/nologin"),
    ("nobody", 65534, 65534, "/nonexistent", "/usr/sbin/nologin"),
    ("alice", 1000, 1000, "/home/alice", "/bin/bash"),
]
DEBIAN_GROUPS = {"root": 0, "daemon": 1, "bin": 2, "sys": 3, "adm": 4, "staff": 50, "users": 100, "nogroup": 65534, "alice": 1000}
# tftpd-hpa's postinst: adduser --system --home /srv/tftp --no-create-home --group tftp.
DEBIAN_TFTP: Account = ("tftp", 106, 112, "/srv/tftp", "/usr/sbin/nologin")

# tftpd-hpa 5.2+20150808-1.4 postinst, with its debconf defaults.
DEBIAN_TFTPD_HPA = """\
# /etc/default/tftpd-hpa

TFTP_USERNAME="tftp"
TFTP_DIRECTORY="/srv/tftp"
TFTP_ADDRESS=":69"
TFTP_OPTIONS="--secure"
"""

# Debian xinetd 1:2.3.15.3-1 /etc/xinetd.conf, as shipped.
DEBIAN_XINETD_CONF = """\
# Simple configuration file for xinetd
#
# Some defaults, and include /etc/xinetd.d/

defaults
{

# Please note that you need a log_type line to be able to use log_on_success
# and log_on_failure. The default is the following :
# log_type = SYSLOG daemon info

}

includedir /etc/xinetd.d
"""

# RHEL 7 tftp-server /etc/xinetd.d/tftp, as shipped (disable = yes).
RHEL_XINETD_TFTP = """\
# default: off
# description: The tftp server serves files using the trivial file transfer \\
#	protocol.  The tftp protocol is often used to boot diskless \\
#	workstations, download configuration files to network-aware printers, \\
#	and to start the installation process for some operating systems.
service tftp
{
	socket_type		= dgram
	protocol		= udp
	wait			= yes
	user			= root
	server			= /usr/sbin/in.tftpd
	server_args		= -s /var/lib/tftpboot
	disable			= yes
	per_source		= 11
	cps			= 100 2
	flags			= IPv4
}
"""

RHEL_XINETD_TFTP_ON = RHEL_XINETD_TFTP.replace("= yes\n\tper_source", "= no\n\tper_source")

DEBIAN_HARDENED = Scenario(
    name="debian-hardened",
    platform="linux",
    users={a[0]: a[1] for a in DEBIAN_ACCOUNTS},
    groups=DEBIAN_GROUPS,
    root_group="root",
    nodes=(
        File("/etc/debian_version", "12.8\n"),
        File("/etc/passwd", _passwd(DEBIAN_ACCOUNTS)),
        Dir("/root", 0o700),
        File("/root/.bashrc", "# ~/.bashrc\n", 0o644),
        Dir("/home/alice", 0o750, "alice", "alice"),
        Dir("/etc/systemd/system/multi-user.target.wants"),
    ),
    expect={"FTP-07": "pass", "FTP-08": "na", "FTP-09": "pass", "FTP-15": "na", "FTP-17": "na"},
)

_TFTPD_HPA_NODES = [
    File("/usr/sbin/in.tftpd", "", 0o755),
    File("/etc/init.d/tftpd-hpa", "#!/bin/sh\n", 0o755),
    File("/etc/default/tftpd-hpa", DEBIAN_TFTPD_HPA, 0o644),
    Dir("/srv/tftp", 0o755, "root", "nogroup"),
    *(Link(f"/etc/rc{n}.d/S01tftpd-hpa", "../init.d/tftpd-hpa") for n in (2, 3, 4, 5)),
]
DEBIAN_TFTPD_HPA_AUTHORISED = _with_accounts(
    DEBIAN_HARDENED,
    "debiantftp-tftpd-hpa-authorised",
    DEBIAN_ACCOUNTS + [DEBIAN_TFTP],
    {"FTP-07": "na", "FTP-08": "pass"},
    _TFTPD_HPA_NODES,
    profile=_REQUIRED,
)
_XINETD_NODES = [
    File("/usr/sbin/xinetd", "", 0o755),
    File("/usr/sbin/in.tftpd", "", 0o755),
    File("/etc/xinetd.conf", DEBIAN_XINETD_CONF, 0o640),
    Dir("/etc/xinetd.d"),
    File("/etc/xinetd.d/tftp", RHEL_XINETD_TFTP, 0o644),
    File("/etc/xinetd.d/tftp.rpmsave", RHEL_XINETD_TFTP_ON, 0o644),
    Dir("/var/lib/tftpboot", 0o755),
]

DEBIAN_CASES = [
    DEBIAN_HARDENED,
    DEBIAN_TFTPD_HPA_AUTHORISED,
    # tftpd-hpa as the package installs it (confined, its own account), on a host not authorised for TFTP.
    DEBIAN_TFTPD_HPA_AUTHORISED.changed("debiantftp-FTP-07-tftpd-hpa-as-installed", [], {"FTP-07": "fail"}, profile=""),
    DEBIAN_TFTPD_HPA_AUTHORISED.changed(
        "debiantftp-FTP-08-tftpd-hpa-without-secure",
        [File("/etc/default/tftpd-hpa", DEBIAN_TFTPD_HPA.replace('"--secure"', '""'), 0o644)],
        {"FTP-08": "fail"},
    ),
    DEBIAN_TFTPD_HPA_AUTHORISED.changed(
        "debiantftp-FTP-08-tftpd-hpa-as-nobody",
        [File("/etc/default/tftpd-hpa", DEBIAN_TFTPD_HPA.replace('TFTP_USERNAME="tftp"', 'TFTP_USERNAME="nobody"'), 0o644)],
        {"FTP-08": "fail"},
    ),
    # The stock tftp file says disable = yes; the .rpmsave copy is never read (xinetd skips names with a dot).
    DEBIAN_HARDENED.changed("debian-xinetd-tftp-disabled", _XINETD_NODES, {"FTP-17": "pass"}),
    DEBIAN_HARDENED.changed(
        "debian-FTP-07-xinetd-tftp-enabled",
        [*_XINETD_NODES, File("/etc/xinetd.d/tftp", RHEL_XINETD_TFTP_ON, 0o644)],
        # RHEL's file runs in.tftpd as root with no -u: in.tftpd drops to nobody, no dedicated account.
        {"FTP-07": "fail", "FTP-08": "fail", "FTP-17": "pass"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-17-xinetd-conf-as-shipped-0644",
        [*_XINETD_NODES, File("/etc/xinetd.conf", DEBIAN_XINETD_CONF, 0o644)],
        {"FTP-17": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-17-inetd-conf-group-staff",
        [
            File(
                "/etc/inetd.conf",
                "#<off># " + _INETD_IN_TFTPD,
                0o640,
                "root",
                "staff",
            )
        ],
        {"FTP-17": "fail"},
    ),
    replace(
        DEBIAN_HARDENED.changed("debian-FTP-17-xinetd-conf-extended-acl", _XINETD_NODES, {"FTP-17": "fail"}),
        acls=(("/etc/xinetd.conf", "u:65534:r"),),
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-07-inetd-tftp-line",
        [
            File("/usr/sbin/in.tftpd", "", 0o755),
            File("/etc/inetd.conf", _INETD_IN_TFTPD, 0o640),
        ],
        {"FTP-07": "fail", "FTP-08": "fail", "FTP-17": "pass"},
    ),
    DEBIAN_HARDENED.changed("debian-FTP-09-netrc-in-roots-home", [File("/root/.netrc", _NETRC, 0o600)], {"FTP-09": "fail"}),
    _with_accounts(
        DEBIAN_HARDENED,
        "debian-FTP-15-vsftpd-ftp-account",
        DEBIAN_ACCOUNTS + [("ftp", 108, 113, "/srv/ftp", "/usr/sbin/nologin")],
        {"FTP-15": "pass"},
    ),
    _with_accounts(
        DEBIAN_HARDENED,
        "debian-FTP-15-ftp-account-with-bash",
        DEBIAN_ACCOUNTS + [("ftp", 108, 113, "/srv/ftp", "/bin/bash")],
        {"FTP-15": "fail"},
    ),
]

# -- RHEL -----------------------------------------------------------------------------------

# RHEL 9's setup package: the ftp account ships with /sbin/nologin whether or not vsftpd is installed.
RHEL_ACCOUNTS: list[Account] = [
    ("root", 0, 0, "/root", "/bin/bash"),
    ("bin", 1, 1, "/bin", "/sbin/nologin"),
    ("daemon", 2, 2, "/sbin", "/sbin/nologin"),
    ("ftp", 14, 50, "/var/ftp", "/sbin/nologin"),
    ("nobody", 65534, 65534, "/", "/sbin/nologin"),
]
RHEL_AS_INSTALLED = Scenario(
    name="rhel-as-installed",
    platform="linux",
    users={a[0]: a[1] for a in RHEL_ACCOUNTS},
    groups={"root": 0, "bin": 1, "daemon": 2, "ftp": 50, "nobody": 65534},
    root_group="root",
    nodes=(
        File("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n"),
        File("/etc/passwd", _passwd(RHEL_ACCOUNTS)),
        Dir("/root", 0o550),
    ),
    expect={"FTP-07": "pass", "FTP-08": "na", "FTP-09": "pass", "FTP-15": "pass", "FTP-17": "na"},
)
_WANTS = "/etc/systemd/system/sockets.target.wants"
# RHEL 9 tftp-server 5.2, /usr/lib/systemd/system/tftp.service as shipped (tftp.socket starts it).
RHEL_TFTP_SERVICE = """\
[Unit]
Description=Tftp Server
Requires=tftp.socket
Documentation=man:in.tftpd

[Service]
ExecStart=/usr/sbin/in.tftpd -s /var/lib/tftpboot
StandardInput=socket

[Install]
Also=tftp.socket
"""
_RHEL_TFTP_SERVER = [
    File("/usr/sbin/in.tftpd", "", 0o755),
    File("/usr/lib/systemd/system/tftp.service", RHEL_TFTP_SERVICE),
    File("/usr/lib/systemd/system/tftp.socket", "[Socket]\nListenDatagram=69\n"),
    Dir("/var/lib/tftpboot", 0o755),
    Dir(_WANTS),
    Link(f"{_WANTS}/tftp.socket", _SOCKET),
]
_RHEL_TFTP_ACCOUNT: Account = ("tftp", 990, 990, "/var/lib/tftpboot", "/sbin/nologin")
# A site's full override: the dedicated account, still confined to one directory.
RHEL_TFTP_SERVICE_HARDENED = RHEL_TFTP_SERVICE.replace("-s /var/lib/tftpboot", "-s -u tftp /var/lib/tftpboot")

RHEL_TFTP_AUTHORISED = _with_accounts(
    RHEL_AS_INSTALLED,
    "rheltftp-authorised-with-its-own-account",
    RHEL_ACCOUNTS + [_RHEL_TFTP_ACCOUNT],
    {"FTP-07": "na", "FTP-08": "pass"},
    [*_RHEL_TFTP_SERVER, File("/etc/systemd/system/tftp.service", RHEL_TFTP_SERVICE_HARDENED)],
    profile=_REQUIRED,
)

RHEL_CASES = [
    RHEL_AS_INSTALLED,
    # tftp-server as shipped: tftp.socket starts in.tftpd -s as root, which drops to nobody, no dedicated account.
    RHEL_AS_INSTALLED.changed("rhel-FTP-07-tftp-socket-enabled", _RHEL_TFTP_SERVER, {"FTP-07": "fail", "FTP-08": "fail"}),
    RHEL_TFTP_AUTHORISED,
    RHEL_TFTP_AUTHORISED.changed(
        "rheltftp-FTP-08-tftp-service-without-secure",
        [File("/etc/systemd/system/tftp.service", RHEL_TFTP_SERVICE_HARDENED.replace("-s -u", "-u"))],
        {"FTP-08": "fail"},
    ),
    # A drop-in may replace ExecStart and is not read: the account is right, the confinement unknown.
    RHEL_TFTP_AUTHORISED.changed(
        "rheltftp-FTP-08-tftp-service-drop-in-not-read",
        [
            Dir("/etc/systemd/system/tftp.service.d"),
            File("/etc/systemd/system/tftp.service.d/override.conf", "[Service]\nExecStart=\nExecStart=/usr/sbin/in.tftpd /\n"),
        ],
        {"FTP-08": "error"},
    ),
    RHEL_AS_INSTALLED.changed(
        "rhel-FTP-09-netrc-found-below-a-search-root",
        [Dir("/srv/app", 0o755), Dir("/srv/app/cfg", 0o755), File("/srv/app/cfg/.netrc", "x\n", 0o600)],
        {"FTP-09": "fail"},
        profile='[ftp]\nnetrc_search_roots = ["/srv"]\n',
    ),
]

SCENARIOS = AIX_CASES + DEBIAN_CASES + RHEL_CASES
#: The host each single-defect scenario changes, by the first word of its name: the TFTP-authorised hosts
#: are their own bases, so a broken TFTP setting moves FTP-08 alone (and a missing authorisation FTP-07 alone).
BASES = {
    "aix": AIX_HARDENED,
    "aixtftp": AIX_TFTP_AUTHORISED,
    "debian": DEBIAN_HARDENED,
    "debiantftp": DEBIAN_TFTPD_HPA_AUTHORISED,
    "rhel": RHEL_AS_INSTALLED,
    "rheltftp": RHEL_TFTP_AUTHORISED,
}
SINGLE_DEFECTS = [s for s in SCENARIOS if s not in BASES.values()]
