"""Scenario hosts for the FTP and SNMP controls: hardened, as installed, one defect each, N/A.

AIX values are those of a stock AIX 7 installation: ftpd
enabled in inetd.conf and no /etc/ftpusers as installed; snmpd, hostmibd, snmpmibd
and aixmibd started from rc.tcpip; IBM's default communities, sample USM user and
SMUX password in the shipped files, which are 0644.
"""

from __future__ import annotations

from dataclasses import replace

from tests_meta.support.aix_inittab import inittab
from tests_meta.support.realworld import corpus_text
from tests_meta.support.scenario import Absent, Dir, File, Link, Scenario
from tests_meta.support.scenarios_cron import AIX_GROUPS, AIX_USERS, DEBIAN_GROUPS, DEBIAN_USERS, RHEL_GROUPS, RHEL_USERS
from tests_meta.support.scenarios_tftp import DEBIAN_XINETD_CONF

FTP_IDS = [f"FTP-{n:02d}" for n in range(1, 7)]
SNMP_IDS = [f"SNMP-{n:02d}" for n in range(1, 8)]
IDS = FTP_IDS + SNMP_IDS
FOLDERS = ("tests_ftp/test_ftp.py", "tests_snmp/test_snmp.py")

AIX_INETD = """\
## IBM_PROLOG_BEGIN_TAG
## service name  socket  protocol wait/nowait  user  server program  server program arguments
##
{ftp}ftp	stream	tcp6	nowait	root	/usr/sbin/ftpd	ftpd
#telnet	stream	tcp6	nowait	root	/usr/sbin/telnetd	telnetd -a
#shell	stream	tcp6	nowait	root	/usr/sbin/rshd	rshd
#exec	stream	tcp6	nowait	root	/usr/sbin/rexecd	rexecd
#ntalk	dgram	udp	wait	root	/usr/sbin/talkd	talkd
"""

AIX_RC_TCPIP = """\
#! /bin/bsh
# IBM_PROLOG_BEGIN_TAG
start()
{{
        if [ "$2" = "" ]; then
            echo "$1"
        fi
}}
start /usr/sbin/syslogd "$src_running"
#start /usr/lib/sendmail "$src_running" "-bd -q${{qpi}}"
start /usr/sbin/portmap "$src_running"
start /usr/sbin/inetd "$src_running"
{snmpd}start /usr/sbin/snmpd "$src_running"
{mibd}start /usr/sbin/hostmibd "$src_running"
{mibd}start /usr/sbin/snmpmibd "$src_running"
{mibd}start /usr/sbin/aixmibd "$src_running"
#start /usr/sbin/dpid2 "$src_running"
"""


def _rc_tcpip(snmpd: bool, mibd: bool) -> str:
    return AIX_RC_TCPIP.format(snmpd="" if snmpd else "#", mibd="" if mibd else "#")


AIX_FTPUSERS = "root\ndaemon\nbin\nsys\nadm\nuucp\nguest\nnobody\nlpd\nnuucp\ninvscout\nesaadmin\nsshd\n"

AIX_SNMPDV3_SHIPPED = """\
# IBM_PROLOG_BEGIN_TAG
VACM_GROUP group1 SNMPv1  public  -
VACM_VIEW defaultView        internet                   - included -
VACM_ACCESS  group1 - - noAuthNoPriv SNMPv1  defaultView - defaultView -
COMMUNITY public    public     noAuthNoPriv 0.0.0.0    0.0.0.0         -
DEFAULT_SECURITY no-access - -
USM_USER u1 00000002000000000943714F HMAC-MD5 18a2c7b78f3df552367383eef9db2e9f CBC-DES - L -
TARGET_ADDRESS Target1 UDP 127.0.0.1 traptag trapparms1 - - -
TARGET_PARAMETERS trapparms1 SNMPv1 SNMPv1 public noAuthNoPriv -
NOTIFY notify1 traptag trap -
smux 1.3.6.1.4.1.2.3.1.2.3.1.1 muxatmd_password
"""

AIX_SNMPDV3_HARDENED = """\
# site SNMPv3 configuration: USM users only, no community access
*VACM_GROUP group1 SNMPv1  public  -
#COMMUNITY public    public     noAuthNoPriv 0.0.0.0    0.0.0.0         -
USM_USER monitor 8000000203000000c0a80117 HMAC-SHA 7d1c33d0a6e3f5a1b2c4d5e6f708192a3b4c5d6e - L -
VACM_GROUP mongroup USM monitor -
VACM_VIEW defaultView internet - included -
VACM_ACCESS mongroup - - AuthNoPriv USM defaultView - defaultView -
DEFAULT_SECURITY no-access - -
"""

AIX_SNMPD_SHIPPED = """\
community  public
community  private 127.0.0.1 255.255.255.255 readWrite
community  system  127.0.0.1 255.255.255.255 readWrite 1.17.2
view       1.17.2  system enterprises view
trap       public  127.0.0.1  1.2.3  fe   # loopback
smux       1.3.6.1.4.1.2.3.1.2.1.2  gated_password  # gated
"""

