"""Scenario hosts for SNMP-08 .. SNMP-13: hardened, as installed, one defect each, N/A.

AIX values follow a stock AIX 7 installation (research sheet §5): /usr/sbin/snmpd links to
snmpdv3ne; rc.tcpip starts snmpd, hostmibd, snmpmibd and aixmibd; IBM's snmpdv3.conf has
COMMUNITY public and the sample HMAC-MD5 user u1; snmpd.conf (v1) has readWrite communities.
Linux trees use Debian's stock /etc/snmp/snmpd.conf and /etc/default/snmpd (snmpd 5.9.3+dfsg-2+deb12u1)
and RHEL's stock snmpd.conf lines; persistent usmUser lines were written by that snmpd itself.
"""

from __future__ import annotations

from tests_meta.support.scenario import Absent, Dir, File, Link, Scenario
from tests_meta.support.scenarios_cron import AIX_GROUPS, AIX_USERS, DEBIAN_GROUPS, DEBIAN_USERS, RHEL_GROUPS, RHEL_USERS
from tests_meta.support.scenarios_ftp_snmp import AIX_SNMPD_SHIPPED, AIX_SNMPDV3_SHIPPED, NET_SNMP_STOCK, _rc_tcpip

IDS = [f"SNMP-{n:02d}" for n in range(8, 14)]
FOLDERS = ("tests_snmp/test_snmp_agents.py",)

AIX_RC_HOSTMIBD = _rc_tcpip(True, False).replace(
    '#start /usr/sbin/hostmibd "$src_running"', 'start /usr/sbin/hostmibd "$src_running"'
)

# IBM snmpdv3.conf field layout: USM_USER userName engineID authProto authKey privProto privKey keyType storageType;
# VACM_ACCESS group context contextMatch secLevel secModel readView writeView notifyView storageType.
AIX_SNMPDV3_HARDENED = """\
# site SNMPv3 configuration: one SHA user with privacy, read-only
*COMMUNITY public    public     noAuthNoPriv 0.0.0.0    0.0.0.0         -
USM_USER monitor 8000000203000000c0a80117 HMAC-SHA 7d1c33d0a6e3f5a1b2c4d5e6f708192a DES 1a2b3c4d5e6f70811a2b3c4d5e6f7081 L -
VACM_GROUP mongroup USM monitor -
VACM_VIEW defaultView internet - included -
VACM_ACCESS mongroup - - AuthPriv USM defaultView - defaultView -
DEFAULT_SECURITY no-access - -
logging file=/var/tmp/snmpdv3.log enabled
logging size=100000 level=0
"""
AIX_SNMPD_HARDENED = "#community  public\ncommunity  n0c-ro-7741 127.0.0.1 255.255.255.255 readOnly\n"
AIX_LOG = "Dec 02 07:00:00 snmpdv3: started\n"


def _v3(text: str) -> File:
    return File("/etc/snmpdv3.conf", text, 0o600, "root", "system")


AIX_HARDENED = Scenario(
    name="aix-hardened",
    platform="aix",
    users=AIX_USERS,
    groups=AIX_GROUPS,
    nodes=(
        Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
        File("/etc/rc.tcpip", _rc_tcpip(True, False), 0o774, "root", "system"),
        File("/usr/sbin/snmpdv3ne", "", 0o555, "root", "system"),
        File("/usr/sbin/snmpdv1", "", 0o555, "root", "system"),
        Link("/usr/sbin/snmpd", "snmpdv3ne"),
        _v3(AIX_SNMPDV3_HARDENED),
        File("/etc/snmpd.conf", AIX_SNMPD_HARDENED, 0o600, "root", "system"),
        File("/etc/mib.defs", '"sysDescr" "1.3.6.1.2.1.1.1" "DisplayString" "read-only"\n', 0o640, "root", "system"),
        Dir("/usr/samples/snmpd", 0o755, "bin", "bin"),
        File("/usr/samples/snmpd/mibII.my", "-- MIB-II\n", 0o640, "bin", "bin"),
        Dir("/var/tmp", 0o1777, "bin", "bin"),
        File("/var/tmp/snmpdv3.log", AIX_LOG, 0o640, "root", "system"),
    ),
    expect={c: "pass" for c in IDS},
)

