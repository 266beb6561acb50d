"""Unit tests for svcaudit.parsers.sendmail, .aliases and .postfix (pure parsers: text in, data out)."""

from __future__ import annotations

import dataclasses
import functools
import random
from collections.abc import Callable
from typing import Any

import pytest

from svcaudit.parsers import aliases as al
from svcaudit.parsers import postfix as pf
from svcaudit.parsers import sendmail as sm
from svcaudit.parsers.common import Malformed
from svcaudit.parsers.shellcmd import Program

Parsed = sm.SendmailCf | al.Aliases | pf.MainCf

# --------------------------------------------------------------------------- fixtures

#: AIX 7.2 /etc/mail/sendmail.cf (m4-generated, abridged).
AIX72_SENDMAIL_CF = """\
#
# Copyright (c) 1998-2004 Sendmail, Inc. and its suppliers.
#	All rights reserved.
#
######################################################################
#####
#####		SENDMAIL CONFIGURATION FILE
#####
######################################################################

# level 10 config file format
V10/Berkeley

# my official domain name
Dj$w.Foo.COM

# who I send unqualified names to if FEATURE(stickyhost) is used
DRlocalhost

# my name for error messages
DnMAILER-DAEMON

# class W: hosts that I am
Cw localhost
Fw-o /etc/mail/local-host-names

###############
#   Options   #
###############

# strip message body to 7 bits on input?
O SevenBitInput=False

# alias database name
O AliasFile=/etc/mail/aliases

# log level
#O LogLevel=10
O LogLevel=9

# SMTP initial login message (old $e macro)
O SmtpGreetingMessage=$j Sendmail $v/$Z; $b

# help file
O HelpFile=/etc/mail/helpfile

# privacy flags
O PrivacyOptions=authwarnings

# SMTP daemon options
O DaemonPortOptions=Name=MTA

# queue directory
O QueueDirectory=/var/spool/mqueue

Troot
Pfirst-class=0
H?P?Return-Path: <$g>
Kdequote dequote

######################################################################
###   Ruleset 0 -- Parse Address
######################################################################
S0
R$+			$: $1
R$*			$#local $: $1		local names

#####################################
###   Local and Program Mailer specification
#####################################
Mlocal,		P=/bin/bellmail, F=lsDFMAw5:/|@qSmn9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL,
		T=DNS/RFC822/X-Unix,
		A=mail -F $g $u
Mprog,		P=/bin/sh, F=lsDFMoqeu9, S=EnvFromL/HdrFromL, R=EnvToL/HdrToL, D=$z:/,
		T=X-Unix/X-Unix/X-Unix,
		A=sh -c $u
"""


#: BSD boilerplate (AIX 4.x /etc/sendmail.cf style): one-letter options, no V line.
BSD_SENDMAIL_CF = """\
# Sendmail configuration file
DnMAILER-DAEMON
De$j Sendmail $v ready at $b
OA/usr/lib/aliases
OH/usr/lib/sendmail.hf
OL9
OQ/usr/spool/mqueue
OS/usr/lib/sendmail.st
OT3d
Oe p
OF0600
Opauthwarnings
Ox8
OX12
S0
R$+\t$#local $: $1
"""

#: AIX /etc/mail/aliases as shipped (abridged).
AIX_ALIASES = """\
# @(#)25	1.9  src/tcpip/etc/aliases, tcpmail, tcpip720
#
#  Aliases in this file will NOT be expanded in the header from
#  Mail, but WILL be visible over networks or from /bin/mail.
#
#	>>>>>>>>>>	The program "newaliases" must be run after
#	>> NOTE >>	this file is updated for any changes to
#	>>>>>>>>>>	show through to sendmail.
#
##

# Alias for mailer daemon
MAILER-DAEMON: root

# Following alias is required by the new mail protocol, RFC 822
postmaster: root

# Aliases to handle mail to msgs and news
nobody: /dev/null

# Alias for uudecode program
#decode: "|/usr/bin/uudecode"
"""

#: Debian's stock /etc/aliases.
DEBIAN_ALIASES = """\
# See man 5 aliases for format
mailer-daemon: postmaster
postmaster: root
nobody: root
hostmaster: root
webmaster: root
"""

#: Debian bookworm's stock /etc/postfix/main.cf (abridged).
DEBIAN_MAIN_CF = """\
# See /usr/share/postfix/main.cf.dist for a commented, more complete version


# Debian specific:  Specifying a file name will cause the first
# line of that file to be used as the name.  The Debian default
# is /etc/mailname.
#myorigin = /etc/mailname

smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)
biff = no

# appending .domain is the MUA's job.
append_dot_mydomain = no

readme_directory = no
compatibility_level = 3.6

# TLS parameters
smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem
smtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key
smtpd_tls_security_level=may
smtp_tls_session_cache_database = btree:${data_directory}/smtp_scache

smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination
myhostname = x
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
myorigin = /etc/mailname
mydestination = $myhostname, x, localhost.localdomain, , localhost
relayhost = 
mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128
mailbox_size_limit = 0
recipient_delimiter = +
inet_interfaces = all
inet_protocols = all
"""

#: RHEL 9's stock /etc/postfix/main.cf (abridged): no banner line.
RHEL_MAIN_CF = """\
# Global Postfix configuration file. This file lists only a subset
# of all parameters. For the syntax, and for a complete parameter
# list, see the postconf(5) manual page (command: "man 5 postconf").
compatibility_level = 2
queue_directory = /var/spool/postfix
command_directory = /usr/sbin
daemon_directory = /usr/libexec/postfix
data_directory = /var/lib/postfix
mail_owner = postfix
inet_interfaces = localhost
inet_protocols = all
mydestination = $myhostname, localhost.$mydomain, localhost
unknown_local_recipient_reject_code = 550
#alias_maps = dbm:/etc/aliases
alias_maps = hash:/etc/aliases
#alias_maps = hash:/etc/aliases, nis:mail.aliases
#alias_database = dbm:/etc/aliases
alias_database = hash:/etc/aliases
#smtpd_banner = $myhostname ESMTP $mail_name
#smtpd_banner = $myhostname ESMTP $mail_name ($mail_version)
debug_peer_level = 2
debugger_command =
\t PATH=/bin:/usr/bin:/usr/local/bin:/usr/X11R6/bin
\t ddd $daemon_directory/$process_name $process_id & sleep 5
sendmail_path = /usr/sbin/sendmail.postfix
newaliases_path = /usr/bin/newaliases.postfix
setgid_group = postdrop
smtpd_tls_security_level = may
"""


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line == needle)