AIX_SNMPD_HARDENED = """\
#community  public
community  n0c-ro-7741 127.0.0.1 255.255.255.255 readOnly
"""

AIX_HARDENED = Scenario(
    name="aix-hardened",
    platform="aix",
    users=AIX_USERS,
    groups=AIX_GROUPS,
    nodes=(
        Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
        File("/etc/inetd.conf", AIX_INETD.format(ftp="#"), 0o644, "root", "system"),
        File("/etc/ftpusers", AIX_FTPUSERS, 0o640, "root", "system"),
        File("/etc/rc.tcpip", _rc_tcpip(False, False), 0o774, "root", "system"),
        inittab(),
        Dir("/etc/rc.d/rc2.d", 0o755, "root", "system"),
        File("/etc/snmpdv3.conf", AIX_SNMPDV3_HARDENED, 0o600, "root", "system"),
        File("/etc/snmpd.conf", AIX_SNMPD_HARDENED, 0o600, "root", "system"),
        File(
            "/etc/clsnmp.conf",
            "nms1 127.0.0.1 snmpv3 monitor - - AuthNoPriv HMAC-SHA 7d1c33d0a6e3f5a1 - -\n",
            0o600,
            "root",
            "system",
        ),
        File("/etc/mib.defs", '"sysDescr" "1.3.6.1.2.1.1.1" "DisplayString" "read-only"\n', 0o640, "root", "system"),
        Dir("/usr/samples/snmpd", 0o755, "bin", "bin"),
        File("/usr/samples/snmpd/smi.my", "-- SMI\n", 0o640, "bin", "bin"),
        File("/usr/samples/snmpd/mibII.my", "-- MIB-II\n", 0o640, "bin", "bin"),
        File("/usr/samples/snmpd/README", "not a MIB\n", 0o644, "bin", "bin"),
    ),
    expect={**{c: "pass" for c in IDS}, "SNMP-04": "na"},
)

AIX_AS_INSTALLED = AIX_HARDENED.changed(
    "aix-as-installed",
    [
        File("/etc/inetd.conf", AIX_INETD.format(ftp=""), 0o644, "root", "system"),
        Absent("/etc/ftpusers"),
        File("/etc/rc.tcpip", _rc_tcpip(True, True), 0o774, "root", "system"),
        File("/etc/snmpdv3.conf", AIX_SNMPDV3_SHIPPED, 0o644, "root", "system"),
        File("/etc/snmpd.conf", AIX_SNMPD_SHIPPED, 0o644, "root", "system"),
        File("/etc/clsnmp.conf", "nms1 127.0.0.1 snmpv1 public - - - - - - -\n", 0o640, "root", "system"),
        File("/etc/mib.defs", '"sysDescr" "1.3.6.1.2.1.1.1" "DisplayString" "read-only"\n', 0o644, "root", "system"),
        File("/usr/samples/snmpd/smi.my", "-- SMI\n", 0o644, "bin", "bin"),
    ],
    {
        "FTP-01": "fail",
        "FTP-02": "fail",
        "FTP-03": "na",
        "FTP-04": "na",
        "FTP-05": "na",
        "SNMP-01": "fail",
        "SNMP-02": "fail",
        "SNMP-03": "fail",
        "SNMP-05": "fail",
        "SNMP-07": "fail",
    },
)


def _with_users(scenario: Scenario, **users: int) -> Scenario:
    return replace(scenario, users={**scenario.users, **users})


