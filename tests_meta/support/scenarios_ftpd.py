"""Scenario hosts for the ftpd hardening controls (FTP-10 .. FTP-14, FTP-16): hardened, as installed, one defect each, N/A.

Provenance of the stock texts:
- AIX /etc/security/user `default:` stanza: IBM AIX 7.2 Files Reference, "/etc/security/user File" (umask = 022,
  the shipped default); /etc/inetd.conf: AIX 7.2 as shipped (ftp line `ftpd` without arguments).
- AIX /etc/ssh/sshd_config: IBM openssh.base.server 9.x ships OpenSSH's portable sshd_config with
  `Subsystem sftp /usr/sbin/sftp-server`.
- Debian /etc/ssh/sshd_config: Debian 12 openssh-server 1:9.2p1-2+deb12u10, /usr/share/openssh/sshd_config,
  comments shortened; RHEL 9: openssh-server-8.7p1 /etc/ssh/sshd_config and sshd_config.d/50-redhat.conf.
- vsftpd.conf: the stock files in scenarios_ftp_snmp (Debian 12 vsftpd 3.0.3, RHEL 9 vsftpd 3.0.5).
"""

from __future__ import annotations

from dataclasses import replace

from tests_meta.support.scenario import Absent, Dir, File, Link, Node, Scenario
from tests_meta.support.scenarios_cron import AIX_GROUPS, AIX_USERS, DEBIAN_GROUPS, DEBIAN_USERS, RHEL_GROUPS, RHEL_USERS
from tests_meta.support.scenarios_ftp_snmp import (
    AIX_FTPUSERS,
    DEBIAN_FTPUSERS,
    DEBIAN_PAM_VSFTPD,
    DEBIAN_VSFTPD_HARDENED,
    PURE_FTPD,
    RHEL_FTPUSERS,
    RHEL_PAM_VSFTPD,
    RHEL_VSFTPD_STOCK,
)

IDS = ["FTP-10", "FTP-11", "FTP-12", "FTP-13", "FTP-14", "FTP-16"]
FOLDERS = ("tests_ftp/test_ftpd_hardening.py",)

AIX_INETD = """\
## IBM_PROLOG_BEGIN_TAG
## service name  socket  protocol wait/nowait  user  server program  server program arguments
##
{ftp}ftp	stream	tcp6	nowait	root	/usr/sbin/ftpd	ftpd{args}
#telnet	stream	tcp6	nowait	root	/usr/sbin/telnetd	telnetd -a
"""


def aix_inetd(args: str = " -l -u077", enabled: bool = True) -> str:
    return AIX_INETD.format(ftp="" if enabled else "#", args=args)


DOD_BANNER = (
    "You are accessing a U.S. Government (USG) Information System (IS) that is provided for\n"
    "USG-authorized use only. By using this IS (which includes any device attached to this IS),\n"
    "you consent to the following conditions: The USG routinely intercepts and monitors communications.\n"
)

# AIX 7.2 /etc/security/user as shipped (IBM Files Reference), the stanzas FTP-13 reads.
AIX_SECURITY_USER = """\
* IBM_PROLOG_BEGIN_TAG
*   default:
*	umask = 022
default:
	admin = false
	login = true
	su = true
	daemon = true
	rlogin = true
	sugroups = ALL
	admgroups =
	ttys = ALL
	auth1 = SYSTEM
	auth2 = NONE
	tpath = nosak
	umask = 022
	expires = 0
	SYSTEM = "compat"
	logintimes =
	pwdwarntime = 0
	account_locked = false
	loginretries = 0
	histexpire = 0
	histsize = 0

root:
	admin = true
	SYSTEM = "compat"
	loginretries = 0
	account_locked = false

daemon:
	admin = true
	expires = 0101000070
"""

AIX_SYSLOG_HARDENED = """\
# @(#)34	1.11  src/bos/etc/syslog/syslog.conf, cmdnet, bos720 4/27/04 14:47:53
# IBM_PROLOG_END_TAG
*.debug;mail.none		/var/adm/syslog.log rotate size 1m files 4
"""
AIX_SYSLOG_STOCK = """\
# @(#)34	1.11  src/bos/etc/syslog/syslog.conf, cmdnet, bos720 4/27/04 14:47:53
# IBM_PROLOG_END_TAG
# example:
# "mail messages, at debug or higher, go to Log file. File must exist."
# "all facilities, at debug and higher, go to console"
# "all facilities, at crit or higher, go to all users"
#  mail.debug           /usr/spool/mqueue/syslog
#  *.debug              /dev/console
#  *.crit                       *
"""