def cf(text: str, path: str = "/etc/mail/sendmail.cf") -> sm.SendmailCf:
    return sm.parse_sendmail_cf(text, path)


def aliases(text: str, path: str = "/etc/mail/aliases") -> al.Aliases:
    return al.parse_aliases(text, path)


def main_cf(text: str, path: str = "/etc/postfix/main.cf") -> pf.MainCf:
    return pf.parse_main_cf(text, path)


def options(conf: sm.SendmailCf) -> list[tuple[int, str, str]]:
    return [(o.line, o.name, o.value) for o in conf.options]


def targets(entry: al.Alias) -> list[tuple[str, str]]:
    return [(t.kind, t.value) for t in entry.targets]


# --------------------------------------------------------------------------- sendmail.cf: real files


def test_aix72_sendmail_cf() -> None:
    conf = cf(AIX72_SENDMAIL_CF)
    assert conf.malformed == ()
    line = functools.partial(line_of, AIX72_SENDMAIL_CF)
    assert options(conf) == [
        (line("O SevenBitInput=False"), "SevenBitInput", "False"),
        (line("O AliasFile=/etc/mail/aliases"), "AliasFile", "/etc/mail/aliases"),
        (line("O LogLevel=9"), "LogLevel", "9"),
        (line("O SmtpGreetingMessage=$j Sendmail $v/$Z; $b"), "SmtpGreetingMessage", "$j Sendmail $v/$Z; $b"),
        (line("O HelpFile=/etc/mail/helpfile"), "HelpFile", "/etc/mail/helpfile"),
        (line("O PrivacyOptions=authwarnings"), "PrivacyOptions", "authwarnings"),
        (line("O DaemonPortOptions=Name=MTA"), "DaemonPortOptions", "Name=MTA"),
        (line("O QueueDirectory=/var/spool/mqueue"), "QueueDirectory", "/var/spool/mqueue"),
    ]
    assert conf.greeting_macro is None
    assert sm.alias_files(conf) == (("/etc/mail/aliases", line("O AliasFile=/etc/mail/aliases")),)


def test_aix72_commented_log_level_is_ignored() -> None:
    conf = cf(AIX72_SENDMAIL_CF)
    assert [o.text for o in conf.all("LogLevel")] == ["O LogLevel=9"]
    assert conf.last("LogLevel") == conf.all("LogLevel")[0]


def test_bsd_one_letter_options() -> None:
    conf = cf(BSD_SENDMAIL_CF, "/etc/sendmail.cf")
    assert conf.malformed == ()
    assert options(conf) == [
        (4, "AliasFile", "/usr/lib/aliases"),
        (5, "HelpFile", "/usr/lib/sendmail.hf"),
        (6, "LogLevel", "9"),
        (7, "QueueDirectory", "/usr/spool/mqueue"),
        (8, "StatusFile", "/usr/lib/sendmail.st"),
        (9, "QueueTimeout", "3d"),
        (10, "ErrorMode", "p"),
        (11, "TempFileMode", "0600"),
        (12, "PrivacyOptions", "authwarnings"),
        (13, "QueueLA", "8"),
        (14, "RefuseLA", "12"),
    ]
    assert conf.options[2].text == "OL9"
    assert conf.greeting_macro == sm.Option(
        "SmtpGreetingMessage", "$j Sendmail $v ready at $b", 3, "De$j Sendmail $v ready at $b"
    )
    assert sm.alias_files(conf) == (("/usr/lib/aliases", 4),)


# --------------------------------------------------------------------------- sendmail.cf: option syntax


