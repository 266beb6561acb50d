"""Scenario hosts for the mail and SMTP controls: hardened, as installed, one defect each, N/A.

AIX values are those of a stock AIX 7 installation:
/etc/mail/sendmail.cf with the `$j Sendmail $v/$Z; $b` greeting and a help file
with content as installed, sendmail started from rc.tcpip, IBM's recommended
`mail.debug /var/spool/mqueue/log` syslog line, and the alternate /usr/lib/aliases.
"""

from __future__ import annotations

from tests_meta.support.aix_inittab import inittab
from tests_meta.support.scenario import Absent, Dir, File, Link, Node, Scenario
from tests_meta.support.scenarios_cron import AIX_GROUPS, AIX_USERS, DEBIAN_GROUPS, DEBIAN_USERS

MAIL_IDS = [f"MAIL-{n:02d}" for n in range(1, 10)]
SMTP_IDS = [f"SMTP-{n:02d}" for n in range(1, 5)]
IDS = MAIL_IDS + SMTP_IDS
FOLDERS = ("tests_mail/test_mail.py", "tests_mail/test_smtp.py")

GREETING_LEAKS = "O SmtpGreetingMessage=$j Sendmail $v/$Z; $b\n"
GREETING_HIDDEN = "O SmtpGreetingMessage=Mail Server Ready ; $b\n"
#: The version through a macro of the site's own, defined from $v (op.me 5.1.3: D{name}value, used as ${name}).
GREETING_VIA_MACRO = "D{myver}$v\nO SmtpGreetingMessage=$j ESMTP ${myver}; $b\n"


def _cf(
    loglevel: str = "O LogLevel=9\n",
    greeting: str = GREETING_HIDDEN,
    helpfile: str = "O HelpFile=/etc/mail/helpfile\n",
    aliasfile: str = "O AliasFile=/etc/mail/aliases\n",
) -> str:
    return (
        "# sendmail.cf for AIX (bos.net.tcp.sendmail)\n"
        "Cwlocalhost\n"
        "Dj$w.example.com\n"
        "DnMAILER-DAEMON\n"
        f"{aliasfile}"
        "#O LogLevel=10\n"
        f"{loglevel}"
        f"{greeting}"
        f"{helpfile}"
        "O PrivacyOptions=goaway\n"
        "O QueueDirectory=/var/spool/mqueue\n"
        "Mlocal,	P=/bin/bellmail, F=lsDFMAw5:/|@qrmn, S=EnvFromL, R=EnvToL/HdrToL,\n"
        "		T=DNS/RFC822/X-Unix,\n"
        "		A=mail -F $g $u\n"
        "S0\n"
        "R$+			$: $1\n"
    )


AIX_ALIASES = """\
# Alias for mailer daemon
MAILER-DAEMON:root
# Following alias is required by the new mail protocol, RFC 822
postmaster:root
nobody: /dev/null
#decode: "|/usr/bin/uudecode"
logger: "|/usr/local/bin/maillog -t mail"
"""

AIX_SYSLOG = """\
# /etc/syslog.conf
mail.debug /var/spool/mqueue/log
*.info /var/adm/syslog.log rotate size 1m files 4
"""

#: An alias that pipes mail to an interpreter: sendmail runs /usr/bin/perl, which runs the script.
INTERPRETER_ALIAS = 'report: "|/usr/bin/perl /opt/mailtools/report.pl -q"\n'


def _interpreted_script(script_mode: int, dir_mode: int) -> list[Node]:
    """AIX_ALIASES plus INTERPRETER_ALIAS, with a root-owned perl and the script in /opt/mailtools."""
    return [
        File("/etc/mail/aliases", AIX_ALIASES + INTERPRETER_ALIAS, 0o644, "root", "system"),
        File("/usr/bin/perl", "", 0o555, "root", "system"),
        Dir("/opt/mailtools", dir_mode, "root", "system"),
        File("/opt/mailtools/report.pl", "#!/usr/bin/perl\n", script_mode, "root", "system"),
    ]


