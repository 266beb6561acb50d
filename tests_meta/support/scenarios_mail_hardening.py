"""Scenario hosts for MAIL-10 .. MAIL-16: hardened, one defect each, N/A, on AIX and Debian layouts.

The AIX base is the mail family's hardened AIX 7 host (tests_meta/support/scenarios_mail.py) with
the CIS queue layout (/var/spool/mqueue root:system 0700) and AIX's stock inetd.conf comsat line
commented out. The Debian base is the mail family's Postfix host with /etc/rsyslog.conf at 0640 and
the queue directories as Debian's postfix 3.7.11 creates them (postfix-files: /var/spool/postfix
root 0755, active postfix 0700, maildrop postfix:postdrop 0730, public postfix:postdrop 0710).
"""

from __future__ import annotations

from dataclasses import replace

from tests_meta.support import scenarios_mail as mail
from tests_meta.support.scenario import Absent, Dir, File, Link

IDS = [f"MAIL-{n:02d}" for n in range(10, 17)]
FOLDERS = ("tests_mail/test_mail_hardening.py",)

#: AIX 7 /etc/inetd.conf's comsat line as shipped, and commented out as the STIG asks.
AIX_COMSAT = "comsat\tdgram\tudp\twait\troot\t/usr/sbin/comsat\tcomsat\n"
AIX_INETD = "## inetd.conf\n#ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd\n"

#: A submission program configuration naming its own queue, as sendmail's submit.mc generates it.
SUBMIT_CF = "V10/Berkeley\nO QueueDirectory=/var/spool/clientmqueue\nO RunAsUser=smmsp\n"


def _aix_inetd(comsat: str = "#") -> File:
    return File("/etc/inetd.conf", AIX_INETD + comsat + AIX_COMSAT, 0o640, "root", "system")


AIX_HARDENED = replace(
    mail.AIX_HARDENED,
    users={**mail.AIX_HARDENED.users, "smmsp": 25},
    groups={**mail.AIX_HARDENED.groups, "smmsp": 25},
).changed(
    "aix-hardened",
    [
        File("/etc/passwd", mail.AIX_PASSWD + "smmsp:*:25:25::/var/spool/clientmqueue:\n", 0o644, "root", "security"),
        Dir("/var/spool/mqueue", 0o700, "root", "system"),
        _aix_inetd(),
    ],
    {c: "pass" for c in IDS},
)