@pytest.mark.parametrize(
    "line, name, value",
    [
        ("O LogLevel=9", "LogLevel", "9"),
        ("O   LogLevel  =  9   ", "LogLevel", "9"),
        ("O\tLogLevel=9", "LogLevel", "9"),
        ("O SmtpGreetingMessage= Mail Server Ready ; $b", "SmtpGreetingMessage", "Mail Server Ready ; $b"),
        ("O SmtpGreetingMessage=$j  two  blanks kept\t", "SmtpGreetingMessage", "$j  two  blanks kept"),
        ("O DaemonPortOptions=Name=MTA, Family=inet", "DaemonPortOptions", "Name=MTA, Family=inet"),
        ("O UseMSP", "UseMSP", ""),
        ("O HelpFile=", "HelpFile", ""),
        ("O Milter.macros.connect=j, _", "Milter.macros.connect", "j, _"),
        ("O loglevel=9", "loglevel", "9"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.startswith("O") else None,
)
def test_long_options(line: str, name: str, value: str) -> None:
    conf = cf(line + "\n")
    assert conf.malformed == ()
    assert options(conf) == [(1, name, value)]
    assert conf.options[0].text == line.rstrip()


@pytest.mark.parametrize(
    "line, name, value",
    [
        ("OA/etc/aliases", "AliasFile", "/etc/aliases"),
        ("OH/usr/lib/sendmail.hf", "HelpFile", "/usr/lib/sendmail.hf"),
        ("OL9", "LogLevel", "9"),
        ("OL", "LogLevel", ""),
        ("OQ/var/spool/mqueue", "QueueDirectory", "/var/spool/mqueue"),
        ("OS/etc/sendmail.st", "StatusFile", "/etc/sendmail.st"),
        ("OT5d", "QueueTimeout", "5d"),
        ("Oep", "ErrorMode", "p"),
        ("Opgoaway", "PrivacyOptions", "goaway"),
        ("OF0600", "TempFileMode", "0600"),
        ("O7", "SevenBitInput", ""),
        ("Omtrue", "MeToo", "true"),
        ("OMxvalue", "OM", "xvalue"),
        ("OWsecret", "OW", "secret"),
    ],
)
def test_one_letter_options(line: str, name: str, value: str) -> None:
    conf = cf(line + "\n")
    assert conf.malformed == ()
    assert options(conf) == [(1, name, value)]


def test_continuation_lines_join_with_one_blank() -> None:
    conf = cf("O SmtpGreetingMessage=$j Sendmail\n\t  $v/$Z;\n $b\nO LogLevel=9\n")
    assert options(conf) == [(1, "SmtpGreetingMessage", "$j Sendmail $v/$Z; $b"), (4, "LogLevel", "9")]
    assert conf.options[0].text == "O SmtpGreetingMessage=$j Sendmail $v/$Z; $b"


def test_continuation_of_a_comment_is_a_comment() -> None:
    conf = cf("#O LogLevel=10\n\tO LogLevel=11\nO HelpFile=/etc/mail/helpfile\n")
    assert conf.malformed == ()
    assert options(conf) == [(3, "HelpFile", "/etc/mail/helpfile")]


def test_blank_only_line_does_not_end_a_command() -> None:
    conf = cf("O SmtpGreetingMessage=a\n   \n\tb\n")
    assert options(conf) == [(1, "SmtpGreetingMessage", "a b")]


def test_last_occurrence_wins() -> None:
    conf = cf("O LogLevel=9\nO LogLevel=5\nOL12\nO HelpFile=/a\n")
    assert conf.last("LogLevel") == sm.Option("LogLevel", "12", 3, "OL12")
    assert [o.value for o in conf.all("LogLevel")] == ["9", "5", "12"]
    assert conf.last("StatusFile") is None and conf.all("StatusFile") == ()


@pytest.mark.parametrize("query", ["LogLevel", "loglevel", "LOGLEVEL", "lOgLeVeL"])
def test_lookup_is_case_insensitive(query: str) -> None:
    conf = cf("O loglevel=3\nO LOGLEVEL=9\n")
    last = conf.last(query)
    assert last is not None and (last.line, last.value) == (2, "9")
    assert len(conf.all(query)) == 2


def test_trailing_comments_after_version_3() -> None:
    text = (
        "V10/Berkeley\n"
        "O LogLevel=9 # per-envelope logging\n"
        "O HelpFile=/etc/mail/helpfile#old\n"
        "O SmtpGreetingMessage=Mail \\#1 ready\n"
        "R$*\t$#local $: $1\n"
    )
    conf = cf(text)
    assert conf.malformed == ()
    assert options(conf) == [
        (2, "LogLevel", "9"),
        (3, "HelpFile", "/etc/mail/helpfile"),
        (4, "SmtpGreetingMessage", "Mail #1 ready"),
    ]
    assert conf.options[0].text == "O LogLevel=9 # per-envelope logging"


def test_no_trailing_comments_without_version_line() -> None:
    conf = cf("OL9 # note\nV2\nO HelpFile=/a # b\nV3\nO StatusFile=/c # d\n")
    assert [o.value for o in conf.options] == ["9 # note", "/a # b", "/c"]


def test_trailing_comment_inside_a_continuation() -> None:
    conf = cf("V10\nO SmtpGreetingMessage=$j # host\n\t# only a comment\n\tready # later\n")
    assert options(conf) == [(2, "SmtpGreetingMessage", "$j ready")]


# --------------------------------------------------------------------------- sendmail.cf: greeting macro


def test_greeting_macro_last_wins_and_is_not_an_option() -> None:
    conf = cf("Dj$w.Foo.COM\nDe$j Sendmail $v ready at $b\nDnMAILER-DAEMON\nDe Mail Server Ready  \n")
    assert conf.greeting_macro == sm.Option("SmtpGreetingMessage", "Mail Server Ready", 4, "De Mail Server Ready")
    assert conf.options == ()
    assert conf.last("SmtpGreetingMessage") is None


def test_no_greeting_macro() -> None:
    assert cf("DnMAILER-DAEMON\nD{daemon_flags}CC\n").greeting_macro is None


# --------------------------------------------------------------------------- sendmail.cf: alias files


@pytest.mark.parametrize(
    "value, expected",
    [
        ("/etc/mail/aliases", ["/etc/mail/aliases"]),
        ("/etc/mail/aliases,hash:/etc/mail/aliases.extra, nis:mail.aliases", ["/etc/mail/aliases", "/etc/mail/aliases.extra"]),
        ("hash:-o /etc/mail/aliases.local", ["/etc/mail/aliases.local"]),
        ("hash:-o -N /etc/mail/a, /etc/mail/b", ["/etc/mail/a", "/etc/mail/b"]),
        ("btree:/a, dbm:/b, text:/c, implicit:/d, cdb:/e", ["/a", "/b", "/c", "/d", "/e"]),
        ("HASH:/etc/upper", ["/etc/upper"]),
        (" /etc/mail/aliases ,  /etc/mail/more  ", ["/etc/mail/aliases", "/etc/mail/more"]),
        ("nis:mail.aliases, nisplus:mail_aliases.org_dir, hesiod:aliases", []),
        ("ldap:-k (uid=%0) -v mail, sequence:x, switch:aliases, dns:x", []),
        ("aliases", []),
        ("hash:aliases", []),
        ("", []),
        (",,", []),
    ],
)
def test_alias_files(value: str, expected: list[str]) -> None:
    conf = cf(f"O AliasFile={value}\n")
    assert conf.malformed == ()
    assert sm.alias_files(conf) == tuple((path, 1) for path in expected)


def test_alias_files_from_every_line_first_mention_kept() -> None:
    conf = cf("O AliasFile=/etc/mail/aliases\nOA/etc/mail/aliases\nOA/usr/lib/aliases\n#O AliasFile=/x\n")
    assert sm.alias_files(conf) == (("/etc/mail/aliases", 1), ("/usr/lib/aliases", 3))


def test_no_alias_file_option() -> None:
    assert sm.alias_files(cf("O LogLevel=9\n")) == ()


# --------------------------------------------------------------------------- sendmail.cf: malformed


@pytest.mark.parametrize(
    "text, reason",
    [
        ("O\n", "O line without an option"),
        ("O   \n", "O line without an option"),
        ("O =x\n", "O line without an option name"),
        ("O  = 9\n", "O line without an option name"),
        ("O=x\n", "unknown one-letter option '='"),
        ("O Log Level=9\n", "blank inside option name 'Log Level'"),
        ("Zfoo\n", "unknown configuration line (command 'Z')"),
        ("1\n", "unknown configuration line (command '1')"),
        ("Vfoo\n", "V line without a configuration level number"),
        ("\tO LogLevel=9\n", "line starts with a blank but follows no command line"),
    ],
)
def test_sendmail_malformed(text: str, reason: str) -> None:
    conf = cf("# header\n\n" + text, "/etc/x.cf")
    assert conf.options == ()
    assert conf.malformed == (Malformed("/etc/x.cf", 3, text.strip(), reason),)


def test_sendmail_malformed_does_not_hide_good_lines() -> None:
    conf = cf("O\nO LogLevel=9\n\n  orphan\nOL10\n")
    assert [m.line for m in conf.malformed] == [1, 4]
    assert [o.value for o in conf.options] == ["9", "10"]


def test_sendmail_crlf() -> None:
    conf = cf("O LogLevel=9\r\nO SmtpGreetingMessage=a\r\n\tb\r\n")
    assert options(conf) == [(1, "LogLevel", "9"), (2, "SmtpGreetingMessage", "a b")]


# --------------------------------------------------------------------------- aliases: real files


def test_aix_aliases() -> None:
    parsed = aliases(AIX_ALIASES)
    assert parsed.malformed == ()
    assert [(a.name, a.line, targets(a)) for a in parsed.aliases] == [
        ("MAILER-DAEMON", 13, [("address", "root")]),
        ("postmaster", 16, [("address", "root")]),
        ("nobody", 19, [("file", "/dev/null")]),
    ]
    assert parsed.aliases[2].text == "nobody: /dev/null"


def test_debian_aliases() -> None:
    parsed = aliases(DEBIAN_ALIASES, "/etc/aliases")
    assert parsed.malformed == ()
    assert [(a.name, targets(a)) for a in parsed.aliases] == [
        ("mailer-daemon", [("address", "postmaster")]),
        ("postmaster", [("address", "root")]),
        ("nobody", [("address", "root")]),
        ("hostmaster", [("address", "root")]),
        ("webmaster", [("address", "root")]),
    ]
    assert all(al.target_programs(t) == () for a in parsed.aliases for t in a.targets)


def test_program_and_include_aliases() -> None:
    text = (
        'majordomo: "|/usr/lib/majordomo/wrapper majordomo"\nlist: :include:/etc/mail/lists/list\ndecode: "|/usr/bin/uudecode"\n'
    )
    parsed = aliases(text)
    assert parsed.malformed == ()
    assert [(a.name, a.line, targets(a)) for a in parsed.aliases] == [
        ("majordomo", 1, [("program", "|/usr/lib/majordomo/wrapper majordomo")]),
        ("list", 2, [("include", ":include:/etc/mail/lists/list")]),
        ("decode", 3, [("program", "|/usr/bin/uudecode")]),
    ]
    assert [first_file(a.targets[0]) for a in parsed.aliases] == [
        "/usr/lib/majordomo/wrapper",
        "/etc/mail/lists/list",
        "/usr/bin/uudecode",
    ]


# --------------------------------------------------------------------------- aliases: values


@pytest.mark.parametrize(
    "value, kind, shown, program",
    [
        ('"|/usr/bin/uudecode"', "program", "|/usr/bin/uudecode", "/usr/bin/uudecode"),
        ("|/usr/bin/uudecode", "program", "|/usr/bin/uudecode", "/usr/bin/uudecode"),
        ("| /opt/bin/x -y", "program", "| /opt/bin/x -y", "/opt/bin/x"),
        ('|"/opt/my prog" -x', "program", '|"/opt/my prog" -x', "/opt/my prog"),
        ('"|exec /usr/bin/x"', "program", "|exec /usr/bin/x", "/usr/bin/x"),  # exec is a builtin, as in cron
        ("|uudecode", "program", "|uudecode", None),
        ("|", "program", "|", None),
        (":include:/etc/mail/lists/list", "include", ":include:/etc/mail/lists/list", "/etc/mail/lists/list"),
        (":INCLUDE: /etc/mail/lists/x", "include", ":INCLUDE: /etc/mail/lists/x", "/etc/mail/lists/x"),
        ('":include:/etc/mail/q"', "include", ":include:/etc/mail/q", "/etc/mail/q"),
        (":include:", "include", ":include:", None),
        ("/var/spool/mail/archive", "file", "/var/spool/mail/archive", None),
        ('"/var/log/mail archive"', "file", "/var/log/mail archive", None),
        ("root", "address", "root", None),
        ("user@example.com", "address", "user@example.com", None),
        ('"first last"@example.com', "address", '"first last"@example.com', None),
        ("\\root", "address", "\\root", None),
    ],
)
def test_target_kinds(value: str, kind: str, shown: str, program: str | None) -> None:
    parsed = aliases(f"x: {value}\n")
    assert parsed.malformed == ()
    (target,) = parsed.aliases[0].targets
    assert (target.kind, target.value) == (kind, shown)
    assert first_file(target) == program


def first_file(target: al.Target) -> str | None:
    """The first file a target names, when it is an absolute path (what MAIL-09 can check)."""
    programs = al.target_programs(target)
    return programs[0].word if programs and programs[0].kind == "absolute" else None


def absolute(word: str, role: str = "command") -> Program:
    return Program(word, "absolute", role)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value, programs",
    [
        # an interpreter and its script are both run: MAIL-09 judges both, as CRON-07 does for cron
        ('"|/usr/bin/perl /opt/x.pl"', [absolute("/usr/bin/perl"), absolute("/opt/x.pl", "script")]),
        ('"|/usr/bin/ksh /opt/y.sh -q"', [absolute("/usr/bin/ksh"), absolute("/opt/y.sh", "script")]),
        ('|"/usr/bin/ksh /opt/y.sh"', [Program("/usr/bin/ksh /opt/y.sh", "absolute", "command")]),  # one quoted word
        ("\"|/bin/sh -c '/opt/a; /opt/b'\"", [absolute("/bin/sh"), absolute("/opt/a"), absolute("/opt/b")]),
        ('"|/usr/bin/python3 -m mod"', [absolute("/usr/bin/python3")]),  # -m: inline module, no script file
        ('"|/usr/bin/perl x.pl"', [absolute("/usr/bin/perl"), Program("x.pl", "unresolvable", "script")]),
        ('"|$HOME/bin/x"', [Program("$HOME/bin/x", "unresolvable", "command")]),
        ('"|perl /opt/x.pl"', [Program("perl", "search", "command"), absolute("/opt/x.pl", "script")]),
        ('"|/opt/x; rm -f /tmp/y"', [absolute("/opt/x"), Program("rm", "search", "command")]),
        ('"|"', []),
        (":include:lists/x", [Program("lists/x", "unresolvable", "script")]),
        (":include:/etc/mail/$LIST", [Program("/etc/mail/$LIST", "unresolvable", "script")]),
        (":include:", []),
        ("/var/spool/mail/archive", []),
        ("root", []),
    ],
)
def test_target_programs_follow_the_shell(value: str, programs: list[Program]) -> None:
    (target,) = aliases(f"x: {value}\n").aliases[0].targets
    assert list(al.target_programs(target)) == programs


def test_continuation_lines() -> None:
    parsed = aliases('team: alice,\n\tbob,\n\t"|/opt/bin/log team"\nnext: root\n')
    assert parsed.malformed == ()
    team, following = parsed.aliases
    assert (team.name, team.line) == ("team", 1)
    assert targets(team) == [("address", "alice"), ("address", "bob"), ("program", "|/opt/bin/log team")]
    assert team.text == 'team: alice, bob, "|/opt/bin/log team"'
    assert (following.name, following.line) == ("next", 4)


def test_quoted_commas_do_not_split() -> None:
    parsed = aliases('x: "|/opt/a b,c", root\n')
    assert targets(parsed.aliases[0]) == [("program", "|/opt/a b,c"), ("address", "root")]
    assert first_file(parsed.aliases[0].targets[0]) == "/opt/a"


def test_empty_items_are_skipped() -> None:
    parsed = aliases("x: root,, ,bob,\n")
    assert targets(parsed.aliases[0]) == [("address", "root"), ("address", "bob")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"my list": root\n', "my list"),
        ("  \nMixed-Case.Name : root\n", "Mixed-Case.Name"),
        ('"a:b": root\n', "a:b"),
    ],
)
def test_alias_names(text: str, expected: str) -> None:
    assert [a.name for a in aliases(text).aliases] == [expected]