#: AIX 7's stock /etc/passwd homes: root, nobody and lpd live in `/`, daemon in /etc, bin in /bin (uids of AIX_USERS).
AIX_PASSWD = """\
root:!:0:0::/:/usr/bin/ksh
daemon:!:1:1::/etc:
bin:!:2:2::/bin:
sys:!:3:3::/usr/sys:
adm:!:4:4::/var/adm:
uucp:!:5:5::/usr/lib/uucp:
guest:!:100:100::/home/guest:
nobody:!:4294967294:4294967294::/:
lpd:!:9:4294967294::/:
invscout:*:6001:0::/var/adm/invscout:/usr/bin/ksh
nuucp:*:6:5:uucp login user:/var/spool/uucppublic:/usr/sbin/uucp/uucico
esaadmin:*:10:0::/var/esa:/usr/bin/ksh
sshd:*:207:0::/var/empty:/usr/bin/ksh
alice:*:204:1::/home/alice:/usr/bin/ksh
"""

AIX_RC_TCPIP = (
    '#! /bin/bsh\nstart /usr/sbin/syslogd "$src_running"\n{sm}start /usr/lib/sendmail "$src_running" "-bd -q${{qpi}}"\n'
)

AIX_HARDENED = Scenario(
    name="aix-hardened",
    platform="aix",
    users=AIX_USERS,
    groups=AIX_GROUPS,
    nodes=(
        Dir("/usr/lpp/bos", 0o755, "bin", "bin"),
        File("/etc/passwd", AIX_PASSWD, 0o644, "root", "security"),
        File("/etc/rc.tcpip", AIX_RC_TCPIP.format(sm="#"), 0o774, "root", "system"),
        inittab(),
        Dir("/etc/mail", 0o755, "root", "system"),
        File("/etc/mail/sendmail.cf", _cf(), 0o640, "root", "system"),
        File("/etc/mail/helpfile", "", 0o444, "root", "system"),
        File("/etc/mail/aliases", AIX_ALIASES, 0o644, "root", "system"),
        Link("/etc/aliases", "/etc/mail/aliases"),
        Dir("/usr/local/bin", 0o755, "root", "system"),
        File("/usr/local/bin/maillog", "#!/bin/ksh\n", 0o755, "root", "system"),
        File("/etc/syslog.conf", AIX_SYSLOG, 0o640, "root", "system"),
        Dir("/var/spool/mqueue", 0o700, "root", "system"),  # CIS 4.6.4.5 (MAIL-16)
        File("/var/spool/mqueue/log", "", 0o640, "root", "system"),
        File("/var/adm/syslog.log", "", 0o640, "root", "system"),
        Dir("/home/alice", 0o700, "alice", "staff"),
        File("/home/alice/.profile", "PATH=/usr/bin\n", 0o600, "alice", "staff"),
    ),
    expect={**{c: "pass" for c in IDS}, "SMTP-02": "na"},
)

AIX_AS_INSTALLED = AIX_HARDENED.changed(
    "aix-as-installed",
    [
        File("/etc/rc.tcpip", AIX_RC_TCPIP.format(sm=""), 0o774, "root", "system"),
        File("/etc/mail/sendmail.cf", _cf(loglevel="", greeting=GREETING_LEAKS), 0o644, "root", "system"),
        File("/etc/mail/helpfile", "cpyr\tSendmail version 8.17\nsmtp\tCommands:\n", 0o444, "root", "system"),
        File("/etc/mail/aliases", AIX_ALIASES, 0o664, "root", "system"),
        File("/etc/syslog.conf", "# mail.debug /var/spool/mqueue/log\n# *.debug /var/adm/messages\n", 0o644, "root", "system"),
        Absent("/var/spool/mqueue/log"),
    ],
    {
        "MAIL-01": "fail",
        "MAIL-02": "fail",
        "MAIL-03": "fail",
        "MAIL-04": "na",
        "MAIL-05": "na",
        "MAIL-08": "fail",
        "SMTP-01": "fail",
        "SMTP-03": "fail",
    },
)