AIX_DEFECTS = [
    AIX_HARDENED.changed(
        "aix-MAIL-10-syslog-conf-group-staff",
        [File("/etc/syslog.conf", mail.AIX_SYSLOG, 0o640, "root", "staff")],
        {"MAIL-10": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-10-syslog-conf-0644", [File("/etc/syslog.conf", mail.AIX_SYSLOG, 0o644, "root", "system")], {"MAIL-10": "fail"}
    ),
    replace(
        AIX_HARDENED.changed("aix-MAIL-10-syslog-conf-extended-acl", [], {"MAIL-10": "fail"}),
        acls=(("/etc/syslog.conf", "u:204:r"),),  # alice, by number: setfacl resolves names on this host
    ),
    # The AIX 6.1 STIG accepts bin, sys or system (V-4394); the AIX 7 STIG only system (V-245562).
    AIX_HARDENED.changed(
        "aix-MAIL-10-group-sys-under-stig-aix61",
        [File("/etc/syslog.conf", mail.AIX_SYSLOG, 0o640, "root", "sys")],
        {},
        'extends = "stig-aix61"\n',
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-10-group-sys-under-stig-aix7",
        [File("/etc/syslog.conf", mail.AIX_SYSLOG, 0o640, "root", "sys")],
        {"MAIL-10": "fail"},
        'extends = "stig-aix7"\n',
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-11-aliases-group-staff",
        [File("/etc/mail/aliases", mail.AIX_ALIASES, 0o644, "root", "staff")],
        {"MAIL-11": "fail"},
    ),
    replace(
        AIX_HARDENED.changed("aix-MAIL-11-aliases-extended-acl", [], {"MAIL-11": "fail"}),
        acls=(("/etc/mail/aliases", "u:204:rw"),),
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-12-program-group-staff",
        [File("/usr/local/bin/maillog", "#!/bin/ksh\n", 0o755, "root", "staff")],
        {"MAIL-12": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-12-program-directory-group-staff", [Dir("/usr/local/bin", 0o755, "root", "staff")], {"MAIL-12": "fail"}
    ),
    replace(
        AIX_HARDENED.changed("aix-MAIL-12-program-extended-acl", [], {"MAIL-12": "fail"}),
        acls=(("/usr/local/bin/maillog", "u:204:rwx"),),
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-12-no-program-alias",
        [File("/etc/mail/aliases", "MAILER-DAEMON:root\npostmaster:root\n", 0o644, "root", "system")],
        {"MAIL-12": "na"},
    ),
    replace(
        AIX_HARDENED.changed("aix-MAIL-13-mail-log-extended-acl", [], {"MAIL-13": "fail"}),
        acls=(("/var/spool/mqueue/log", "u:204:r"),),
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-13-no-mail-log",
        [File("/etc/syslog.conf", "*.info;mail.none /var/adm/syslog.log\n", 0o640, "root", "system")],
        {"MAIL-13": "na"},
    ),
    AIX_HARDENED.changed("aix-MAIL-14-comsat-in-inetd-conf", [_aix_inetd(comsat="")], {"MAIL-14": "fail"}),
    AIX_HARDENED.changed("aix-MAIL-14-no-inetd-conf", [Absent("/etc/inetd.conf")], {}),
    AIX_HARDENED.changed(
        "aix-MAIL-15-sendmail-cf-0644",
        [File("/etc/mail/sendmail.cf", mail._cf(), 0o644, "root", "system")],
        {"MAIL-15": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-15-sendmail-cf-group-staff",
        [File("/etc/mail/sendmail.cf", mail._cf(), 0o640, "root", "staff")],
        {"MAIL-15": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-15-submit-cf-0644",
        [
            File("/etc/mail/submit.cf", SUBMIT_CF, 0o644, "root", "smmsp"),
            Dir("/var/spool/clientmqueue", 0o770, "smmsp", "smmsp"),
        ],
        {"MAIL-15": "fail"},
    ),
    AIX_HARDENED.changed("aix-MAIL-16-no-mqueue", [Absent("/var/spool/mqueue")], {"MAIL-04": "fail", "MAIL-16": "fail"}),
    AIX_HARDENED.changed("aix-MAIL-16-mqueue-0750", [Dir("/var/spool/mqueue", 0o750, "root", "system")], {"MAIL-16": "fail"}),
    AIX_HARDENED.changed(
        "aix-MAIL-16-clientmqueue-world-writable",
        [Dir("/var/spool/clientmqueue", 0o777, "smmsp", "smmsp")],
        {"MAIL-16": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-16-submit-cf-queue-missing",
        [File("/etc/mail/submit.cf", SUBMIT_CF, 0o640, "root", "smmsp")],
        {"MAIL-16": "fail"},
    ),
]

AIX_OTHER = [
    AIX_HARDENED.changed(
        "aix-with-submit-cf-and-client-queue",
        [
            File("/etc/mail/submit.cf", SUBMIT_CF, 0o640, "root", "smmsp"),
            Dir("/var/spool/clientmqueue", 0o770, "smmsp", "smmsp"),
        ],
        {},
    ),
    AIX_HARDENED.changed(
        "aix-no-mta",
        [Absent("/etc/mail"), Absent("/etc/aliases")],
        {"MAIL-11": "na", "MAIL-12": "na", "MAIL-15": "na", "MAIL-16": "na"},
    ),
    AIX_HARDENED.changed("aix-no-syslog-conf", [Absent("/etc/syslog.conf")], {"MAIL-10": "na", "MAIL-13": "na"}),
]

_WANTS = "/etc/systemd/system/sockets.target.wants"


def _xinetd_biff(disable: str) -> File:
    """/etc/xinetd.d/comsat: an xinetd biff service running in.comsat; `disable` is an attribute line or empty."""
    text = (
        "service biff\n{\n" + disable + "\tsocket_type = dgram\n\twait = yes\n\tuser = root\n\tserver = /usr/sbin/in.comsat\n}\n"
    )
    return File("/etc/xinetd.d/comsat", text)


_POSTFIX_QUEUE = [
    Dir("/var/spool/postfix", 0o755, "root", "root"),
    Dir("/var/spool/postfix/active", 0o700, "postfix", "root"),
    Dir("/var/spool/postfix/maildrop", 0o730, "postfix", "postdrop"),
    Dir("/var/spool/postfix/public", 0o710, "postfix", "postdrop"),
    Dir("/var/spool/postfix/pid", 0o755, "root", "root"),
]

DEBIAN_ALIASES = 'mailer-daemon: postmaster\npostmaster: root\nlogger: "|/usr/local/bin/maillog -t mail"\n'

DEBIAN_POSTFIX = replace(
    mail.DEBIAN_POSTFIX,
    users={**mail.DEBIAN_POSTFIX.users, "postfix": 105, "smmsp": 104},
    groups={**mail.DEBIAN_POSTFIX.groups, "postfix": 107, "postdrop": 108, "smmsp": 106},
).changed(
    "debian-postfix-hardened",
    [
        File("/etc/rsyslog.conf", mail.DEBIAN_RSYSLOG, 0o640),
        File("/etc/postfix/master.cf", "smtp inet n - y - - smtpd\n"),
        *_POSTFIX_QUEUE,
        File("/etc/aliases", DEBIAN_ALIASES, 0o644),
        Dir("/usr/local/bin"),
        File("/usr/local/bin/maillog", "#!/bin/sh\n", 0o755),
    ],
    {c: "pass" for c in IDS},
)

DEBIAN_DEFECTS = [
    # Debian's rsyslog package ships /etc/rsyslog.conf root:root 0644.
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-10-stock-rsyslog-conf-0644", [File("/etc/rsyslog.conf", mail.DEBIAN_RSYSLOG, 0o644)], {"MAIL-10": "fail"}
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-10-included-file-group-adm",
        [Dir("/etc/rsyslog.d"), File("/etc/rsyslog.d/60-mail.conf", "mail.* -/var/log/mail.log\n", 0o640, "root", "adm")],
        {"MAIL-10": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-11-aliases-group-alice",
        [File("/etc/aliases", DEBIAN_ALIASES, 0o644, "root", "alice")],
        {"MAIL-11": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-12-program-group-alice",
        [File("/usr/local/bin/maillog", "#!/bin/sh\n", 0o755, "root", "alice")],
        {"MAIL-12": "fail"},
    ),
    replace(
        DEBIAN_POSTFIX.changed("debian-MAIL-12-program-extended-acl", [], {"MAIL-12": "fail"}),
        acls=(("/usr/local/bin/maillog", "g:1000:rwx"),),
    ),
    replace(
        DEBIAN_POSTFIX.changed("debian-MAIL-13-mail-log-extended-acl", [], {"MAIL-13": "fail"}),
        acls=(("/var/log/mail.log", "u:1000:r"),),
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-14-comsat-in-inetd-conf",
        [File("/etc/inetd.conf", "biff\t\tdgram\tudp4\twait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.comsat\n", 0o640)],
        {"MAIL-14": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-14-comsat-commented-in-inetd-conf",
        [File("/etc/inetd.conf", "#<off># biff\t\tdgram\tudp4\twait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.comsat\n", 0o640)],
        {},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-14-comsat-from-xinetd",
        [
            File("/etc/xinetd.conf", "defaults\n{\n}\nincludedir /etc/xinetd.d\n", 0o640),
            Dir("/etc/xinetd.d"),
            _xinetd_biff(""),
        ],
        {"MAIL-14": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-14-comsat-disabled-in-xinetd",
        [
            File("/etc/xinetd.conf", "defaults\n{\n}\nincludedir /etc/xinetd.d\n", 0o640),
            Dir("/etc/xinetd.d"),
            _xinetd_biff("\tdisable = yes\n"),
        ],
        {},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-14-comsat-socket-enabled",
        [Dir(_WANTS), Link(f"{_WANTS}/comsat.socket", "/lib/systemd/system/comsat.socket")],
        {"MAIL-14": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-15-main-cf-group-writable", [File("/etc/postfix/main.cf", mail.DEBIAN_MAIN_CF, 0o664)], {"MAIL-15": "fail"}
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-15-master-cf-owned-by-alice",
        [File("/etc/postfix/master.cf", "smtp inet n - y - - smtpd\n", 0o644, "alice", "root")],
        {"MAIL-15": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-16-maildrop-world-writable",
        [Dir("/var/spool/postfix/maildrop", 0o1733, "postfix", "postdrop")],
        {"MAIL-16": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-16-public-group-root", [Dir("/var/spool/postfix/public", 0o710, "postfix", "root")], {"MAIL-16": "fail"}
    ),
    DEBIAN_POSTFIX.changed(
        "debian-MAIL-16-queue-group-writable", [Dir("/var/spool/postfix", 0o775, "root", "root")], {"MAIL-16": "fail"}
    ),
    DEBIAN_POSTFIX.changed("debian-MAIL-16-no-postfix-queue", [Absent("/var/spool/postfix")], {"MAIL-16": "fail"}),
]

#: Debian's sendmail as its configuration scripts leave it (sendmail-base 8.17.1.9 update_sys and sendmailconfig):
#: sendmail.cf root:smmsp 0644, /var/spool/mqueue smmta:smmsp 02750, /var/spool/mqueue-client smmsp:smmsp 02770.
DEBIAN_SENDMAIL_CF = mail.DEBIAN_SENDMAIL_CF + "O QueueDirectory=/var/spool/mqueue\n"
DEBIAN_SUBMIT_CF = "V10/Berkeley\nO QueueDirectory=/var/spool/mqueue-client\n"
DEBIAN_SENDMAIL_STOCK = replace(
    DEBIAN_POSTFIX, users={**DEBIAN_POSTFIX.users, "smmta": 103}, groups={**DEBIAN_POSTFIX.groups, "smmta": 105}
).changed(
    "debian-sendmail-stock-layout",
    [
        Absent("/etc/postfix"),
        Absent("/var/spool/postfix"),
        Dir("/etc/mail", 0o2755, "smmta", "smmsp"),
        File("/etc/mail/sendmail.cf", DEBIAN_SENDMAIL_CF, 0o644, "root", "smmsp"),
        File("/etc/mail/submit.cf", DEBIAN_SUBMIT_CF, 0o644, "root", "smmsp"),
        File("/etc/mail/helpfile", "", 0o444),
        Dir("/var/spool/mqueue", 0o2750, "smmta", "smmsp"),
        Dir("/var/spool/mqueue-client", 0o2770, "smmsp", "smmsp"),
    ],
    {"MAIL-15": "fail", "MAIL-16": "fail"},
)
DEBIAN_SENDMAIL_HARDENED = DEBIAN_SENDMAIL_STOCK.changed(
    "debian-sendmail-cis-layout",
    [
        File("/etc/mail/sendmail.cf", DEBIAN_SENDMAIL_CF, 0o640, "root", "root"),
        File("/etc/mail/submit.cf", DEBIAN_SUBMIT_CF, 0o640, "root", "smmsp"),
        Dir("/var/spool/mqueue", 0o700, "root", "root"),
        Dir("/var/spool/mqueue-client", 0o770, "smmsp", "smmsp"),
    ],
    {"MAIL-15": "pass", "MAIL-16": "pass"},
)

SCENARIOS = [
    AIX_HARDENED,
    *AIX_DEFECTS,
    *AIX_OTHER,
    DEBIAN_POSTFIX,
    *DEBIAN_DEFECTS,
    DEBIAN_SENDMAIL_STOCK,
    DEBIAN_SENDMAIL_HARDENED,
]
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_POSTFIX}
SINGLE_DEFECTS = AIX_DEFECTS + DEBIAN_DEFECTS