def test_comment_or_empty_line_ends_an_entry() -> None:
    parsed = aliases("team: alice,\n# bob,\n\tcarol\nother: a,\n\n\tdave\n")
    assert [(a.name, targets(a)) for a in parsed.aliases] == [
        ("team", [("address", "alice")]),
        ("other", [("address", "a")]),
    ]
    assert [(m.line, m.text, m.reason) for m in parsed.malformed] == [
        (3, "carol", "line starts with a blank but continues no alias"),
        (6, "dave", "line starts with a blank but continues no alias"),
    ]


def test_blank_only_and_indented_comment_lines_keep_an_entry_open() -> None:
    parsed = aliases("team: alice,\n   \n\t# carol left\n\tbob\n")
    assert parsed.malformed == ()
    assert targets(parsed.aliases[0]) == [("address", "alice"), ("address", "bob")]


def test_duplicates_are_kept() -> None:
    parsed = aliases("root: a\nroot: b\n")
    assert [(a.line, targets(a)) for a in parsed.aliases] == [(1, [("address", "a")]), (2, [("address", "b")])]


def test_aliases_crlf() -> None:
    parsed = aliases("postmaster: root\r\nteam: a,\r\n\tb\r\n")
    assert [(a.name, targets(a)) for a in parsed.aliases] == [
        ("postmaster", [("address", "root")]),
        ("team", [("address", "a"), ("address", "b")]),
    ]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("root\n", "no ':' after the alias name"),
        ("foo:\n", "alias 'foo' has no value"),
        ("foo:  ,  ,\n", "alias 'foo' has no value"),
        (": root\n", "empty alias name"),
        ('"": root\n', "empty alias name"),
        ('x: "|/opt/a, root\n', "unbalanced double quote"),
        ("\tbob\n", "line starts with a blank but continues no alias"),
    ],
)
def test_aliases_malformed(text: str, reason: str) -> None:
    parsed = aliases("# header\n\n" + text, "/etc/aliases")
    assert parsed.aliases == ()
    assert parsed.malformed == (Malformed("/etc/aliases", 3, text.strip(), reason),)