AIX_SINGLE_DEFECTS = [
    AIX_HARDENED.changed(
        "aix-FTP-01-ftpd-in-inetd",
        [File("/etc/inetd.conf", AIX_INETD.format(ftp=""), 0o644, "root", "system")],
        {"FTP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-02-no-ftpusers", [Absent("/etc/ftpusers")], {"FTP-02": "fail", "FTP-03": "na", "FTP-04": "na", "FTP-05": "na"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-03-ftpusers-owned-by-bin", [File("/etc/ftpusers", AIX_FTPUSERS, 0o640, "bin", "system")], {"FTP-03": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-03-ftpusers-group-staff", [File("/etc/ftpusers", AIX_FTPUSERS, 0o640, "root", "staff")], {"FTP-03": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-04-ftpusers-0644", [File("/etc/ftpusers", AIX_FTPUSERS, 0o644, "root", "system")], {"FTP-04": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-FTP-05-guest-not-denied",
        [File("/etc/ftpusers", AIX_FTPUSERS.replace("guest\n", "guests\n"), 0o640, "root", "system")],
        {"FTP-05": "fail"},
    ),
    _with_users(AIX_HARDENED.changed("aix-FTP-06-ftp-account", [], {"FTP-06": "fail"}), ftp=300),
    AIX_HARDENED.changed(
        "aix-SNMP-01-snmpd-started", [File("/etc/rc.tcpip", _rc_tcpip(True, False), 0o774, "root", "system")], {"SNMP-01": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-02-community-public",
        [
            File(
                "/etc/snmpdv3.conf",
                AIX_SNMPDV3_HARDENED + "COMMUNITY public public noAuthNoPriv 0.0.0.0 0.0.0.0 -\n",
                0o600,
                "root",
                "system",
            )
        ],
        {"SNMP-02": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-02-vacm-group-private",
        [File("/etc/snmpdv3.conf", AIX_SNMPDV3_HARDENED + "VACM_GROUP group2 SNMPv2c private -\n", 0o600, "root", "system")],
        {"SNMP-02": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-03-smux-gated-password",
        [File("/etc/snmpd.conf", AIX_SNMPD_HARDENED + "smux 1.3.6.1.4.1.2.3.1.2.1.2 gated_password\n", 0o600, "root", "system")],
        {"SNMP-03": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-03-sample-usm-user",
        [
            File(
                "/etc/snmpdv3.conf",
                AIX_SNMPDV3_HARDENED + "USM_USER u1 00000002000000000943714F HMAC-MD5 18a2c7b78f3df552367383eef9db2e9f - - L -\n",
                0o600,
                "root",
                "system",
            )
        ],
        {"SNMP-03": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-05-snmpdv3-0640",
        [File("/etc/snmpdv3.conf", AIX_SNMPDV3_HARDENED, 0o640, "root", "system")],
        {"SNMP-05": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-06-snmpdv3-group-staff",
        [File("/etc/snmpdv3.conf", AIX_SNMPDV3_HARDENED, 0o600, "root", "staff")],
        {"SNMP-06": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-07-mib-defs-0644", [File("/etc/mib.defs", "x\n", 0o644, "root", "system")], {"SNMP-07": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-07-sample-mib-0664", [File("/usr/samples/snmpd/mibII.my", "x\n", 0o664, "bin", "bin")], {"SNMP-07": "fail"}
    ),
]

#: The agent /usr/sbin/snmpd links to decides which file it reads (issue 12, class 6): the SNMPv3 agents read
#: only /etc/snmpdv3.conf, snmpdv1 only /etc/snmpd.conf; the other file's defaults are not the agent's.
_AIX_AGENTS = [File("/usr/sbin/snmpdv3ne", "", 0o555, "root", "system"), File("/usr/sbin/snmpdv1", "", 0o555, "root", "system")]

AIX_OTHER = [
    AIX_HARDENED.changed(
        "aix-SNMP-02-03-v3-agent-ignores-snmpd-conf-defaults",
        [*_AIX_AGENTS, Link("/usr/sbin/snmpd", "snmpdv3ne"), File("/etc/snmpd.conf", AIX_SNMPD_SHIPPED, 0o600, "root", "system")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-02-03-v1-agent-reads-snmpd-conf",
        [*_AIX_AGENTS, Link("/usr/sbin/snmpd", "snmpdv1"), File("/etc/snmpd.conf", AIX_SNMPD_SHIPPED, 0o600, "root", "system")],
        {"SNMP-02": "fail", "SNMP-03": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-02-03-v1-agent-ignores-snmpdv3-conf-defaults",
        [
            *_AIX_AGENTS,
            Link("/usr/sbin/snmpd", "snmpdv1"),
            File("/etc/snmpdv3.conf", AIX_SNMPDV3_SHIPPED, 0o600, "root", "system"),
        ],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-no-snmp-files",
        [
            Absent("/etc/snmpdv3.conf"),
            Absent("/etc/snmpd.conf"),
            Absent("/etc/clsnmp.conf"),
            Absent("/etc/mib.defs"),
            Absent("/usr/samples/snmpd"),
        ],
        {"SNMP-02": "na", "SNMP-03": "na", "SNMP-05": "na", "SNMP-06": "na", "SNMP-07": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-snmp-required-by-profile",
        [File("/etc/rc.tcpip", _rc_tcpip(True, True), 0o774, "root", "system")],
        {"SNMP-01": "na"},
        profile='[services]\nsnmp = "required"\n',
    ),
    AIX_HARDENED.changed(
        "aix-plaintext-ftp-accepted-by-profile",
        [File("/etc/inetd.conf", AIX_INETD.format(ftp=""), 0o644, "root", "system")],
        {},
        profile="[ftp]\nallow_plaintext = true\n",
    ),
    AIX_HARDENED.changed("aix-profile-denies-alice-too", [], {"FTP-05": "fail"}, profile='[ftp]\ndeny_users = ["alice"]\n'),
]

DEBIAN_VSFTPD_STOCK = """\
listen=NO
listen_ipv6=YES
anonymous_enable=NO
local_enable=YES
dirmessage_enable=YES
use_localtime=YES
xferlog_enable=YES
connect_from_port_20=YES
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd
rsa_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem
rsa_private_key_file=/etc/ssl/private/ssl-cert-snakeoil.key
ssl_enable=NO
"""

DEBIAN_VSFTPD_HARDENED = DEBIAN_VSFTPD_STOCK.replace(
    "ssl_enable=NO", "ssl_enable=YES\nforce_local_logins_ssl=YES\nforce_local_data_ssl=YES"
)
DEBIAN_PAM_VSFTPD = """\
# Standard behaviour for ftpd(8).
auth	required	pam_listfile.so item=user sense=deny file=/etc/ftpusers onerr=succeed
@include common-account
@include common-session
@include common-auth
auth	required	pam_shells.so
"""
DEBIAN_FTPUSERS = (
    "# /etc/ftpusers: list of users disallowed FTP access. See ftpusers(5).\n\n"
    "root\ndaemon\nbin\nsys\nsync\ngames\nman\nlp\nmail\nnews\nuucp\nnobody\n"
)
NET_SNMP_STOCK = """\
sysLocation    Sitting on the Dock of the Bay
sysContact     Me <me@example.org>
sysServices    72
master  agentx
agentaddress  127.0.0.1,[::1]
view   systemonly  included   .1.3.6.1.2.1.1
view   systemonly  included   .1.3.6.1.2.1.25.1
rocommunity  public default -V systemonly
rocommunity6 public default -V systemonly
rouser authPrivUser authpriv -V systemonly
"""
NET_SNMP_HARDENED = """\
agentaddress  127.0.0.1
view   systemonly  included   .1.3.6.1.2.1.1
rouser monitor authpriv -V systemonly
"""

_WANTS = "/etc/systemd/system/multi-user.target.wants"

DEBIAN_HARDENED = Scenario(
    name="debian-hardened",
    platform="linux",
    users={**DEBIAN_USERS, "ftp": 108, "Debian-snmp": 109},
    groups={**DEBIAN_GROUPS, "ftp": 113, "Debian-snmp": 114},
    root_group="root",
    nodes=(
        File("/etc/debian_version", "12.8\n"),
        File("/usr/sbin/vsftpd", "", 0o755),
        File("/usr/sbin/snmpd", "", 0o755),
        File("/etc/vsftpd.conf", DEBIAN_VSFTPD_HARDENED, 0o644),
        File("/etc/pam.d/vsftpd", DEBIAN_PAM_VSFTPD),
        File("/etc/ftpusers", DEBIAN_FTPUSERS + "ftp\nDebian-snmp\n", 0o640),
        Dir(_WANTS),
        Link(f"{_WANTS}/vsftpd.service", "/lib/systemd/system/vsftpd.service"),
        Link(f"{_WANTS}/cron.service", "/lib/systemd/system/cron.service"),
        File("/etc/snmp/snmpd.conf", NET_SNMP_HARDENED, 0o600),
        Dir("/var/lib/snmp", 0o755, "Debian-snmp", "Debian-snmp"),
        File("/var/lib/snmp/snmpd.conf", "usmUser 1 3 0x80001f88 0x6d6f6e69746f72 ...\n", 0o600),
        Dir("/usr/share/snmp/mibs"),
        File("/usr/share/snmp/mibs/SNMPv2-MIB.txt", "SNMPv2-MIB DEFINITIONS ::= BEGIN\n", 0o640),
        Dir("/usr/share/snmp/mibs/ietf"),
        File("/usr/share/snmp/mibs/ietf/IF-MIB", "IF-MIB DEFINITIONS ::= BEGIN\n", 0o640),
    ),
    expect={**{c: "pass" for c in IDS}, "SNMP-04": "na"},
)

DEBIAN_AS_INSTALLED = DEBIAN_HARDENED.changed(
    "debian-as-installed",
    [
        File("/etc/vsftpd.conf", DEBIAN_VSFTPD_STOCK, 0o644),
        File("/etc/ftpusers", DEBIAN_FTPUSERS, 0o644),
        Link(f"{_WANTS}/snmpd.service", "/lib/systemd/system/snmpd.service"),
        File("/etc/snmp/snmpd.conf", NET_SNMP_STOCK, 0o600),
        File("/usr/share/snmp/mibs/SNMPv2-MIB.txt", "SNMPv2-MIB DEFINITIONS ::= BEGIN\n", 0o644),
        File("/usr/share/snmp/mibs/ietf/IF-MIB", "IF-MIB DEFINITIONS ::= BEGIN\n", 0o644),
    ],
    # Debian's ftpusers predates the ftp and Debian-snmp system accounts the packages add.
    {"FTP-01": "fail", "FTP-04": "fail", "FTP-05": "fail", "SNMP-01": "fail", "SNMP-02": "fail", "SNMP-07": "fail"},
)

# vsftpd.conf(5): anonymous sessions use TLS only when told to (allow_anon_ssl, force_anon_*_ssl default NO).
ANON_TLS_FORCED = "allow_anon_ssl=YES\nforce_anon_logins_ssl=YES\nforce_anon_data_ssl=YES\n"

#: proftpd in place of vsftpd, enabled, with mod_tls loaded and TLS forced (proftpd's mod_tls documentation).
_PROFTPD_TLS = (
    'ServerName "Debian"\nInclude /etc/proftpd/modules.conf\n<IfModule mod_tls.c>\nTLSEngine on\nTLSRequired on\n</IfModule>\n'
)
_PROFTPD = [
    Absent("/usr/sbin/vsftpd"),
    Absent("/etc/vsftpd.conf"),
    Absent(f"{_WANTS}/vsftpd.service"),
    File("/usr/sbin/proftpd", "", 0o755),
    Link(f"{_WANTS}/proftpd.service", "/lib/systemd/system/proftpd.service"),
    Dir("/etc/proftpd"),
    File("/etc/proftpd/modules.conf", "ModulePath /usr/lib/proftpd\nLoadModule mod_tls.c\n", 0o644),
    File("/etc/proftpd/proftpd.conf", _PROFTPD_TLS, 0o644),
]

#: pure-ftpd in place of vsftpd (scenarios_ftpd builds on it), started by its init script (no unit in
#: Debian's package), NoAnonymous yes.
PURE_FTPD = [
    Absent("/usr/sbin/vsftpd"),
    Absent("/etc/vsftpd.conf"),
    Absent(f"{_WANTS}/vsftpd.service"),
    File("/usr/sbin/pure-ftpd", "", 0o755),
    File("/usr/sbin/pure-ftpd-wrapper", "", 0o755),
    File("/etc/init.d/pure-ftpd", "#!/bin/sh\n", 0o755),
    Link("/etc/rc2.d/S01pure-ftpd", "../init.d/pure-ftpd"),
    Dir("/etc/pure-ftpd/conf"),
    File("/etc/pure-ftpd/conf/NoAnonymous", "yes\n"),
    File("/etc/pure-ftpd/conf/PAMAuthentication", "yes\n"),
]

#: vsftpd's own example of running it from xinetd (server = /usr/local/sbin/vsftpd, disable = no).
_VSFTPD_XINETD = corpus_text("debian12/vsftpd/usr/share/doc/vsftpd/examples/INTERNET_SITE/vsftpd.xinetd")

DEBIAN_OTHER = [
    DEBIAN_HARDENED.changed(
        "debian-FTP-06-anonymous-enabled",
        [
            File(
                "/etc/vsftpd.conf",
                DEBIAN_VSFTPD_HARDENED.replace("anonymous_enable=NO", "anonymous_enable=YES") + ANON_TLS_FORCED,
            )
        ],
        {"FTP-06": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-06-anonymous-by-default",
        [File("/etc/vsftpd.conf", DEBIAN_VSFTPD_HARDENED.replace("anonymous_enable=NO\n", "") + ANON_TLS_FORCED)],
        {"FTP-06": "fail"},
    ),
    # An SNMP line that cannot be read and may hold a community leaves SNMP-02/03 undecided; a view line is a note.
    DEBIAN_HARDENED.changed(
        "debian-SNMP-02-unreadable-community-line",
        [File("/etc/snmp/snmpd.conf", NET_SNMP_HARDENED + 'rocommunity "unterminated\n', 0o600)],
        {"SNMP-02": "error", "SNMP-03": "error"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-02-unreadable-view-line-is-a-note",
        [File("/etc/snmp/snmpd.conf", NET_SNMP_HARDENED + 'view "unterminated\n', 0o600)],
        {},
    ),
    # Agent disabled but installed: a pass, unless the profile wants it not installed (CIS 4.2.7).
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-installed-where-cis-wants-none", [], {"SNMP-01": "fail"}, '[services]\nsnmp = "not-installed"\n'
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-not-installed-as-cis-wants", [Absent("/usr/sbin/snmpd")], {}, '[services]\nsnmp = "not-installed"\n'
    ),
    # vsftpd forcing TLS passes by default, fails where no FTP daemon may run at all (AIX 7 STIG, CIS).
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-tls-daemon-where-none-may-run", [], {"FTP-01": "fail"}, "[ftp]\nallow_tls_daemon = false\n"
    ),
    # TLS forced for local users only: anonymous logins and their data stay in the clear.
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-anonymous-sessions-in-the-clear",
        [File("/etc/vsftpd.conf", DEBIAN_VSFTPD_HARDENED.replace("anonymous_enable=NO", "anonymous_enable=YES"))],
        {"FTP-01": "fail", "FTP-06": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-anonymous-data-in-the-clear",
        [
            File(
                "/etc/vsftpd.conf",
                DEBIAN_VSFTPD_HARDENED.replace("anonymous_enable=NO", "anonymous_enable=YES")
                + "allow_anon_ssl=YES\nforce_anon_logins_ssl=YES\n",
            )
        ],
        {"FTP-01": "fail", "FTP-06": "fail"},
    ),
    # proftpd: Linux judges anonymous FTP by the daemon's configuration, TLS by TLSEngine and TLSRequired of
    # every server; a block whose conditional cannot be decided is not assessed, never passed.
    DEBIAN_HARDENED.changed("debian-FTP-06-proftpd-without-anonymous-block", _PROFTPD, {}),
    DEBIAN_HARDENED.changed(
        "debian-FTP-06-proftpd-anonymous-block",
        _PROFTPD + [File("/etc/proftpd/proftpd.conf", _PROFTPD_TLS + "<Anonymous ~ftp>\n  User ftp\n</Anonymous>\n")],
        {"FTP-06": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-06-proftpd-anonymous-block-under-an-unknown-module",
        _PROFTPD
        + [
            File(
                "/etc/proftpd/proftpd.conf",
                _PROFTPD_TLS + "<IfModule mod_site_misc.c>\n<Anonymous ~ftp>\n</Anonymous>\n</IfModule>\n",
            )
        ],
        {"FTP-06": "error"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-proftpd-tls-not-required",
        _PROFTPD + [File("/etc/proftpd/proftpd.conf", _PROFTPD_TLS.replace("TLSRequired on", "TLSRequired off"))],
        {"FTP-01": "fail"},
    ),
    # pure-ftpd as Debian starts it: pure-ftpd-wrapper turns /etc/pure-ftpd/conf/* into flags; TLS 3 forces
    # TLS on sessions and data, NoAnonymous yes turns anonymous logins off (README.TLS, pure-ftpd-wrapper).
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-pure-ftpd-tls-3-and-no-anonymous",
        PURE_FTPD + [File("/etc/pure-ftpd/conf/TLS", "3\n")],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-pure-ftpd-tls-2-leaves-data-in-the-clear",
        PURE_FTPD + [File("/etc/pure-ftpd/conf/TLS", "2\n")],
        {"FTP-01": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-06-pure-ftpd-anonymous-with-the-ftp-account",
        PURE_FTPD + [File("/etc/pure-ftpd/conf/TLS", "3\n"), File("/etc/pure-ftpd/conf/NoAnonymous", "no\n")],
        {"FTP-06": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-pure-ftpd-unreadable-tls-level",
        PURE_FTPD + [File("/etc/pure-ftpd/conf/TLS", "yes\n")],
        {"FTP-01": "error"},
    ),
    # vsftpd run by xinetd (issue 12, class 1): vsftpd's own example /etc/xinetd.d file (Debian's package ships it in
    # /usr/share/doc/vsftpd/examples), no unit; the stock vsftpd.conf serves plaintext.
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-vsftpd-started-by-xinetd",
        [
            Absent(f"{_WANTS}/vsftpd.service"),
            File("/etc/vsftpd.conf", DEBIAN_VSFTPD_STOCK),
            File("/usr/sbin/xinetd", "", 0o755),
            File("/etc/xinetd.conf", DEBIAN_XINETD_CONF),
            Dir("/etc/xinetd.d"),
            File("/etc/xinetd.d/vsftpd", _VSFTPD_XINETD),
        ],
        {"FTP-01": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-vsftpd-xinetd-service-disabled",
        [
            Absent(f"{_WANTS}/vsftpd.service"),
            File("/etc/vsftpd.conf", DEBIAN_VSFTPD_STOCK),
            File("/usr/sbin/xinetd", "", 0o755),
            File("/etc/xinetd.conf", DEBIAN_XINETD_CONF),
            Dir("/etc/xinetd.d"),
            File(
                "/etc/xinetd.d/vsftpd",
                _VSFTPD_XINETD.replace("= no", "= yes"),
            ),
        ],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-data-in-clear",
        [File("/etc/vsftpd.conf", DEBIAN_VSFTPD_HARDENED.replace("force_local_data_ssl=YES", "force_local_data_ssl=NO"))],
        {"FTP-01": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-FTP-01-plaintext-but-not-enabled",
        [File("/etc/vsftpd.conf", DEBIAN_VSFTPD_STOCK), Absent(f"{_WANTS}/vsftpd.service")],
        {},
    ),
    # update-rc.d's S links start /etc/init.d/snmpd at boot when no native snmpd.service exists
    # (systemd-sysv-generator); with the package's native unit, only its *.wants link counts.
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-sysv-start-link-without-native-unit",
        [File("/etc/init.d/snmpd", "#!/bin/sh\n", 0o755), Link("/etc/rc2.d/S01snmpd", "../init.d/snmpd")],
        {"SNMP-01": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-sysv-link-beside-a-native-unit-that-is-not-enabled",
        [
            File("/etc/init.d/snmpd", "#!/bin/sh\n", 0o755),
            Link("/etc/rc2.d/S01snmpd", "../init.d/snmpd"),
            File("/lib/systemd/system/snmpd.service", "[Service]\nExecStart=/usr/sbin/snmpd -f\n"),
        ],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-sysv-link-to-a-missing-script-starts-nothing",
        [Link("/etc/rc2.d/S01snmpd", "../init.d/snmpd")],
        {},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-03-createuser-default-passphrase",
        [File("/var/lib/snmp/snmpd.conf", 'createUser monitor SHA "maplesyrup" AES "maplesyrup"\n', 0o600)],
        {"SNMP-03": "fail"},
    ),
    # Beyond snmpd.conf (issue 12, class 6): Debian's stock snmpd.conf ends with includeDir /etc/snmp/snmpd.conf.d,
    # snmpd also reads snmpd.local.conf, and -c in SNMPDOPTS names more configuration files (snmpd(8)).
    DEBIAN_HARDENED.changed(
        "debian-SNMP-02-community-in-an-includedir-file",
        [
            File("/etc/snmp/snmpd.conf", NET_SNMP_HARDENED + "includeDir /etc/snmp/snmpd.conf.d\n", 0o600),
            Dir("/etc/snmp/snmpd.conf.d"),
            File("/etc/snmp/snmpd.conf.d/monitoring.conf", "rocommunity public 10.0.0.0/8\n", 0o644),
        ],
        {"SNMP-02": "fail", "SNMP-05": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-02-community-in-snmpd-local-conf",
        [File("/etc/snmp/snmpd.local.conf", "rwcommunity private 127.0.0.1\n", 0o600)],
        {"SNMP-02": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-03-default-passphrase-in-a-c-file",
        [
            File("/etc/default/snmpd", "SNMPDOPTS='-Lsd -u Debian-snmp -g Debian-snmp -I -smux -c /etc/snmp/site.conf'\n"),
            File("/etc/snmp/site.conf", 'createUser monitor SHA "maplesyrup" AES "maplesyrup"\n', 0o600),
        ],
        {"SNMP-03": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-02-com2sec-private",
        [File("/etc/snmp/snmpd.conf", NET_SNMP_HARDENED + "com2sec -Cn ctx local localhost private\n", 0o600)],
        {"SNMP-02": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-nothing-installed",
        [
            Absent("/usr/sbin/vsftpd"),
            Absent("/usr/sbin/snmpd"),
            Absent("/etc/vsftpd.conf"),
            Absent("/etc/pam.d"),
            Absent("/etc/ftpusers"),
            Absent(f"{_WANTS}/vsftpd.service"),
            Absent("/etc/snmp"),
            Absent("/var/lib/snmp"),
            Absent("/usr/share/snmp"),
        ],
        {
            "FTP-02": "na",
            "FTP-03": "na",
            "FTP-04": "na",
            "FTP-05": "na",
            "SNMP-02": "na",
            "SNMP-03": "na",
            "SNMP-05": "na",
            "SNMP-06": "na",
            "SNMP-07": "na",
        },
    ),
]
# The ftp account exists only with an FTP daemon; without one FTP-06 has nothing to ask.
DEBIAN_OTHER[-1] = replace(
    DEBIAN_OTHER[-1],
    users={k: v for k, v in DEBIAN_OTHER[-1].users.items() if k != "ftp"},
    expect={**DEBIAN_OTHER[-1].expect, "FTP-06": "na"},
)

RHEL_VSFTPD_STOCK = """\
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
dirmessage_enable=YES
xferlog_enable=YES
connect_from_port_20=YES
xferlog_std_format=YES
listen=NO
listen_ipv6=YES
pam_service_name=vsftpd
userlist_enable=YES
"""
RHEL_PAM_VSFTPD = """\
#%PAM-1.0
session    optional     pam_keyinit.so    force revoke
auth       required	pam_listfile.so item=user sense=deny file=/etc/vsftpd/ftpusers onerr=succeed
auth       required	pam_shells.so
auth       include	password-auth
"""
RHEL_FTPUSERS = (
    "# Users that are not allowed to login via ftp\n"
    "root\nbin\ndaemon\nadm\nlp\nsync\nshutdown\nhalt\nmail\nnews\nuucp\noperator\ngames\nnobody\n"
)

RHEL_AS_INSTALLED = Scenario(
    name="rhel-as-installed",
    platform="linux",
    users={**RHEL_USERS, "ftp": 14},
    groups={**RHEL_GROUPS, "ftp": 50},
    root_group="root",
    nodes=(
        File("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n"),
        File("/usr/sbin/vsftpd", "", 0o755),
        File("/usr/sbin/snmpd", "", 0o755),
        Dir("/etc/vsftpd", 0o755),
        File("/etc/vsftpd/vsftpd.conf", RHEL_VSFTPD_STOCK, 0o600),
        File("/etc/vsftpd/ftpusers", RHEL_FTPUSERS, 0o600),
        File("/etc/vsftpd/user_list", RHEL_FTPUSERS, 0o600),
        File("/etc/pam.d/vsftpd", RHEL_PAM_VSFTPD),
        File(
            "/etc/snmp/snmpd.conf",
            "com2sec notConfigUser  default       public\ngroup   notConfigGroup v1 notConfigUser\n",
            0o600,
        ),
        Dir("/usr/share/snmp/mibs"),
        File("/usr/share/snmp/mibs/IF-MIB.txt", "x\n", 0o644),
    ),
    # RHEL's ftp account has UID 14, and its ftpusers does not list it.
    expect={**{c: "pass" for c in IDS}, "FTP-05": "fail", "SNMP-02": "fail", "SNMP-04": "na", "SNMP-07": "fail"},
)

RHEL_OTHER = [
    # RHEL's setup package ships the ftp account whether or not an FTP daemon is installed: on Linux
    # it enables nothing by itself, so with no daemon FTP-06 has nothing to judge (AIX ftpd would take it).
    RHEL_AS_INSTALLED.changed(
        "rhel-FTP-06-stock-ftp-account-no-ftp-daemon",
        [
            Absent("/usr/sbin/vsftpd"),
            Absent("/etc/vsftpd"),
            Absent("/etc/pam.d/vsftpd"),
        ],
        {"FTP-02": "na", "FTP-03": "na", "FTP-04": "na", "FTP-05": "na", "FTP-06": "na"},
    ),
    # PAM names /etc/vsftpd/ftpusers: that file is judged, not /etc/ftpusers.
    RHEL_AS_INSTALLED.changed(
        "rhel-FTP-05-pam-named-file-is-judged",
        [
            File("/etc/vsftpd/ftpusers", RHEL_FTPUSERS + "ftp\n", 0o600),
            File("/etc/ftpusers", RHEL_FTPUSERS.replace("adm\n", ""), 0o600),
        ],
        {"FTP-05": "pass"},
    ),
    RHEL_AS_INSTALLED.changed(
        "rhel-FTP-01-vsftpd-enabled",
        [Dir(_WANTS), Link(f"{_WANTS}/vsftpd.service", "/usr/lib/systemd/system/vsftpd.service")],
        {"FTP-01": "fail"},
    ),
]

# Other start mechanisms (issue 12, class 1). AIX: init runs /etc/inittab entries at the boot run level, and the
# stock l2 entry runs the S* scripts of /etc/rc.d/rc2.d; a colon comments an entry out, and action "off" starts
# nothing (inittab(4)). Linux: systemd starts what a *.wants link names or resolves to, wherever the link lives
# (/etc or the package's /lib/systemd/system), unless the unit is masked (systemd.unit(5)).
_SNMPD_RC_SCRIPT = '#!/bin/ksh\ncase "$1" in\nstart) /usr/bin/startsrc -s snmpd ;;\nstop) /usr/bin/stopsrc -s snmpd ;;\nesac\n'
AIX_OTHER += [
    AIX_HARDENED.changed(
        "aix-SNMP-01-started-by-an-inittab-entry",
        [inittab("snmpd:2:once:/usr/sbin/snmpd >/dev/console 2>&1\n")],
        {"SNMP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-inittab-entry-commented-out",
        [inittab(":snmpd:2:once:/usr/sbin/snmpd >/dev/console 2>&1\n")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-inittab-entry-off",
        [inittab("snmpd:2:off:/usr/sbin/snmpd\n")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-inittab-starts-the-tcpip-group",
        [inittab("tcpipgrp:2:once:startsrc -g tcpip\n")],
        {"SNMP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-inittab-line-not-an-entry",
        [inittab("snmpd:2 /usr/sbin/snmpd\n")],
        {"SNMP-01": "error", "FTP-01": "error"},  # the line may start either daemon
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-rc2d-script-runs-startsrc",
        [File("/etc/rc.d/rc2.d/S99site", _SNMPD_RC_SCRIPT, 0o755, "root", "system")],
        {"SNMP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-rc2d-script-named-after-snmpd",
        [
            Dir("/etc/rc.d/init.d", 0o755, "root", "system"),
            File("/etc/rc.d/init.d/snmpd", "#!/bin/ksh\n. /etc/site/agents.env\n", 0o755, "root", "system"),
            Link("/etc/rc.d/rc2.d/S70snmpd", "../init.d/snmpd"),
        ],
        {"SNMP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-01-kill-script-starts-nothing",
        [File("/etc/rc.d/rc2.d/K10snmpd", _SNMPD_RC_SCRIPT, 0o755, "root", "system")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-FTP-01-standalone-ftpd-from-inittab",
        [inittab("ftpd:2:respawn:/usr/sbin/ftpd -D\n")],
        {"FTP-01": "fail"},
    ),
]
_LIB_UNITS = "/lib/systemd/system"
_SNMPD_UNIT = File(
    f"{_LIB_UNITS}/snmpd.service", "[Service]\nExecStart=/usr/sbin/snmpd -f\n[Install]\nWantedBy=multi-user.target\n"
)
DEBIAN_OTHER += [
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-enabled-through-an-alias",
        [
            _SNMPD_UNIT,
            Link("/etc/systemd/system/snmp.service", f"{_LIB_UNITS}/snmpd.service"),
            Link(f"{_WANTS}/snmp.service", "/etc/systemd/system/snmp.service"),
        ],
        {"SNMP-01": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-wanted-by-the-package-in-lib-systemd",
        [
            _SNMPD_UNIT,
            Dir(f"{_LIB_UNITS}/multi-user.target.wants"),
            Link(f"{_LIB_UNITS}/multi-user.target.wants/snmpd.service", "../snmpd.service"),
        ],
        {"SNMP-01": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-01-masked-unit-with-a-leftover-wants-link",
        [
            _SNMPD_UNIT,
            Link(f"{_WANTS}/snmpd.service", f"{_LIB_UNITS}/snmpd.service"),
            Link("/etc/systemd/system/snmpd.service", "/dev/null"),
        ],
        {},
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
    RHEL_AS_INSTALLED,
    *RHEL_OTHER,
]
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_HARDENED, "rhel": RHEL_AS_INSTALLED}
SINGLE_DEFECTS = AIX_SINGLE_DEFECTS + DEBIAN_OTHER + RHEL_OTHER