AIX_SINGLE_DEFECTS = [
    AIX_HARDENED.changed(
        "aix-MAIL-01-sendmail-started",
        [File("/etc/rc.tcpip", AIX_RC_TCPIP.format(sm=""), 0o774, "root", "system")],
        {"MAIL-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-02-last-loglevel-8",
        [File("/etc/mail/sendmail.cf", _cf(loglevel="O LogLevel=9\nO LogLevel=8\n"), 0o640, "root", "system")],
        {"MAIL-02": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-02-no-loglevel", [File("/etc/mail/sendmail.cf", _cf(loglevel=""), 0o640, "root", "system")], {"MAIL-02": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-03-mail-excluded",
        [File("/etc/syslog.conf", "*.info;mail.none /var/adm/syslog.log\n", 0o640, "root", "system")],
        {"MAIL-03": "fail", "MAIL-04": "na", "MAIL-05": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-04-log-owned-by-bin", [File("/var/spool/mqueue/log", "", 0o640, "bin", "system")], {"MAIL-04": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-05-log-0666", [File("/var/spool/mqueue/log", "", 0o666, "root", "system")], {"MAIL-05": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-06-aliases-owned-by-bin", [File("/etc/mail/aliases", AIX_ALIASES, 0o644, "bin", "system")], {"MAIL-06": "fail"}
    ),
    AIX_HARDENED.changed("aix-MAIL-07-mail-dir-owned-by-bin", [Dir("/etc/mail", 0o755, "bin", "system")], {"MAIL-07": "fail"}),
    AIX_HARDENED.changed(
        "aix-MAIL-08-usr-lib-aliases-0666",
        [File("/usr/lib/aliases", "root: root\n", 0o666, "root", "system")],
        {"MAIL-08": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-09-program-group-writable",
        [File("/usr/local/bin/maillog", "#!/bin/ksh\n", 0o775, "root", "system")],
        {"MAIL-09": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-09-decode-alias",
        [
            File("/etc/mail/aliases", AIX_ALIASES.replace("#decode", "decode"), 0o644, "root", "system"),
            File("/usr/bin/uudecode", "", 0o555, "bin", "bin"),
        ],
        {"MAIL-09": "fail"},  # owned by bin, not root; the decode alias itself is SMTP-05's finding
    ),
    AIX_HARDENED.changed("aix-MAIL-09-interpreter-script-world-writable", _interpreted_script(0o666, 0o755), {"MAIL-09": "fail"}),
    AIX_HARDENED.changed(
        "aix-MAIL-09-interpreter-script-in-world-writable-dir", _interpreted_script(0o755, 0o1777), {"MAIL-09": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-01-greeting-leaks",
        [File("/etc/mail/sendmail.cf", _cf(greeting=GREETING_LEAKS), 0o640, "root", "system")],
        {"SMTP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-01-greeting-macro-defined-from-v",
        [File("/etc/mail/sendmail.cf", _cf(greeting=GREETING_VIA_MACRO), 0o640, "root", "system")],
        {"SMTP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-01-greeting-deferred-v",
        [File("/etc/mail/sendmail.cf", _cf(greeting="O SmtpGreetingMessage=$j Sendmail $&v; $b\n"), 0o640, "root", "system")],
        {"SMTP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-01-legacy-De-macro-with-literal-version",
        [
            File(
                "/etc/mail/sendmail.cf",
                _cf(greeting="D{cfver}8.17.1/8.17.1\nDe$j Sendmail ${cfver} ready\n"),
                0o640,
                "root",
                "system",
            )
        ],
        {"SMTP-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-01-no-greeting-option",
        [File("/etc/mail/sendmail.cf", _cf(greeting=""), 0o640, "root", "system")],
        {"SMTP-01": "fail"},
    ),
    # A line the parser cannot read that may set the option decides nothing: not assessed, never passed.
    AIX_HARDENED.changed(
        "aix-MAIL-02-unreadable-loglevel-after-a-good-one",
        [File("/etc/mail/sendmail.cf", _cf(loglevel="O LogLevel=9\nO Log Level=2\n"), 0o640, "root", "system")],
        {"MAIL-02": "error"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-02-unrelated-unreadable-line-is-a-note",
        [File("/etc/mail/sendmail.cf", _cf(loglevel="O LogLevel=9\nO Foo Bar=1\n"), 0o640, "root", "system")],
        {},
    ),
    AIX_HARDENED.changed("aix-SMTP-03-helpfile-missing", [Absent("/etc/mail/helpfile")], {"SMTP-03": "fail"}),
    # [smtp] helpfile as the presets set it: absent (AIX 7 STIG V-215417), present (CIS 4.6.4.1).
    AIX_HARDENED.changed("aix-SMTP-03-helpfile-exists-stig-aix7", [], {"SMTP-03": "fail"}, 'extends = "stig-aix7"\n'),
    AIX_HARDENED.changed(
        "aix-SMTP-03-no-helpfile-as-stig-aix7-wants",
        [Absent("/etc/mail/helpfile")],
        {"SMTP-03": "pass"},
        'extends = "stig-aix7"\n',
    ),
    AIX_HARDENED.changed("aix-SMTP-03-empty-helpfile-present-cis", [], {"SMTP-03": "pass"}, 'extends = "cis-aix7-l1"\n'),
    AIX_HARDENED.changed(
        "aix-SMTP-03-stock-helpfile-names-version-cis",
        # sendmail's stock helpfile (sendmail 8.x cf/helpfile) starts its HELP text with this line.
        [File("/etc/mail/helpfile", "smtp\tThis is sendmail version $v\nsmtp\tTopics:\n", 0o444, "root", "system")],
        {"SMTP-03": "fail"},
        'extends = "cis-aix7-l1"\n',
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-03-helpfile-in-world-writable-dir",
        [
            File("/etc/mail/sendmail.cf", _cf(helpfile="O HelpFile=/var/tmp/helpfile\n"), 0o640, "root", "system"),
            Dir("/var/tmp", 0o1777, "bin", "bin"),
            File("/var/tmp/helpfile", "", 0o444, "root", "system"),
        ],
        {"SMTP-03": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-04-forward-in-root-home-slash",
        [File("/.forward", "root@elsewhere.example\n", 0o600, "root", "system")],
        {"SMTP-04": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-04-forward-dot-in-root-home-slash",
        [File("/.forward.old", "|/usr/local/bin/mailhook\n", 0o600, "root", "system")],
        {"SMTP-04": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-04-forward-in-home",
        [File("/home/alice/.forward", "alice@elsewhere.example\n", 0o600, "alice", "staff")],
        {"SMTP-04": "fail"},
    ),
]

AIX_OTHER = [
    AIX_HARDENED.changed(
        "aix-no-mta",
        [Absent("/etc/mail"), Absent("/etc/aliases")],
        {
            "MAIL-02": "na",
            "MAIL-03": "na",
            "MAIL-06": "na",
            "MAIL-07": "na",
            "MAIL-08": "na",
            "MAIL-09": "na",
            "SMTP-01": "na",
            "SMTP-03": "na",
        },
    ),
    AIX_HARDENED.changed(
        "aix-mta-without-aliases",
        [Absent("/etc/mail/aliases"), Absent("/etc/aliases")],
        {"MAIL-06": "fail", "MAIL-07": "fail", "MAIL-08": "fail", "MAIL-09": "na"},
    ),
    AIX_HARDENED.changed(
        "aix-mail-required-by-profile",
        [File("/etc/rc.tcpip", AIX_RC_TCPIP.format(sm=""), 0o774, "root", "system")],
        {"MAIL-01": "na"},
        profile='[services]\nmail = "required"\n',
    ),
    AIX_HARDENED.changed(
        "aix-legacy-usr-lib-aliases-only",
        [
            Absent("/etc/mail/aliases"),
            Absent("/etc/aliases"),
            File("/etc/mail/sendmail.cf", _cf(aliasfile="OA/usr/lib/aliases\n"), 0o640, "root", "system"),
            File("/usr/lib/aliases", AIX_ALIASES, 0o644, "root", "system"),
        ],
        {},
    ),
    AIX_HARDENED.changed("aix-alias-to-interpreter-with-safe-script", _interpreted_script(0o755, 0o755), {}),
    AIX_HARDENED.changed(
        "aix-forward-search-of-filesystem",
        [File("/srv/data/old/.forward+list", "x\n", 0o600, "root", "system")],
        {"SMTP-04": "fail"},
        profile='[mail]\nforward_search = "filesystem"\n',
    ),
]

DEBIAN_MAIN_CF = """\
smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)
biff = no
append_dot_mydomain = no
myhostname = mx.example.com
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
mydestination = $myhostname, localhost
inet_interfaces = loopback-only
"""
DEBIAN_RSYSLOG = "*.*;auth,authpriv.none\t-/var/log/syslog\nmail.*\t-/var/log/mail.log\nmail.err\t/var/log/mail.err\n"
_WANTS = "/etc/systemd/system/multi-user.target.wants"

DEBIAN_POSTFIX = Scenario(
    name="debian-postfix-hardened",
    platform="linux",
    users=DEBIAN_USERS,
    groups=DEBIAN_GROUPS,
    root_group="root",
    nodes=(
        File("/etc/debian_version", "12.8\n"),
        Dir("/etc/postfix"),
        File("/etc/postfix/main.cf", DEBIAN_MAIN_CF),
        File("/etc/aliases", "mailer-daemon: postmaster\npostmaster: root\nnobody: root\n", 0o644),
        File("/etc/rsyslog.conf", DEBIAN_RSYSLOG),
        File("/var/log/syslog", "", 0o640, "root", "adm"),
        File("/var/log/mail.log", "", 0o640, "root", "adm"),
        Dir("/home/alice", 0o750, "alice", "alice"),
    ),
    expect={**{c: "pass" for c in IDS}, "MAIL-02": "na", "SMTP-02": "na", "SMTP-03": "na"},
)

DEBIAN_OTHER = [
    DEBIAN_POSTFIX.changed(
        "debian-postfix-enabled",
        [Dir(_WANTS), Link(f"{_WANTS}/postfix.service", "/lib/systemd/system/postfix.service")],
        {"MAIL-01": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-banner-with-version",
        [File("/etc/postfix/main.cf", DEBIAN_MAIN_CF.replace("(Debian/GNU)", "$mail_version"))],
        {"SMTP-01": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-banner-with-braced-version",
        [File("/etc/postfix/main.cf", DEBIAN_MAIN_CF.replace("(Debian/GNU)", "${mail_version}"))],
        {"SMTP-01": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-banner-with-parenthesised-version",
        [File("/etc/postfix/main.cf", DEBIAN_MAIN_CF.replace("(Debian/GNU)", "$(mail_version)"))],
        {"SMTP-01": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-banner-version-through-another-parameter",
        [
            File(
                "/etc/postfix/main.cf",
                DEBIAN_MAIN_CF.replace("$mail_name (Debian/GNU)", "$custom_suffix")
                + "custom_suffix = ($mail_name ${mail_version})\n",
            )
        ],
        {"SMTP-01": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-banner-version-in-conditional",
        [File("/etc/postfix/main.cf", DEBIAN_MAIN_CF.replace("(Debian/GNU)", "${mail_name?{($mail_version)}:{}}"))],
        {"SMTP-01": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-banner-refers-to-an-unset-parameter",
        [File("/etc/postfix/main.cf", DEBIAN_MAIN_CF.replace("(Debian/GNU)", "$site_suffix"))],
        {"SMTP-01": "error"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-mail-log-world-readable-writable", [File("/var/log/mail.log", "", 0o646, "root", "adm")], {"MAIL-05": "fail"}
    ),
    DEBIAN_POSTFIX.changed("debian-missing-log-is-created-by-rsyslog", [Absent("/var/log/mail.log")], {}),
    DEBIAN_POSTFIX.changed(
        "debian-forward-plus-in-home", [File("/home/alice/.forward+lists", "x\n", 0o600, "alice", "alice")], {"SMTP-04": "fail"}
    ),
]

#: Debian's sendmail package beside postfix: a sendmail.cf whose greeting hides $v behind the deferred form.
DEBIAN_SENDMAIL_CF = (
    "V10/Berkeley\n"
    "DZ8.17.1\n"
    "O AliasFile=/etc/aliases\n"
    "O LogLevel=9\n"
    "O HelpFile=/etc/mail/helpfile\n"
    "O SmtpGreetingMessage=$j Sendmail $&v/$&Z; $b\n"
)
DEBIAN_SENDMAIL = [
    DEBIAN_POSTFIX.changed(
        "debian-sendmail-greeting-deferred-version",
        [Dir("/etc/mail"), File("/etc/mail/sendmail.cf", DEBIAN_SENDMAIL_CF), File("/etc/mail/helpfile", "", 0o444)],
        {"SMTP-01": "fail", "MAIL-02": "pass", "SMTP-03": "pass"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-sendmail-greeting-hidden",
        [
            Dir("/etc/mail"),
            File("/etc/mail/sendmail.cf", DEBIAN_SENDMAIL_CF.replace("Sendmail $&v/$&Z", "ESMTP")),
            File("/etc/mail/helpfile", "", 0o444),
        ],
        {"MAIL-02": "pass", "SMTP-03": "pass"},
    ),
]

# Other AIX start mechanisms (issue 12, class 1): an inittab entry that starts the subsystem, a start script in
# /etc/rc.d/rc2.d named after sendmail.
AIX_OTHER += [
    AIX_HARDENED.changed(
        "aix-MAIL-01-inittab-startsrc-sendmail",
        [inittab('sendmail:2:once:/usr/bin/startsrc -s sendmail -a "-bd -q30m"\n')],
        {"MAIL-01": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-MAIL-01-rc2d-start-script",
        [
            Dir("/etc/rc.d/rc2.d", 0o755, "root", "system"),
            File("/etc/rc.d/rc2.d/S90sendmail", "#!/bin/ksh\n/usr/lib/sendmail -bd -q30m\n", 0o755, "root", "system"),
        ],
        {"MAIL-01": "fail"},
    ),
]

SCENARIOS = [AIX_HARDENED, AIX_AS_INSTALLED, *AIX_SINGLE_DEFECTS, *AIX_OTHER, DEBIAN_POSTFIX, *DEBIAN_OTHER, *DEBIAN_SENDMAIL]
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_POSTFIX}
SINGLE_DEFECTS = AIX_SINGLE_DEFECTS + DEBIAN_OTHER

# An AliasFile outside the standard paths names a program: found in a third round, still <= 3 commands.
AIX_OTHER.append(
    AIX_HARDENED.changed(
        "aix-configured-aliases-file-with-unsafe-program",
        [
            File(
                "/etc/mail/sendmail.cf",
                _cf(aliasfile="O AliasFile=/etc/mail/aliases,/etc/mail/lists/aliases.local\n"),
                0o640,
                "root",
                "system",
            ),
            Dir("/etc/mail/lists", 0o755, "root", "system"),
            File("/etc/mail/lists/aliases.local", 'digest: "|/opt/lists/bin/digest"\n', 0o644, "root", "system"),
            Dir("/opt/lists/bin", 0o777, "root", "system"),
            File("/opt/lists/bin/digest", "#!/bin/ksh\n", 0o755, "root", "system"),
        ],
        {"MAIL-09": "fail"},
    )
)
SCENARIOS.append(AIX_OTHER[-1])