def test_aliases_malformed_does_not_hide_good_entries() -> None:
    parsed = aliases("root\ndecode: |/usr/bin/uudecode\nfoo:\n")
    assert [m.line for m in parsed.malformed] == [1, 3]
    assert [a.name for a in parsed.aliases] == ["decode"]


# --------------------------------------------------------------------------- postfix: real files


def test_debian_main_cf() -> None:
    conf = main_cf(DEBIAN_MAIN_CF)
    assert conf.malformed == ()
    assert conf.params["myhostname"] == pf.Param("myhostname", "x", line_of(DEBIAN_MAIN_CF, "myhostname = x"))
    assert conf.params["relayhost"].value == ""
    assert conf.params["smtpd_tls_cert_file"].value == "/etc/ssl/certs/ssl-cert-snakeoil.pem"
    assert "myorigin" in conf.params and conf.params["myorigin"].value == "/etc/mailname"
    line = line_of(DEBIAN_MAIN_CF, "alias_maps = hash:/etc/aliases")
    assert pf.alias_files(conf) == (("/etc/aliases", line),)
    banner = pf.banner(conf)
    assert banner is not None
    assert (banner.value, banner.line) == ("$myhostname ESMTP $mail_name (Debian/GNU)", 9)


def test_rhel_main_cf() -> None:
    conf = main_cf(RHEL_MAIN_CF)
    assert conf.malformed == ()
    line = line_of(RHEL_MAIN_CF, "alias_maps = hash:/etc/aliases")
    assert pf.alias_files(conf) == (("/etc/aliases", line),)
    assert pf.banner(conf) == pf.Param("smtpd_banner", "$myhostname ESMTP $mail_name", 0)
    debugger = conf.params["debugger_command"]
    assert debugger.line == line_of(RHEL_MAIN_CF, "debugger_command =")
    assert debugger.value == (
        "PATH=/bin:/usr/bin:/usr/local/bin:/usr/X11R6/bin ddd $daemon_directory/$process_name $process_id & sleep 5"
    )


def test_mail_version_banner() -> None:
    conf = main_cf("smtpd_banner = $myhostname ESMTP $mail_name ($mail_version)\n")
    assert pf.banner(conf) == pf.Param("smtpd_banner", "$myhostname ESMTP $mail_name ($mail_version)", 1)


def test_empty_main_cf_uses_defaults() -> None:
    conf = main_cf("")
    assert conf.params == {} and conf.malformed == ()
    assert pf.alias_files(conf) == (("/etc/aliases", 0),)
    assert pf.banner(conf) == pf.Param("smtpd_banner", pf.DEFAULTS["smtpd_banner"], 0)
    assert pf.DEFAULTS["alias_maps"] == "hash:/etc/aliases, nis:mail.aliases"
    assert pf.DEFAULTS["alias_database"] == "hash:/etc/aliases"


# --------------------------------------------------------------------------- postfix: syntax


def test_postfix_last_occurrence_wins() -> None:
    conf = main_cf("alias_maps = hash:/a\nmyhostname = h\nalias_maps = hash:/b\n")
    assert conf.params["alias_maps"] == pf.Param("alias_maps", "hash:/b", 3)
    assert list(conf.params) == ["myhostname", "alias_maps"]