AIX_SSHD_STOCK = """\
#	$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $
# This is the sshd server system-wide configuration file.
#Port 22
#PermitRootLogin prohibit-password
AuthorizedKeysFile	.ssh/authorized_keys
# override default of no subsystems
Subsystem	sftp	/usr/sbin/sftp-server
# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	ForceCommand cvs server
"""
AIX_SSHD_HARDENED = AIX_SSHD_STOCK.replace("/usr/sbin/sftp-server", "/usr/sbin/sftp-server -u 027 -f AUTH -l INFO")

DEBIAN_SSHD_STOCK = """\
# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

Include /etc/ssh/sshd_config.d/*.conf

#Port 22
#PermitRootLogin prohibit-password
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no

# Allow client to pass locale environment variables
AcceptEnv LANG LC_*

# override default of no subsystems
Subsystem	sftp	/usr/lib/openssh/sftp-server

# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	AllowTcpForwarding no
#	PermitTTY no
#	ForceCommand cvs server
"""
DEBIAN_SFTP_ARGS = "/usr/lib/openssh/sftp-server -u 027 -f AUTH -l VERBOSE"
DEBIAN_SSHD_HARDENED = DEBIAN_SSHD_STOCK.replace("/usr/lib/openssh/sftp-server", DEBIAN_SFTP_ARGS)

RHEL_SSHD_STOCK = """\
#	$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $

# To modify the system-wide sshd configuration, create a  *.conf  file under
#  /etc/ssh/sshd_config.d/  which will be automatically included below
Include /etc/ssh/sshd_config.d/*.conf

# If you want to change the port on a SELinux system, you have to tell
# SELinux about this change.
#Port 22
AuthorizedKeysFile	.ssh/authorized_keys

# override default of no subsystems
Subsystem	sftp	/usr/libexec/openssh/sftp-server

# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	AllowTcpForwarding no
#	PermitTTY no
#	ForceCommand cvs server
"""
RHEL_SSHD_REDHAT_CONF = """\
# This system is following system-wide crypto policy. The changes to
# crypto properties (Ciphers, MACs, ...) will not have any effect in
# this or following included files. To override some configuration option,
# write it before this block or in a file included before this one.
Include /etc/crypto-policies/back-ends/opensshserver.config

SyslogFacility AUTHPRIV

ChallengeResponseAuthentication no

GSSAPIAuthentication yes
GSSAPICleanupCredentials no

UsePAM yes

X11Forwarding yes

# It is recommended to use pam_motd in /etc/pam.d/sshd instead of PrintMotd,
# as it is more configurable and versatile than the built-in version.
PrintMotd no
"""
RHEL_CRYPTO_POLICY = "Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr\n"

# -- AIX ---------------------------------------------------------------------------------------------------

AIX_HARDENED = Scenario(
    name="aix-hardened",
    platform="aix",
    users=AIX_USERS,
    groups=AIX_GROUPS,
    nodes=(
        Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
        File("/etc/inetd.conf", aix_inetd(), 0o644, "root", "system"),
        File("/etc/ftpusers", AIX_FTPUSERS, 0o640, "root", "system"),
        File("/etc/ftpaccess.ctl", "herald: /etc/ftpd.herald\nmotd: off\n", 0o640, "root", "system"),
        File("/etc/ftpd.herald", DOD_BANNER, 0o644, "root", "system"),
        Dir("/etc/security", 0o750, "root", "security"),
        File("/etc/security/user", AIX_SECURITY_USER, 0o640, "root", "security"),
        File("/etc/syslog.conf", AIX_SYSLOG_HARDENED, 0o644, "root", "system"),
        Dir("/etc/ssh", 0o755, "root", "system"),
        File("/etc/ssh/sshd_config", AIX_SSHD_HARDENED, 0o644, "root", "system"),
    ),
    expect={c: "pass" for c in IDS},
)
AIX_ENABLED = {c: "na" for c in ("FTP-11", "FTP-12", "FTP-13", "FTP-14")}