AIX_AS_INSTALLED = AIX_HARDENED.changed(
    "aix-as-installed",
    [
        File("/etc/rc.tcpip", _rc_tcpip(True, True), 0o774, "root", "system"),
        File("/etc/snmpdv3.conf", AIX_SNMPDV3_SHIPPED, 0o644, "root", "system"),
        File("/etc/snmpd.conf", AIX_SNMPD_SHIPPED, 0o644, "root", "system"),
        Absent("/var/tmp/snmpdv3.log"),
    ],
    # hostmibd/snmpmibd/aixmibd start at boot; COMMUNITY public; u1 is HMAC-MD5. snmpd.conf's readWrite
    # communities are not the agent's: /usr/sbin/snmpd links to snmpdv3ne, which reads only snmpdv3.conf.
    {"SNMP-08": "fail", "SNMP-09": "fail", "SNMP-10": "fail", "SNMP-12": "na"},
)

AIX_SINGLE_DEFECTS = [
    AIX_HARDENED.changed(
        "aix-SNMP-08-hostmibd-started", [File("/etc/rc.tcpip", AIX_RC_HOSTMIBD, 0o774, "root", "system")], {"SNMP-08": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-08-hostmibd-allowed-by-profile",
        [File("/etc/rc.tcpip", AIX_RC_HOSTMIBD, 0o774, "root", "system")],
        {},
        profile='[snmp]\nsubagents_allowed = ["hostmibd"]\n',
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-08-every-subagent-allowed",
        [],
        {"SNMP-08": "na"},
        profile='[snmp]\nsubagents_allowed = ["dpid2", "snmpmibd", "hostmibd", "aixmibd"]\n',
    ),
    # snmpdv1 reads only /etc/snmpd.conf: the SNMPv3 users of snmpdv3.conf are not the agent's (SNMP-10 has none).
    AIX_HARDENED.changed("aix-SNMP-09-snmpdv1-agent", [Link("/usr/sbin/snmpd", "snmpdv1")], {"SNMP-09": "fail", "SNMP-10": "na"}),
    AIX_HARDENED.changed(
        "aix-SNMP-09-snmpd-not-a-link", [File("/usr/sbin/snmpd", "", 0o555, "root", "system")], {"SNMP-09": "error"}
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-09-community-in-snmpdv3",
        [_v3(AIX_SNMPDV3_HARDENED + "COMMUNITY n0c-ro-7741 n0c-ro-7741 noAuthNoPriv 10.0.0.0 255.0.0.0 -\n")],
        {"SNMP-09": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-09-v1-accepted-by-profile",
        [Link("/usr/sbin/snmpd", "snmpdv1")],
        {"SNMP-09": "na", "SNMP-10": "na"},
        profile="[snmp]\nv3_only = false\n",
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-10-md5-user",
        [_v3(AIX_SNMPDV3_HARDENED.replace("c0a80117 HMAC-SHA", "c0a80117 HMAC-MD5"))],
        {"SNMP-10": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-10-no-privacy",
        [_v3(AIX_SNMPDV3_HARDENED.replace("DES 1a2b3c4d5e6f70811a2b3c4d5e6f7081 L -", "- - L -"))],
        {"SNMP-10": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-10-privacy-not-required-by-profile",
        [_v3(AIX_SNMPDV3_HARDENED.replace("DES 1a2b3c4d5e6f70811a2b3c4d5e6f7081 L -", "- - L -"))],
        {},
        profile="[snmp]\nrequire_privacy = false\n",
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-10-no-usm-user",
        [_v3("".join(line + "\n" for line in AIX_SNMPDV3_HARDENED.splitlines() if not line.startswith("USM_USER")))],
        {"SNMP-10": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-11-snmpdv3-group-staff",
        [File("/etc/snmpdv3.conf", AIX_SNMPDV3_HARDENED, 0o600, "root", "staff")],
        {"SNMP-11": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-11-mib-defs-group-staff", [File("/etc/mib.defs", "x\n", 0o640, "root", "staff")], {"SNMP-11": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-12-snmpd-log-0644", [File("/var/tmp/snmpd.log", AIX_LOG, 0o644, "root", "system")], {"SNMP-12": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-12-dpid2-log-owned-by-bin", [File("/var/tmp/dpid2.log", AIX_LOG, 0o640, "bin", "system")], {"SNMP-12": "fail"}
    ),
    # Group sys is administrative (default), not the system CIS names (preset cis-aix7-l1).
    AIX_HARDENED.changed("aix-SNMP-12-log-group-sys", [File("/var/tmp/snmpd.log", AIX_LOG, 0o640, "root", "sys")], {}),
    AIX_HARDENED.changed(
        "aix-SNMP-12-log-group-sys-where-cis-wants-system",
        [File("/var/tmp/snmpd.log", AIX_LOG, 0o640, "root", "sys")],
        {"SNMP-12": "fail"},
        '[snmp]\nlog_groups = ["system"]\n',
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-12-logging-file-elsewhere",
        [
            _v3(AIX_SNMPDV3_HARDENED.replace("file=/var/tmp/snmpdv3.log", "file=/var/adm/snmpdv3.log")),
            Absent("/var/tmp/snmpdv3.log"),
            Dir("/var/adm", 0o755, "root", "system"),
            File("/var/adm/snmpdv3.log", AIX_LOG, 0o664, "root", "staff"),
        ],
        {"SNMP-12": "fail"},
    ),
    AIX_HARDENED.changed("aix-SNMP-12-no-log", [Absent("/var/tmp/snmpdv3.log")], {"SNMP-12": "na"}),
    # IBM's snmpdv3.conf names /usr/tmp/snmpdv3.log; /usr/tmp is a link to /var/tmp: one file, judged once.
    AIX_HARDENED.changed(
        "aix-SNMP-12-logging-file-through-usr-tmp",
        [
            _v3(AIX_SNMPDV3_HARDENED.replace("file=/var/tmp/snmpdv3.log", "file=/usr/tmp/snmpdv3.log")),
            Link("/usr/tmp", "/var/tmp"),
            File("/var/tmp/snmpdv3.log", AIX_LOG, 0o660, "root", "system"),
        ],
        {"SNMP-12": "fail"},
    ),
    # The agent /usr/sbin/snmpd links to decides which file counts (issue 12, class 6): snmpdv1 reads
    # /etc/snmpd.conf, the SNMPv3 agents only /etc/snmpdv3.conf.
    AIX_HARDENED.changed(
        "aix-SNMP-13-v1-community-readwrite",
        [
            File("/etc/snmpd.conf", AIX_SNMPD_HARDENED.replace("readOnly", "readWrite"), 0o600, "root", "system"),
            Link("/usr/sbin/snmpd", "snmpdv1"),
        ],
        {"SNMP-13": "fail", "SNMP-09": "fail", "SNMP-10": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-13-readwrite-community-the-v3-agent-does-not-read",
        [File("/etc/snmpd.conf", AIX_SNMPD_HARDENED.replace("readOnly", "readWrite"), 0o600, "root", "system")],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-13-vacm-write-view",
        [_v3(AIX_SNMPDV3_HARDENED.replace("defaultView - defaultView", "defaultView defaultView defaultView"))],
        {"SNMP-13": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SNMP-13-write-view-for-a-group-nobody-is-in",
        [_v3(AIX_SNMPDV3_HARDENED + "VACM_ACCESS emptygroup - - AuthPriv USM defaultView defaultView defaultView -\n")],
        {},
    ),
]

AIX_OTHER = [
    AIX_HARDENED.changed(
        "aix-no-snmp",
        [
            Absent("/usr/sbin/snmpd"),
            Absent("/usr/sbin/snmpdv3ne"),
            Absent("/usr/sbin/snmpdv1"),
            Absent("/etc/snmpdv3.conf"),
            Absent("/etc/snmpd.conf"),
            Absent("/etc/mib.defs"),
            Absent("/usr/samples/snmpd"),
            Absent("/var/tmp/snmpdv3.log"),
            File("/etc/rc.tcpip", _rc_tcpip(False, False), 0o774, "root", "system"),
        ],
        {"SNMP-09": "na", "SNMP-10": "na", "SNMP-11": "na", "SNMP-12": "na", "SNMP-13": "na"},
    ),
]

# Debian 12 snmpd 5.9.3+dfsg-2+deb12u1: the active lines of the stock /etc/snmp/snmpd.conf
# (`grep -v '^#' /etc/snmp/snmpd.conf | grep .` on a fresh install) end with this includeDir.
DEBIAN_SNMPD_STOCK = NET_SNMP_STOCK + "includeDir /etc/snmp/snmpd.conf.d\n"
DEBIAN_SNMPD_HARDENED = """\
agentaddress  127.0.0.1
view   systemonly  included   .1.3.6.1.2.1.1
rouser shauser authpriv -V systemonly
includeDir /etc/snmp/snmpd.conf.d
"""
# Debian's stock /etc/default/snmpd: the options line is commented out (the systemd unit ignores the file).
DEBIAN_DEFAULT_SNMPD = """\
# This file controls the behaviour of /etc/init.d/snmpd
# but not of the corresponding systemd service file.
# If needed, create an override file in
# /etc/systemd/system/snmpd.service.d/local.conf
# see man 5 systemd.unit and man 5 systemd.service

# Don't load any MIBs by default.
# You might comment this lines once you have the MIBs downloaded.
# export MIBS=

# snmpd options (use syslog priority warning, close stdin/out/err).
#SNMPDOPTS='-LSwd -Lf /dev/null -u Debian-snmp -g Debian-snmp -I -smux,mteTrigger,mteTriggerConf -p /run/snmpd.pid'
"""
DEBIAN_DEFAULT_LOGFILE = DEBIAN_DEFAULT_SNMPD.replace(
    "#SNMPDOPTS='-LSwd -Lf /dev/null", "SNMPDOPTS='-LSwd -Lf /var/log/snmpd.log"
)
# Written by snmpd 5.9.3 (SNMP_PERSISTENT_DIR) from `createUser shauser SHA ... AES ...` and
# `createUser md5user MD5 ... DES ...`; keys are localized to that run's engineID.
PERSISTENT_HEADER = "#\n# net-snmp (or ucd-snmp) persistent data file.\n#\n"
USM_SHA_AES = (
    'usmUser 1 3 0x80001f8880a51804259bc50f6b00000000 "shauser" "shauser" NULL .1.3.6.1.6.3.10.1.1.3 '
    '0xda25ef5d8f81fcd2d21b1a63e0bc53ee14b52b8a .1.3.6.1.6.3.10.1.2.4 0x13a60fbb86fe943a27409b06e6202e50 ""\n'
)
USM_MD5_DES = (
    'usmUser 1 3 0x80001f8880a51804259bc50f6b00000000 "md5user" "md5user" NULL .1.3.6.1.6.3.10.1.1.2 '
    '0xfc56b24e923d1d16f5ee1dc6587ff917 .1.3.6.1.6.3.10.1.2.2 0x06ae7f0dc6b3310b2bdbe9a0483b5d92 ""\n'
)
PERSISTENT_TAIL = "setserialno 2037511430\nengineBoots 1\noldEngineID 0x80001f8880a51804259bc50f6b00000000\n"

_D = "/etc/snmp/snmpd.conf.d"

DEBIAN_HARDENED = Scenario(
    name="debian-hardened",
    platform="linux",
    users={**DEBIAN_USERS, "Debian-snmp": 109},
    groups={**DEBIAN_GROUPS, "Debian-snmp": 114},
    root_group="root",
    nodes=(
        File("/etc/debian_version", "12.8\n"),
        File("/usr/sbin/snmpd", "", 0o755),
        File("/etc/snmp/snmpd.conf", DEBIAN_SNMPD_HARDENED, 0o600),
        Dir(_D, 0o755),
        File(f"{_D}/10-site.conf", "sysLocation lab rack 4\n", 0o600),
        File("/etc/default/snmpd", DEBIAN_DEFAULT_SNMPD, 0o644),
        Dir("/var/lib/snmp", 0o755, "Debian-snmp", "Debian-snmp"),
        File("/var/lib/snmp/snmpd.conf", PERSISTENT_HEADER + USM_SHA_AES + PERSISTENT_TAIL, 0o600),
        Dir("/usr/share/snmp/mibs"),
        File("/usr/share/snmp/mibs/SNMPv2-MIB.txt", "SNMPv2-MIB DEFINITIONS ::= BEGIN\n", 0o640),
    ),
    expect={**{c: "pass" for c in IDS}, "SNMP-08": "na", "SNMP-12": "na"},
)

DEBIAN_CASES = [
    DEBIAN_HARDENED.changed(
        "debian-as-installed",
        [
            File("/etc/snmp/snmpd.conf", DEBIAN_SNMPD_STOCK, 0o600),
            Absent(f"{_D}/10-site.conf"),
            File("/var/lib/snmp/snmpd.conf", PERSISTENT_HEADER + PERSISTENT_TAIL, 0o600, "Debian-snmp", "Debian-snmp"),
        ],
        # rocommunity public; no SNMPv3 user yet; the persistent file belongs to Debian-snmp.
        {"SNMP-09": "fail", "SNMP-10": "na", "SNMP-11": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-09-community-in-included-file",
        [File(f"{_D}/50-legacy.conf", "rocommunity n0c-ro-7741 10.0.0.0/8\n", 0o600)],
        {"SNMP-09": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-09-nested-include-not-followed",
        [File(f"{_D}/50-more.conf", "includeFile /etc/snmp/more.conf\n", 0o600)],
        {"SNMP-09": "error", "SNMP-10": "error", "SNMP-13": "error"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-10-md5-persistent-user",
        [File("/var/lib/snmp/snmpd.conf", PERSISTENT_HEADER + USM_SHA_AES + USM_MD5_DES + PERSISTENT_TAIL, 0o600)],
        {"SNMP-10": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-10-createuser-without-privacy",
        [File("/etc/snmp/snmpd.conf", DEBIAN_SNMPD_HARDENED + 'createUser backup SHA-256 "b4ckup-passphrase"\n', 0o600)],
        {"SNMP-10": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-11-persistent-file-group-debian-snmp",
        [File("/var/lib/snmp/snmpd.conf", PERSISTENT_HEADER + USM_SHA_AES + PERSISTENT_TAIL, 0o600, "root", "Debian-snmp")],
        {"SNMP-11": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-12-log-file-protected",
        [File("/etc/default/snmpd", DEBIAN_DEFAULT_LOGFILE, 0o644), File("/var/log/snmpd.log", "", 0o640)],
        {"SNMP-12": "pass"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-12-log-file-world-readable",
        [File("/etc/default/snmpd", DEBIAN_DEFAULT_LOGFILE, 0o644), File("/var/log/snmpd.log", "", 0o644)],
        {"SNMP-12": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-13-rwcommunity",
        [File(f"{_D}/50-nms.conf", "rwcommunity n0c-rw-9913 10.1.2.3\n", 0o600)],
        {"SNMP-09": "fail", "SNMP-13": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-SNMP-13-rwuser",
        [File("/etc/snmp/snmpd.conf", DEBIAN_SNMPD_HARDENED.replace("rouser shauser", "rwuser shauser"), 0o600)],
        {"SNMP-13": "fail"},
    ),
    DEBIAN_HARDENED.changed(
        "debian-nothing-installed",
        [Absent("/usr/sbin/snmpd"), Absent("/etc/snmp"), Absent("/var/lib/snmp"), Absent("/usr/share/snmp")],
        {"SNMP-09": "na", "SNMP-10": "na", "SNMP-11": "na", "SNMP-13": "na"},
    ),
]

# RHEL 9 net-snmp: the active lines of the stock /etc/snmp/snmpd.conf (sec.name notConfigUser, read-only
# systemview), and the stock /etc/sysconfig/snmpd with its OPTIONS line commented out.
RHEL_SNMPD_STOCK = """\
com2sec notConfigUser  default       public
group   notConfigGroup v1           notConfigUser
group   notConfigGroup v2c           notConfigUser
view    systemview    included   .1.3.6.1.2.1.1
view    systemview    included   .1.3.6.1.2.1.25.1.1
access  notConfigGroup ""      any       noauth    exact  systemview none none
syslocation Unknown (edit /etc/snmp/snmpd.conf)
syscontact Root <root@localhost> (configure /etc/snmp/snmp.local.conf)
dontLogTCPWrappersConnects yes
"""
RHEL_SYSCONFIG = "# snmpd command line options\n# '-f' is implicitly added by snmpd systemd unit file\n# OPTIONS=\"-LS0-6d\"\n"
RHEL_SNMPD_V3 = """\
view    systemview    included   .1.3.6.1.2.1.1
group   monGroup usm monitor
access  monGroup ""      usm       priv    exact  systemview none none
"""

RHEL_AS_INSTALLED = Scenario(
    name="rhel-as-installed",
    platform="linux",
    users=RHEL_USERS,
    groups=RHEL_GROUPS,
    root_group="root",
    nodes=(
        File("/etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n"),
        File("/usr/sbin/snmpd", "", 0o755),
        File("/etc/snmp/snmpd.conf", RHEL_SNMPD_STOCK, 0o600),
        File("/etc/sysconfig/snmpd", RHEL_SYSCONFIG, 0o644),
        Dir("/usr/share/snmp/mibs"),
        File("/usr/share/snmp/mibs/IF-MIB.txt", "x\n", 0o644),
    ),
    # com2sec public; no SNMPv3 user; write view none; logs through syslog.
    expect={"SNMP-08": "na", "SNMP-09": "fail", "SNMP-10": "na", "SNMP-11": "pass", "SNMP-12": "na", "SNMP-13": "pass"},
)

RHEL_HARDENED = RHEL_AS_INSTALLED.changed(
    "rhel-hardened",
    [
        File("/etc/snmp/snmpd.conf", RHEL_SNMPD_V3, 0o600),
        Dir("/var/lib/net-snmp", 0o700),
        File("/var/lib/net-snmp/snmpd.conf", 'createUser monitor SHA-512 "m0nitor-passphrase" AES "m0nitor-privacy"\n', 0o600),
    ],
    {"SNMP-09": "pass", "SNMP-10": "pass"},
)

RHEL_CASES = [
    RHEL_HARDENED.changed(
        "rhel-SNMP-10-createuser-md5",
        [File("/var/lib/net-snmp/snmpd.conf", 'createUser monitor MD5 "m0nitor-passphrase" DES\n', 0o600)],
        {"SNMP-10": "fail"},
    ),
    RHEL_AS_INSTALLED.changed(
        "rhel-SNMP-13-write-view-for-community-group",
        [File("/etc/snmp/snmpd.conf", RHEL_SNMPD_STOCK.replace("systemview none none", "systemview systemview none"), 0o600)],
        {"SNMP-13": "fail"},
    ),
    RHEL_AS_INSTALLED.changed(
        "rhel-SNMP-12-log-file-group-adm",
        [
            File("/etc/sysconfig/snmpd", 'OPTIONS="-LS0-6d -Lf /var/log/snmpd.log"\n', 0o644),
            File("/var/log/snmpd.log", "", 0o640, "root", "adm"),
        ],
        {"SNMP-12": "fail"},
    ),
    # RHEL 6 shipped OPTIONS="-LS0-6d -Lf /dev/null ...": /dev/null is no log file.
    RHEL_AS_INSTALLED.changed(
        "rhel-SNMP-12-dev-null-is-no-log",
        [File("/etc/sysconfig/snmpd", 'OPTIONS="-LS0-6d -Lf /dev/null -p /var/run/snmpd.pid"\n', 0o644)],
        {},
    ),
]

SCENARIOS = [
    AIX_HARDENED,
    AIX_AS_INSTALLED,
    *AIX_SINGLE_DEFECTS,
    *AIX_OTHER,
    DEBIAN_HARDENED,
    *DEBIAN_CASES,
    RHEL_AS_INSTALLED,
    RHEL_HARDENED,
    *RHEL_CASES,
]

#: For the scenario-set checks (tests_meta/test_platform_and_scenarios.py): each defect moves one control.
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_HARDENED, "rhel": RHEL_HARDENED}
SINGLE_DEFECTS = AIX_SINGLE_DEFECTS + AIX_OTHER + DEBIAN_CASES + RHEL_CASES