def test_postfix_comments_and_blank_lines_inside_a_continuation() -> None:
    conf = main_cf("mynetworks = 127.0.0.0/8\n# loopback v6:\n\n    [::1]/128\n  # indented comment\nbiff = no\n")
    assert conf.malformed == ()
    assert conf.params["mynetworks"] == pf.Param("mynetworks", "127.0.0.0/8 [::1]/128", 1)
    assert conf.params["biff"].value == "no"


def test_postfix_hash_inside_a_value_is_kept() -> None:
    conf = main_cf("smtpd_banner = $myhostname ESMTP # not a comment\n")
    assert conf.params["smtpd_banner"].value == "$myhostname ESMTP # not a comment"


@pytest.mark.parametrize(
    "text, name, value",
    [
        ("myhostname=x", "myhostname", "x"),
        ("myhostname   =   x  y  ", "myhostname", "x  y"),
        ("relayhost =", "relayhost", ""),
        ("a = b = c", "a", "b = c"),
        ("myhostname = x\r", "myhostname", "x"),
    ],
)
def test_postfix_assignments(text: str, name: str, value: str) -> None:
    conf = main_cf(text + "\n")
    assert conf.malformed == ()
    assert conf.params == {name: pf.Param(name, value, 1)}


@pytest.mark.parametrize(
    "text, reason",
    [
        ("just text\n", "missing '=' after parameter name"),
        ("= value\n", "missing parameter name before '='"),
        ("my param = x\n", "whitespace inside parameter name 'my param'"),
        ("  orphan = x\n", "line starts with whitespace but continues no parameter"),
    ],
)
def test_postfix_malformed(text: str, reason: str) -> None:
    conf = main_cf("# header\n\n" + text, "/etc/postfix/main.cf")
    assert conf.params == {}
    assert conf.malformed == (Malformed("/etc/postfix/main.cf", 3, text.strip(), reason),)


def test_postfix_malformed_swallows_its_continuation_lines() -> None:
    conf = main_cf("bad line\n  more of it\nbiff = no\n")
    assert [(m.line, m.text) for m in conf.malformed] == [(1, "bad line more of it")]
    assert list(conf.params) == ["biff"]


# --------------------------------------------------------------------------- postfix: alias files


@pytest.mark.parametrize(
    "text, expected",
    [
        ("alias_maps = hash:/etc/aliases, dbm:/x\n", [("/etc/aliases", 1), ("/x", 1)]),
        (
            "alias_maps = hash:/etc/aliases btree:/b,lmdb:/c\n\tcdb:/d texthash:/e regexp:/f pcre:/g\nalias_database =\n",
            [("/etc/aliases", 1), ("/b", 1), ("/c", 1), ("/d", 1), ("/e", 1), ("/f", 1), ("/g", 1)],
        ),
        (
            (
                "alias_maps = nis:mail.aliases ldap:/etc/postfix/ldap.cf mysql:/etc/postfix/my.cf\n"
                "  proxy:hash:/etc/aliases pgsql:/p.cf inline:{ a=b, c=d } static:root\nalias_database =\n"
            ),
            [],
        ),
        ("alias_maps =\nalias_database =\n", []),
        ("alias_maps = /etc/aliases\nalias_database =\n", [("/etc/aliases", 1)]),
        ("alias_maps = hash:aliases\nalias_database =\n", []),
        ("alias_maps = HASH:/etc/upper\nalias_database =\n", [("/etc/upper", 1)]),
        ("alias_database = hash:/etc/mail/aliases\n", [("/etc/aliases", 0), ("/etc/mail/aliases", 1)]),
        (
            "alias_maps = hash:/etc/aliases\nalias_database = hash:/etc/aliases, hash:/opt/majordomo/aliases\n",
            [("/etc/aliases", 1), ("/opt/majordomo/aliases", 2)],
        ),
    ],
)
def test_postfix_alias_files(text: str, expected: list[tuple[str, int]]) -> None:
    conf = main_cf(text)
    assert conf.malformed == ()
    assert pf.alias_files(conf) == tuple(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("alias_maps = $alias_database\nalias_database = hash:/etc/mail/aliases\n", [("/etc/mail/aliases", 1)]),
        (
            (
                "config_directory = /etc/postfix\n"
                "alias_maps = hash:${config_directory}/aliases, hash:$(config_directory)/more\nalias_database =\n"
            ),
            [("/etc/postfix/aliases", 2), ("/etc/postfix/more", 2)],
        ),
        ("mine = hash:/a, dbm:/b\nalias_maps = $mine\nalias_database =\n", [("/a", 2), ("/b", 2)]),
        ("alias_maps = $alias_database\n", [("/etc/aliases", 1)]),
        ("alias_maps = hash:$nowhere/aliases, hash:/etc/aliases\nalias_database =\n", [("/etc/aliases", 1)]),
        ("alias_maps = ${x?hash:/a} hash:/b\nalias_database =\n", [("/b", 1)]),
        ("a = $b\nb = hash:/deep\nalias_maps = $a\nalias_database =\n", []),
        ("alias_maps = $alias_maps\nalias_database =\n", []),
    ],
)
def test_postfix_alias_references(text: str, expected: list[tuple[str, int]]) -> None:
    conf = main_cf(text)
    assert conf.malformed == ()
    assert pf.alias_files(conf) == tuple(expected)


# --------------------------------------------------------------------------- all parsers