def _with_users(scenario: Scenario, **users: int) -> Scenario:
    return replace(scenario, users={**scenario.users, **users})


AIX_AS_INSTALLED = AIX_HARDENED.changed(
    "aix-as-installed",
    [
        File("/etc/inetd.conf", aix_inetd(""), 0o644, "root", "system"),
        Absent("/etc/ftpusers"),
        Absent("/etc/ftpaccess.ctl"),
        Absent("/etc/ftpd.herald"),
        File("/etc/syslog.conf", AIX_SYSLOG_STOCK, 0o644, "root", "system"),
        File("/etc/ssh/sshd_config", AIX_SSHD_STOCK, 0o644, "root", "system"),
    ],
    {"FTP-10": "na", "FTP-11": "fail", "FTP-12": "fail", "FTP-13": "fail", "FTP-14": "fail", "FTP-16": "fail"},
)

AIX_DEFECTS = [
    AIX_HARDENED.changed(
        "aix-FTP-10-ftpusers-group-staff", [File("/etc/ftpusers", AIX_FTPUSERS, 0o640, "root", "staff")], {"FTP-10": "fail"}
    ),
    AIX_HARDENED.changed("aix-FTP-10-no-ftpusers", [Absent("/etc/ftpusers")], {"FTP-10": "na"}),
    # A real POSIX ACL entry on the tree (setfacl after the build): the mode bits still read 0640.
    replace(
        AIX_HARDENED.changed("aix-FTP-10-ftpusers-extended-acl", [], {"FTP-10": "fail"}),
        acls=(("/etc/ftpusers", "u:nobody:r"),),
    ),
    replace(
        AIX_HARDENED.changed("aix-FTP-11-ftpaccess-ctl-extended-acl", [], {"FTP-11": "fail"}),
        acls=(("/etc/ftpaccess.ctl", "u:nobody:r"),),
    ),
    AIX_HARDENED.changed("aix-FTP-11-no-ftpaccess-ctl", [Absent("/etc/ftpaccess.ctl")], {"FTP-11": "fail", "FTP-12": "fail"}),
    AIX_HARDENED.changed(
        "aix-FTP-11-ftpaccess-ctl-0644",
        [File("/etc/ftpaccess.ctl", "herald: /etc/ftpd.herald\n", 0o644, "root", "system")],
        {"FTP-11": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-11-ftpaccess-ctl-owner-bin",
        [File("/etc/ftpaccess.ctl", "herald: /etc/ftpd.herald\n", 0o640, "bin", "system")],
        {"FTP-11": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-11-ftpaccess-ctl-group-staff",
        [File("/etc/ftpaccess.ctl", "herald: /etc/ftpd.herald\n", 0o640, "root", "staff")],
        {"FTP-11": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-ftpd-disabled", [File("/etc/inetd.conf", aix_inetd(enabled=False), 0o644, "root", "system")], AIX_ENABLED
    ),
    AIX_HARDENED.changed(
        "aix-FTP-12-no-herald-line",
        [File("/etc/ftpaccess.ctl", "deny: 10.0.0.0\n# herald: /etc/ftpd.herald\n", 0o640, "root", "system")],
        {"FTP-12": "fail"},
    ),
    # A herald line ftpd may or may not read (blanks before the keyword): neither a pass nor a fail.
    AIX_HARDENED.changed(
        "aix-FTP-12-indented-herald-not-read",
        [File("/etc/ftpaccess.ctl", "  herald: /etc/ftpd.herald\n", 0o640, "root", "system")],
        {"FTP-12": "error"},
    ),
    AIX_HARDENED.changed("aix-FTP-12-herald-file-missing", [Absent("/etc/ftpd.herald")], {"FTP-12": "fail"}),
    AIX_HARDENED.changed(
        "aix-FTP-12-herald-file-empty", [File("/etc/ftpd.herald", "\n", 0o644, "root", "system")], {"FTP-12": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-12-banner-words-present",
        [],
        {},
        profile='[ftp]\nbanner_words = ["USG-authorized   use only", "consent to the following conditions"]\n',
    ),
    # The STIG presets want the DoD notice itself: the hardened host's herald has it, a generic warning does not.
    AIX_HARDENED.changed("aix-FTP-12-dod-notice-stig-aix61", [], {}, profile='extends = "stig-aix61"\n'),
    AIX_HARDENED.changed(
        "aix-FTP-12-generic-warning-stig-aix7",
        [
            File(
                "/etc/ftpd.herald", "Authorized uses only. All activity may be monitored and reported.\n", 0o644, "root", "system"
            )
        ],
        {"FTP-12": "fail"},
        profile='extends = "stig-aix7"\n',
    ),
    AIX_HARDENED.changed(
        "aix-FTP-12-banner-words-missing", [], {"FTP-12": "fail"}, profile='[ftp]\nbanner_words = ["Department of Defense"]\n'
    ),
    # The catalog is read by running dspcat: a --sysroot scan runs no commands.
    AIX_HARDENED.changed("aix-FTP-12-catalog-not-read", [], {"FTP-12": "error"}, profile='[ftp]\nbanner_source = "catalog"\n'),
    AIX_HARDENED.changed(
        "aix-FTP-13-FTP-14-ftpd-without-arguments",
        [File("/etc/inetd.conf", aix_inetd(""), 0o644, "root", "system")],
        {"FTP-13": "fail", "FTP-14": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-13-umask-027", [File("/etc/inetd.conf", aix_inetd(" -l -u 027"), 0o644, "root", "system")], {"FTP-13": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-13-umask-027-cis-profile",
        [File("/etc/inetd.conf", aix_inetd(" -l -u 027"), 0o644, "root", "system")],
        {},
        profile="[ftp]\numask = 0o027\n",
    ),
    # An ftp account takes the default: stanza's umask 022 unless its own stanza sets one.
    _with_users(AIX_HARDENED.changed("aix-FTP-13-ftp-account-umask-022", [], {"FTP-13": "fail"}), ftp=300),
    _with_users(
        AIX_HARDENED.changed(
            "aix-FTP-13-ftp-account-umask-077",
            [File("/etc/security/user", AIX_SECURITY_USER + "\nftp:\n\tumask = 077\n", 0o640, "root", "security")],
            {},
        ),
        ftp=300,
    ),
    _with_users(
        AIX_HARDENED.changed(
            "aix-FTP-13-ftp-umask-line-not-read",
            [File("/etc/security/user", AIX_SECURITY_USER + "\nftp:\n\tumask 077\n", 0o640, "root", "security")],
            {"FTP-13": "error"},
        ),
        ftp=300,
    ),
    AIX_HARDENED.changed(
        "aix-FTP-14-no-daemon-info", [File("/etc/syslog.conf", AIX_SYSLOG_STOCK, 0o644, "root", "system")], {"FTP-14": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-14-daemon-info-remote",
        [File("/etc/syslog.conf", AIX_SYSLOG_STOCK + "daemon.info\t@loghost\n", 0o644, "root", "system")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-14-only-daemon-err",
        [File("/etc/syslog.conf", AIX_SYSLOG_STOCK + "daemon.err\t/var/adm/daemon.log\n", 0o644, "root", "system")],
        {"FTP-14": "fail"},
    ),
    AIX_HARDENED.changed("aix-FTP-16-no-sshd", [Absent("/etc/ssh")], {"FTP-16": "na"}),
    AIX_HARDENED.changed(
        "aix-FTP-16-no-log-level",
        [File("/etc/ssh/sshd_config", AIX_SSHD_STOCK.replace("sftp-server", "sftp-server -u027"), 0o644, "root", "system")],
        {"FTP-16": "fail"},
    ),
]

# -- Debian ------------------------------------------------------------------------------------------------

_WANTS = "/etc/systemd/system/multi-user.target.wants"
DEBIAN_VSFTPD = DEBIAN_VSFTPD_HARDENED + "ftpd_banner=Authorized uses only. All activity may be monitored and reported.\n"

DEBIAN_HARDENED = Scenario(
    name="debian-hardened",
    platform="linux",
    users={**DEBIAN_USERS, "ftp": 108},
    groups={**DEBIAN_GROUPS, "ftp": 113},
    root_group="root",
    nodes=(
        File("/etc/debian_version", "12.8\n"),
        File("/usr/sbin/vsftpd", "", 0o755),
        File("/etc/vsftpd.conf", DEBIAN_VSFTPD, 0o644),
        File("/etc/pam.d/vsftpd", DEBIAN_PAM_VSFTPD),
        File("/etc/ftpusers", DEBIAN_FTPUSERS + "ftp\n", 0o640),
        Dir(_WANTS),
        Link(f"{_WANTS}/vsftpd.service", "/lib/systemd/system/vsftpd.service"),
        Dir("/etc/ssh"),
        File("/etc/ssh/sshd_config", DEBIAN_SSHD_HARDENED),
        Dir("/etc/ssh/sshd_config.d"),
    ),
    expect={**{c: "pass" for c in IDS}, "FTP-11": "na"},
)
LINUX_ENABLED = {c: "na" for c in ("FTP-12", "FTP-13", "FTP-14")}

#: proftpd or pure-ftpd in place of vsftpd, enabled.
_NOT_VSFTPD = [Absent("/usr/sbin/vsftpd"), Absent("/etc/vsftpd.conf"), Absent(f"{_WANTS}/vsftpd.service")]
_PROFTPD = [
    *_NOT_VSFTPD,
    File("/usr/sbin/proftpd", "", 0o755),
    Link(f"{_WANTS}/proftpd.service", "/lib/systemd/system/proftpd.service"),
    Dir("/etc/proftpd"),
]
_PROFTPD_HARDENED = (
    'ServerName "Debian"\nServerIdent on "Authorized uses only. All activity may be monitored and reported."\n'
    "Umask 077 077\nTransferLog /var/log/proftpd/xferlog\n"
)


#: ServerIdent off and the banner in a DisplayConnect file (the ServerIdent text stays behind as a comment).
_DISPLAY_CONNECT = 'ServerIdent off\nDisplayConnect /etc/proftpd/welcome.msg\n#"'


def _proftpd_conf(text: str) -> Node:
    return File("/etc/proftpd/proftpd.conf", text, 0o644)


_PURE_FTPD = [
    *PURE_FTPD,
    File("/etc/pure-ftpd/conf/AltLog", "clf:/var/log/pure-ftpd/transfer.log\n"),
    File("/etc/pure-ftpd/conf/Umask", "177:077\n"),
    File("/etc/pure-ftpd/conf/FortunesFile", "/etc/pure-ftpd/banner\n"),
    File("/etc/pure-ftpd/banner", DOD_BANNER),
]


def _pure_ftpd_without(*options: str) -> list[Node]:
    return [n for n in _PURE_FTPD if n.path not in {f"/etc/pure-ftpd/conf/{o}" for o in options}]


DEBIAN_OTHER = [
    DEBIAN_HARDENED.changed(
        "debian-as-installed",
        [
            File("/etc/vsftpd.conf", DEBIAN_VSFTPD_HARDENED.replace("xferlog_enable=YES", "#xferlog_enable=YES"), 0o644),
            File("/etc/ssh/sshd_config", DEBIAN_SSHD_STOCK),
        ],
        {"FTP-12": "fail", "FTP-14": "fail", "FTP-16": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-10-ftpusers-group-adm", [File("/etc/ftpusers", DEBIAN_FTPUSERS, 0o640, "root", "adm")], {"FTP-10": "fail"}
    ),
    replace(
        DEBIAN_HARDENED.changed("debian-FTP-10-ftpusers-extended-acl", [], {"FTP-10": "fail"}),
        acls=(("/etc/ftpusers", "g:adm:r"),),
    ),
    DEBIAN_HARDENED.changed("debian-vsftpd-not-enabled", [Absent(f"{_WANTS}/vsftpd.service")], LINUX_ENABLED),
    DEBIAN_HARDENED.changed(
        "debian-FTP-12-banner-file-missing",
        [File("/etc/vsftpd.conf", DEBIAN_VSFTPD + "banner_file=/etc/vsftpd.banner\n")],
        {"FTP-12": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-12-banner-file",
        [
            File("/etc/vsftpd.conf", DEBIAN_VSFTPD_HARDENED + "banner_file=/etc/vsftpd.banner\n"),
            File("/etc/vsftpd.banner", DOD_BANNER),
        ],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-13-local-umask-022", [File("/etc/vsftpd.conf", DEBIAN_VSFTPD + "local_umask=022\n")], {"FTP-13": "fail"}
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-13-anonymous-uploads-anon-umask-022",
        [
            File(
                "/etc/vsftpd.conf",
                DEBIAN_VSFTPD.replace("anonymous_enable=NO", "anonymous_enable=YES")
                + "write_enable=YES\nanon_upload_enable=YES\nanon_umask=022\n",
            )
        ],
        {"FTP-13": "fail"},
    ),
    # anon_umask only matters when anonymous users can upload.
    DEBIAN_HARDENED.changed(
        "debian-FTP-13-anon-umask-022-without-uploads", [File("/etc/vsftpd.conf", DEBIAN_VSFTPD + "anon_umask=022\n")], {}
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-14-syslog-only",
        [File("/etc/vsftpd.conf", DEBIAN_VSFTPD.replace("xferlog_enable=YES", "syslog_enable=YES"))],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-proftpd-not-read",
        [
            Absent("/usr/sbin/vsftpd"),
            Absent("/etc/vsftpd.conf"),
            Absent(f"{_WANTS}/vsftpd.service"),
            File("/usr/sbin/proftpd", "", 0o755),
            Link(f"{_WANTS}/proftpd.service", "/lib/systemd/system/proftpd.service"),
        ],
        {"FTP-12": "error", "FTP-13": "error", "FTP-14": "error"},
    ),
    # proftpd and pure-ftpd are judged by their own configuration (mod_core ServerIdent, Umask, TransferLog;
    # pure-ftpd's FortunesFile, Umask, syslog and AltLog as Debian's wrapper reads /etc/pure-ftpd/conf).
    DEBIAN_HARDENED.changed("debian-FTP-12-14-proftpd-hardened", _PROFTPD + [_proftpd_conf(_PROFTPD_HARDENED)], {}),
    DEBIAN_HARDENED.changed(
        "debian-FTP-12-14-proftpd-as-debian-ships-it",
        _PROFTPD + [_proftpd_conf('ServerName "Debian"\nUmask 022 022\nTransferLog /var/log/proftpd/xferlog\n')],
        {"FTP-12": "fail", "FTP-13": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-14-proftpd-transferlog-none",
        _PROFTPD + [_proftpd_conf(_PROFTPD_HARDENED.replace("TransferLog /var/log/proftpd/xferlog", "TransferLog NONE"))],
        {"FTP-14": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-12-proftpd-displayconnect-file",
        _PROFTPD
        + [
            _proftpd_conf(_PROFTPD_HARDENED.replace('ServerIdent on "', _DISPLAY_CONNECT)),
            File("/etc/proftpd/welcome.msg", DOD_BANNER),
        ],
        {},
    ),
    DEBIAN_HARDENED.changed("debian-FTP-12-14-pure-ftpd-hardened", _PURE_FTPD, {}),
    DEBIAN_HARDENED.changed(
        "debian-FTP-12-13-pure-ftpd-stock",
        _pure_ftpd_without("FortunesFile", "Umask"),
        {"FTP-12": "fail", "FTP-13": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-14-pure-ftpd-no-syslog-no-altlog",
        _pure_ftpd_without("AltLog") + [File("/etc/pure-ftpd/conf/SyslogFacility", "none\n")],
        {"FTP-14": "fail"},
    ),
    # vsftpd is judged, but a second daemon whose configuration is not read keeps the verdict open.
    DEBIAN_HARDENED.changed(
        "debian-vsftpd-and-proftpd-enabled",
        [File("/usr/sbin/proftpd", "", 0o755), Link(f"{_WANTS}/proftpd.service", "/lib/systemd/system/proftpd.service")],
        {"FTP-12": "error", "FTP-13": "error", "FTP-14": "error"},
    ),
    # Include comes first in Debian's file: a sshd_config.d file's Subsystem is the one sshd uses.
    DEBIAN_HARDENED.changed(
        "debian-FTP-16-include-sets-subsystem",
        [
            File("/etc/ssh/sshd_config", DEBIAN_SSHD_STOCK.replace("Subsystem", "#Subsystem")),
            File("/etc/ssh/sshd_config.d/50-sftp.conf", f"Subsystem sftp {DEBIAN_SFTP_ARGS}\n"),
        ],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-16-include-sets-loose-subsystem",
        [
            File("/etc/ssh/sshd_config", DEBIAN_SSHD_STOCK.replace("Subsystem", "#Subsystem")),
            File("/etc/ssh/sshd_config.d/50-sftp.conf", "Subsystem sftp internal-sftp -u 022 -l INFO\n"),
        ],
        {"FTP-16": "fail"},
    ),
    # sshd refuses a line with an unbalanced quote; a Subsystem line we cannot read is never passed.
    DEBIAN_HARDENED.changed(
        "debian-FTP-16-subsystem-line-not-read",
        [File("/etc/ssh/sshd_config.d/50-sftp.conf", 'Subsystem sftp "internal-sftp -u 027\n')],
        {"FTP-16": "error"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-16-no-subsystem",
        [File("/etc/ssh/sshd_config", DEBIAN_SSHD_STOCK.replace("Subsystem", "#Subsystem"))],
        {"FTP-16": "na"},
    ),
    # A Match block's own sftp is a caveat: the global Subsystem is judged.
    DEBIAN_HARDENED.changed(
        "debian-FTP-16-match-block-internal-sftp",
        [
            File(
                "/etc/ssh/sshd_config",
                DEBIAN_SSHD_HARDENED + "Match Group sftponly\n\tChrootDirectory %h\n\tForceCommand internal-sftp\n",
            )
        ],
        {},
    ),
]

# -- RHEL --------------------------------------------------------------------------------------------------

RHEL_AS_INSTALLED = Scenario(
    name="rhel-as-installed",
    platform="linux",
    users={**RHEL_USERS, "ftp": 14},
    groups={**RHEL_GROUPS, "ftp": 50},
    root_group="root",
    nodes=(
        File("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n"),
        File("/usr/sbin/vsftpd", "", 0o755),
        Dir("/etc/vsftpd", 0o755),
        File("/etc/vsftpd/vsftpd.conf", RHEL_VSFTPD_STOCK, 0o600),
        File("/etc/vsftpd/ftpusers", RHEL_FTPUSERS, 0o600),
        File("/etc/pam.d/vsftpd", RHEL_PAM_VSFTPD),
        Dir(_WANTS),
        Link(f"{_WANTS}/vsftpd.service", "/usr/lib/systemd/system/vsftpd.service"),
        Dir("/etc/ssh"),
        File("/etc/ssh/sshd_config", RHEL_SSHD_STOCK, 0o600),
        Dir("/etc/ssh/sshd_config.d"),
        File("/etc/ssh/sshd_config.d/50-redhat.conf", RHEL_SSHD_REDHAT_CONF, 0o600),
        Dir("/etc/crypto-policies/back-ends"),
        File("/etc/crypto-policies/back-ends/opensshserver.config", RHEL_CRYPTO_POLICY),
    ),
    # RHEL's stock vsftpd.conf sets local_umask=022 and no banner; its sftp-server runs without options.
    expect={"FTP-10": "pass", "FTP-11": "na", "FTP-12": "fail", "FTP-13": "fail", "FTP-14": "pass", "FTP-16": "fail"},
)

RHEL_OTHER = [
    RHEL_AS_INSTALLED.changed(
        "rhel-hardened",
        [
            File(
                "/etc/vsftpd/vsftpd.conf",
                RHEL_VSFTPD_STOCK.replace("local_umask=022", "local_umask=077") + "ftpd_banner=Authorized uses only.\n",
                0o600,
            ),
            File("/etc/ssh/sshd_config", RHEL_SSHD_STOCK.replace("Subsystem", "#Subsystem"), 0o600),
            File(
                "/etc/ssh/sshd_config.d/40-sftp.conf",
                "Subsystem sftp /usr/libexec/openssh/sftp-server -u 077 -f auth -l info\n",
                0o600,
            ),
        ],
        {"FTP-12": "pass", "FTP-13": "pass", "FTP-16": "pass"},
    ),
]

SCENARIOS = [AIX_HARDENED, AIX_AS_INSTALLED, *AIX_DEFECTS, DEBIAN_HARDENED, *DEBIAN_OTHER, RHEL_AS_INSTALLED, *RHEL_OTHER]
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_HARDENED, "rhel": RHEL_AS_INSTALLED}
SINGLE_DEFECTS = AIX_DEFECTS + DEBIAN_OTHER + RHEL_OTHER
