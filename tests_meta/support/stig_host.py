"""One whole AIX host hardened to the DISA AIX 7 STIG, and what the CIS benchmark says of the same host.

The host is the union of every scenario family's hardened AIX base (FTP, TFTP, ftpd, SNMP and its
sub-agents, mail and SMTP, cron and at), with the files several families carry written once, and
then set to the values of the `stig-aix7` preset where the AIX 7 STIG is stricter than a family's
base (crontabs and atjobs root:cron 0640, no adm in cron.allow, no help file). Run with
`--profile=stig-aix7` it passes every control (or the control does not apply); run with
`--profile=cis-aix7-l1` it fails exactly the controls where the CIS benchmark and the STIG want
different things (CIS_DISAGREES, each with the rules that disagree).
"""

from __future__ import annotations

from types import ModuleType

from tests_meta.support import (
    scenarios_cron,
    scenarios_ftp_snmp,
    scenarios_ftpd,
    scenarios_mail,
    scenarios_snmp_agents,
    scenarios_tftp,
)
from tests_meta.support.scenario import Dir, File, Node, Scenario
from tests_meta.support.scenarios_mail import _cf as sendmail_cf

#: The families whose hardened AIX base makes up the host; where two carry the same path, the first wins
#: unless OVERRIDES writes it.
FAMILIES: tuple[ModuleType, ...] = (
    scenarios_mail,
    scenarios_snmp_agents,
    scenarios_ftp_snmp,
    scenarios_cron,
    scenarios_tftp,
    scenarios_ftpd,
)

FOLDERS = ("tests_ftp", "tests_snmp", "tests_mail", "tests_cron")

_INETD_CONF = """\
## IBM_PROLOG_BEGIN_TAG
## service name  socket  protocol wait/nowait  user  server program  server program arguments
##
#ftp	stream	tcp6	nowait	root	/usr/sbin/ftpd	ftpd -l -u077
#telnet	stream	tcp6	nowait	root	/usr/sbin/telnetd	telnetd -a
#shell	stream	tcp6	nowait	root	/usr/sbin/rshd	rshd
#exec	stream	tcp6	nowait	root	/usr/sbin/rexecd	rexecd
#comsat	dgram	udp	wait	root	/usr/sbin/comsat	comsat
#tftp	dgram	udp6	SRC	nobody	/usr/sbin/tftpd	tftpd -n
#talk	dgram	udp	wait	root	/usr/sbin/talkd	talkd
"""

_SYSLOG_CONF = """\
# /etc/syslog.conf
mail.debug /var/spool/mqueue/log
daemon.info /var/adm/daemon.log
*.info /var/adm/syslog.log rotate size 1m files 4
"""

#: sendmail.cf as the AIX 7 STIG leaves it: goaway (V-215415), LogLevel 9 (V-215344), no version in the greeting
#: (V-215412), the daemon bound to loopback (V-23952, the AIX 6.1 STIG's relay rule) and the HelpFile target absent.
_SENDMAIL_CF = sendmail_cf().replace(
    "O PrivacyOptions=goaway\n", "O PrivacyOptions=goaway\nO DaemonPortOptions=Family=inet, Addr=127.0.0.1, Name=MTA\n"
)

#: Files several families carry, written once for the whole host, with the AIX 7 STIG's values.
OVERRIDES: tuple[Node, ...] = (
    File("/etc/inetd.conf", _INETD_CONF, 0o640, "root", "system"),  # V-215269, V-245564, V-245565
    File("/etc/mail/sendmail.cf", _SENDMAIL_CF, 0o640, "root", "system"),
    File("/etc/syslog.conf", _SYSLOG_CONF, 0o640, "root", "system"),  # V-245561..3
    Dir("/var/spool/cron/crontabs", 0o640, "root", "cron"),  # V-215270, V-245569, V-245560
    Dir("/var/spool/cron/atjobs", 0o640, "root", "cron"),  # V-245566..8
    File("/var/adm/cron/cron.allow", "root\n", 0o600, "root", "sys"),  # V-215192: no adm
)

#: Paths of a family's base the AIX 7 STIG wants gone.
REMOVED = frozenset({"/etc/mail/helpfile"})  # V-215417: the HelpFile target must not exist


def _union() -> tuple[dict[str, int], dict[str, int], list[Node]]:
    users: dict[str, int] = {}
    groups: dict[str, int] = {}
    nodes: dict[str, Node] = {n.path: n for n in OVERRIDES}
    for family in FAMILIES:
        base: Scenario = family.BASES["aix"]
        for name, uid in base.users.items():
            users.setdefault(name, uid)
        for name, gid in base.groups.items():
            groups.setdefault(name, gid)
        for node in base.nodes:
            nodes.setdefault(node.path, node)
    return users, groups, [n for path, n in nodes.items() if path not in REMOVED]


_USERS, _GROUPS, _NODES = _union()

AIX_STIG_HARDENED = Scenario(
    name="aix-stig-aix7-hardened",
    platform="aix",
    users=_USERS,
    groups=_GROUPS,
    nodes=tuple(_NODES),
    expect={},
)

#: Controls no mounted tree can decide, with the reason the suite must give (never a pass, never a guess).
NOT_ASSESSABLE_ON_A_TREE: dict[str, str] = {
    "SMTP-07": "a mounted tree",  # sendmail's release comes from running the binary (or the live greeting)
}

#: The controls this host fails under the CIS preset, and why the standards disagree there.
CIS_DISAGREES: dict[str, str] = {
    "SNMP-01": "CIS 4.2.7 wants the SNMP filesets removed; the STIG (V-215354) only wants snmpd not started",
    "SMTP-03": "CIS 4.6.4.1 wants /etc/mail/helpfile present; the AIX 7 STIG (V-215417) wants the HelpFile target absent",
    "CRON-11": "CIS 6.2.2 wants adm listed in cron.allow; both STIGs (V-215192, V-11995) forbid it as a default system account",
    "CRON-03": "CIS 4.1.1.11 wants cron.allow <= 0400; the STIG (V-975) accepts 0600",
    "AT-03": "CIS 4.1.1.10 wants at.allow <= 0400; the STIG (V-987) accepts 0600",
    "CRON-05": "CIS 4.1.2.8 wants the crontabs directory owned by bin; the AIX 7 STIG (V-215270) accepts root",
    "AT-04": "CIS 4.1.2.9 wants the atjobs directory owned by bin; the AIX 7 STIG (V-245566) accepts root",
    "CRON-10": "CIS 4.1.1.12 wants the cron log owned by bin (bin:cron <= 0660); the STIG (V-983) sets no owner, the suite root",
}