def test_results_are_frozen() -> None:
    conf = cf(AIX72_SENDMAIL_CF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        conf.options[0].value = "x"  # type: ignore[misc]
    parsed = aliases(AIX_ALIASES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.aliases[0].targets[0].kind = "file"  # type: ignore[misc]
    postfix = main_cf(DEBIAN_MAIN_CF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        postfix.params["myhostname"].value = "y"  # type: ignore[misc]


def _garbage(rng: random.Random, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))


_ALPHABETS = {
    "sendmail": 'ODVRSMeLAH=:,#$\\ \t\r\n\x00é/hash-o|"{}&vZ',
    "aliases": ':|"#,/ \t\r\n\x00éinclude:root-@\\',
    "postfix": "=$#{}(),:/ \t\r\n\x00éalias_maps hash",
}


def _exercise(kind: str, text: str) -> tuple[Malformed, ...]:
    if kind == "sendmail":
        conf = cf(text)
        sm.alias_files(conf), conf.last("AliasFile"), conf.all("LogLevel"), sm.expand_greeting(conf)
        return conf.malformed
    if kind == "aliases":
        parsed = aliases(text)
        [al.target_programs(t) for a in parsed.aliases for t in a.targets]
        return parsed.malformed
    postfix = main_cf(text)
    pf.alias_files(postfix), pf.banner(postfix), pf.expand_banner(postfix)
    return postfix.malformed


@pytest.mark.parametrize("kind", sorted(_ALPHABETS))
def test_garbage_never_raises(kind: str) -> None:
    rng = random.Random(kind)
    for _ in range(300):
        for bad in _exercise(kind, _garbage(rng, _ALPHABETS[kind])):
            assert bad.line >= 1 and bad.reason


@pytest.mark.parametrize("kind", sorted(_ALPHABETS))
@pytest.mark.parametrize(
    "text",
    [
        "\x00" * 1000,
        "\x00\n\x00:\x00=\x00\n",
        "O" + "\x00" * 50 + "\n",
        "\ufeffO LogLevel=9\n",
        "line\u2028with\u0085odd\x0bbreaks\x0c=:\n",
    ],
    ids=["nul", "nul-lines", "o-nul", "bom", "odd-breaks"],
)
def test_odd_characters_never_raise(kind: str, text: str) -> None:
    _exercise(kind, text)


@pytest.mark.parametrize(
    "kind, line",
    [
        ("sendmail", "O AliasFile=/etc/mail/aliases, hash:-o /x\n\t$v\\#x # y\n"),
        ("aliases", 'a: b, "|/c d",\n\t:include:/e # f\n'),
        ("postfix", "alias_maps = hash:/etc/aliases $x\n\t${y} {z}\n"),
    ],
)
def test_hundred_thousand_lines(kind: str, line: str) -> None:
    text = line * 50_000
    assert text.count("\n") == 100_000
    _exercise(kind, text)  # linear: a quadratic scan would not finish within CI's limit


@pytest.mark.parametrize(
    "kind, text",
    [
        ("sendmail", "O AliasFile=" + "/a," * 200_000 + "\n"),
        ("sendmail", "V10\nO SmtpGreetingMessage=" + "\\#$#" * 200_000 + "\n"),
        ("sendmail", "O LogLevel=" + "9" * 1_000_000 + "\n"),
        ("aliases", "x: " + '"|/a,b", ' * 100_000 + "\n"),
        ("aliases", "x" * 1_000_000 + "\n"),
        ("postfix", "alias_maps = " + "hash:/a$alias_database{, " * 100_000 + "\n"),
        ("postfix", "x" * 1_000_000 + "\n"),
    ],
    ids=["sm-aliasfile", "sm-comments", "sm-digits", "al-values", "al-noname", "pf-maps", "pf-noequals"],
)
def test_very_long_lines(kind: str, text: str) -> None:
    _exercise(kind, text)  # linear: a quadratic scan would not finish within CI's limit


def test_version_line_with_huge_number() -> None:
    conf = cf("V" + "9" * 10_000 + "\nO LogLevel=9 # c\n")
    assert conf.malformed == () and conf.last("LogLevel") == sm.Option("LogLevel", "9", 2, "O LogLevel=9 # c")


@pytest.mark.parametrize(
    "parse", [sm.parse_sendmail_cf, al.parse_aliases, pf.parse_main_cf], ids=["sendmail", "aliases", "postfix"]
)
@pytest.mark.parametrize("value", [None, b"O LogLevel=9\n", 42], ids=["none", "bytes", "int"])
def test_non_text_input_is_reported_not_raised(parse: Callable[[Any, str], Parsed], value: object) -> None:
    result = parse(value, "/etc/x")
    assert len(result.malformed) == 1
    assert result.malformed[0] == Malformed("/etc/x", 0, "", result.malformed[0].reason)
    assert result.malformed[0].reason.startswith("internal parser error")


# --------------------------------------------------------------------------- SMTP-04: which homes are listed


def _passwd_facts(passwd: str) -> Any:
    from svcaudit.collect.batch import Batch, ContentRecord
    from svcaudit.facts.host import HostFacts

    batch = Batch()
    batch.contents["/etc/passwd"] = ContentRecord("/etc/passwd", passwd, False, None)
    return HostFacts("h", "aix", "AIX", "7.3", "", batch)


def test_home_of_slash_is_listed_once_and_normalised() -> None:
    from svcaudit.facts.mail import home_dirs

    passwd = (
        "root:!:0:0::/:/usr/bin/ksh\n"
        "nobody:!:4294967294:4294967294::/:\n"
        "odd:!:300:1::/.:\n"
        "odder:!:301:1:://:\n"
        "staff:!:302:1::/home:\n"
        "alice:!:204:1::/home/alice/:\n"
        "rel:!:303:1::home/rel:\n"
    )
    assert home_dirs(_passwd_facts(passwd)) == ["/", "/home", "/home/alice"]


def test_forward_requests_list_homes_and_never_walk_them() -> None:
    from svcaudit.facts.mail import followups
    from svcaudit.profile import load

    facts = _passwd_facts("root:!:0:0::/:/usr/bin/ksh\nalice:!:204:1::/home/alice:\n")
    requests = [(r.op, r.arg) for r in followups(facts, load(None).for_host("h")) if r.op in ("list", "find")]
    assert requests == [("list", "/"), ("list", "/home/alice")]


# --------------------------------------------------------------------------- SMTP-01: greetings expanded


def _banner(text: str) -> pf.BannerExpansion:
    return pf.expand_banner(main_cf(text))


@pytest.mark.parametrize(
    "text, leaks",
    [
        ("smtpd_banner = $myhostname ESMTP $mail_version\n", ["smtpd_banner -> mail_version"]),
        ("smtpd_banner = $myhostname ESMTP ${mail_version}\n", ["smtpd_banner -> mail_version"]),
        ("smtpd_banner = $myhostname ESMTP $(mail_version)\n", ["smtpd_banner -> mail_version"]),
        ("smtpd_banner = $myhostname $custom\ncustom = $mail_version\n", ["smtpd_banner -> custom -> mail_version"]),
        ("custom = ${mail_version}\nsmtpd_banner = $myhostname $(custom)\n", ["smtpd_banner -> custom -> mail_version"]),
        ("smtpd_banner = ${mail_name?{$mail_name $mail_version}}\n", ["smtpd_banner -> mail_version"]),
        ("smtpd_banner = ${mail_name?$mail_version}\n", ["smtpd_banner -> mail_version"]),
        ("smtpd_banner = ${empty:$mail_version}\nempty =\n", ["smtpd_banner -> mail_version"]),
        ("smtpd_banner = ${mail_name?{x}:{$mail_version}}\n", []),
        ("smtpd_banner = ${empty?{$mail_version}:{x}}\nempty =\n", []),
        ("smtpd_banner = $myhostname ESMTP $$mail_version\n", []),
        ("smtpd_banner = $myhostname ESMTP $mail_name ($mail_release_date)\n", ["smtpd_banner -> mail_release_date"]),
        ("smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n", []),
        ("", []),
    ],
)
def test_postfix_banner_every_spelling(text: str, leaks: list[str]) -> None:
    found = _banner(text)
    assert list(found.leaks) == leaks
    assert found.unresolved == ()


def test_postfix_banner_expanded_text() -> None:
    found = _banner("myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP ${mail_name} $$5 ${x:{none}}\n")
    assert found.text == "mx.example.com ESMTP Postfix $5 ${x:{none}}"
    assert found.unresolved and "$x" in found.unresolved[0]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("smtpd_banner = $myhostname $a\na = $b\nb = $a\n", "refers to itself (smtpd_banner -> a -> b -> a)"),
        ("smtpd_banner = $smtpd_banner x\n", "refers to itself"),
        ("smtpd_banner = $myhostname $site_suffix\n", "not set in /etc/postfix/main.cf"),
        ("smtpd_banner = ${{$mail_name} == {Postfix}?{a}:{b}}\n", "a form the audit does not evaluate"),
        ("smtpd_banner = ${mail_name\n", "unbalanced"),
    ],
)
def test_postfix_banner_unresolved_is_reported(text: str, reason: str) -> None:
    found = _banner(text)
    assert found.leaks == ()
    assert any(reason in r for r in found.unresolved), found.unresolved


def test_postfix_banner_unknown_condition_still_shows_a_leaking_branch() -> None:
    found = _banner("smtpd_banner = ${unknown_thing?{$mail_version}}\n")
    assert found.leaks == ("smtpd_banner -> mail_version",)
    assert found.unresolved


def test_postfix_banner_deep_chain_is_bounded() -> None:
    chain = "".join(f"p{n} = $p{n + 1}\n" for n in range(300)) + "p300 = $mail_version\nsmtpd_banner = $p0\n"
    found = _banner(chain)
    assert found.leaks == () and "nested deeper" in found.unresolved[0]


def _greeting(text: str) -> sm.GreetingExpansion:
    return sm.expand_greeting(cf(text))


@pytest.mark.parametrize(
    "text, leaks",
    [
        ("O SmtpGreetingMessage=$j Sendmail $v/$Z; $b\n", ["$v", "$Z"]),
        ("O SmtpGreetingMessage=$j Sendmail $&v; $b\n", ["$v"]),
        ("O SmtpGreetingMessage=$j ${myver}\nD{myver}$v\n", ["${myver} -> $v"]),
        ("D{myver}$&Z\nO SmtpGreetingMessage=$j $&{myver}\n", ["${myver} -> $Z"]),
        ("Dq$v\nDe$j $q ready\n", ["$q -> $v"]),
        ("OeLAH\n", ["$v"]),  # no greeting at all: sendmail's default has $v
        ("O SmtpGreetingMessage=$?{auth_type}$v$|hello$.\n", ["$v"]),
        ("O SmtpGreetingMessage=Mail Server Ready ; $b\n", []),
        ("Dv8.17.1\nO SmtpGreetingMessage=$j ESMTP\n", []),
    ],
)
def test_sendmail_greeting_every_form(text: str, leaks: list[str]) -> None:
    found = _greeting(text)
    assert list(found.leaks) == leaks
    assert found.unresolved == ()


def test_sendmail_greeting_last_definition_wins_and_text_is_expanded() -> None:
    found = _greeting("D{ver}$v\nD{ver}8.17.1\nO SmtpGreetingMessage=$j ${ver} ready\n")
    assert found.leaks == ()
    assert found.text == "<j> 8.17.1 ready"  # the control finds the version in the text


def test_sendmail_greeting_macro_cycle_is_reported() -> None:
    found = _greeting("Dx$y\nDy$x\nO SmtpGreetingMessage=$j $x\n")
    assert found.leaks == ()
    assert "defined from itself ($x -> $y -> $x)" in found.unresolved[0]


def test_sendmail_macros_are_recorded() -> None:
    conf = cf("DZ8.17.1\nD{myver} $v \nDe hi\n")
    assert [(m.name, m.value, m.line) for m in conf.macros] == [("Z", "8.17.1", 1), ("myver", "$v", 2), ("e", "hi", 3)]
    assert conf.greeting_macro == sm.Option("SmtpGreetingMessage", "hi", 3, "De hi")


def test_an_unread_line_may_set_an_option_by_its_long_name_letter_or_the_greeting_macro() -> None:
    from svcaudit.parsers.common import Malformed
    from svcaudit.parsers.sendmail import may_set

    def line(text: str) -> Malformed:
        return Malformed("/etc/mail/sendmail.cf", 7, text, "x")

    assert may_set(line("O Log Level=2"), "LogLevel") and may_set(line("OL 2 junk"), "LogLevel")
    assert not may_set(line("O Foo Bar=1"), "LogLevel") and not may_set(line("OLx"), "HelpFile")
    assert may_set(line("De$j Sendmail $v"), "SmtpGreetingMessage") and may_set(
        line("O SmtpGreeting Message=x"), "SmtpGreetingMessage"
    )
    assert may_set(Malformed("/etc/mail/sendmail.cf", 0, "", "file not read"), "LogLevel")


@pytest.mark.parametrize(
    "value, directory",
    [
        ("/var/spool/mqueue", "/var/spool/mqueue"),
        (" /var/spool/mqueue/ ", "/var/spool/mqueue"),
        ("/var/spool/mqueue/q*", "/var/spool/mqueue"),  # queue groups: the directory the pattern is in
        ("/var/spool//mqueue-client", "/var/spool/mqueue-client"),
        ("mqueue", "mqueue"),  # relative: kept, the control reports it as not existing
    ],
)
def test_a_queue_directory_value_names_its_directory(value: str, directory: str) -> None:
    from svcaudit.facts.mailfiles import queue_path

    assert queue_path(value) == directory


def test_the_queue_directory_of_sendmail_cf_and_submit_cf_is_read_by_name_or_letter() -> None:
    assert cf("O QueueDirectory=/var/spool/mqueue\n").last("QueueDirectory").value == "/var/spool/mqueue"
    assert cf("OQ/var/spool/mqueue-client\n").last("QueueDirectory").value == "/var/spool/mqueue-client"
