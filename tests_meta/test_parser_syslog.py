"""Unit tests for svcaudit.parsers.syslog (pure parser: text in, data out)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from svcaudit.parsers.syslog import (
    LEVELS,
    Rule,
    Selector,
    SyslogConf,
    Unparsed,
    covers,
    file_rules_for,
    merge,
    parse_syslog_conf,
)

# --------------------------------------------------------------------------- fixtures

AIX_SYSLOG_CONF = """\
# @(#)34        1.11  src/bos/etc/syslog/syslog.conf, cmdnet, bos720 4/27/04 14:47:53
# IBM_PROLOG_BEGIN_TAG
# This is an automatically generated prolog.
# IBM_PROLOG_END_TAG
#
# COMPONENT_NAME: (CMDNET) Network commands.
#
# /etc/syslog.conf - control output of syslogd
#
# Each line must consist of two parts:-
#
# 1) A selector to determine the message priorities to which the
#    line applies
# 2) An action.
#
# The two fields must be separated by one or more tabs or spaces.
#
# format:
#
# <msg_src_list> <destination> [rotate [size <size> k|m] [files <files>] [time <time> h|d|w|m|y] [compress] [archive <location>]]
#
# example:
# "mail.debug	/usr/spool/mqueue/syslog"
# "mail.debug	/var/spool/mqueue/log"
# "*.debug;mail.none		@ginger"
# "*.crit			*"
# "*.info			/var/log/syslog rotate size 100k files 4"
#
mail.debug	/var/spool/mqueue/log
*.info		/var/adm/syslog.log rotate size 1m files 4
"""

DEBIAN_RSYSLOG_CONF = """\
# /etc/rsyslog.conf configuration file for rsyslog
#
# For more information install rsyslog-doc and see
# /usr/share/doc/rsyslog-doc/html/configuration/index.html


#################
#### MODULES ####
#################

module(load="imuxsock") # provides support for local system logging
module(load="imklog")   # provides kernel logging support
#module(load="immark")  # provides --MARK-- message capability

# provides UDP syslog reception
#module(load="imudp")
#input(type="imudp" port="514")

# provides TCP syslog reception
#module(load="imtcp")
#input(type="imtcp" port="514")


###########################
#### GLOBAL DIRECTIVES ####
###########################

#
# Set the default permissions for all log files.
#
$FileOwner root
$FileGroup adm
$FileCreateMode 0640
$DirCreateMode 0755
$Umask 0022

#
# Where to place spool and state files
#
$WorkDirectory /var/spool/rsyslog

#
# Include all config files in /etc/rsyslog.d/
#
$IncludeConfig /etc/rsyslog.d/*.conf


###############
#### RULES ####
###############

#
# Log anything besides private authentication messages to a single log file
#
*.*;auth,authpriv.none		-/var/log/syslog

#
# Log commonly used facilities to their own log file
#
auth,authpriv.*			/var/log/auth.log
#cron.*				/var/log/cron.log
kern.*				-/var/log/kern.log
mail.*				-/var/log/mail.log
mail.err			/var/log/mail.err

#
# Emergencies are sent to everybody logged in.
#
*.emerg				:omusrmsg:*
"""

RHEL_RSYSLOG_CONF = """\
# rsyslog configuration file

# For more information see /usr/share/doc/rsyslog-*/rsyslog_conf.html
# or latest version online at https://www.rsyslog.com/doc/rsyslog_conf.html
# If you experience problems, see https://www.rsyslog.com/doc/troubleshoot.html

#### GLOBAL DIRECTIVES ####

# Where to place auxiliary files
global(workDirectory="/var/lib/rsyslog")

# Use default timestamp format
module(load="builtin:omfile" Template="RSYSLOG_TraditionalFileFormat")

#### MODULES ####

module(load="imuxsock" 	  # provides support for local system logging (e.g. via logger command)
       SysSock.Use="off") # Turn off message reception via local log socket;
			  # local messages are retrieved through imjournal now.
module(load="imjournal"             # provides access to the systemd journal
       UsePid="system" # PID nummber is retrieved as the ID of the process the journal entry originates from
       FileCreateMode="0644" # Set the access permissions for the state file
       StateFile="imjournal.state") # File to store the position in the journal
#module(load="imklog") # reads kernel messages (the same are read from journald)
#module(load="immark") # provides --MARK-- message capability

# Include all config files in /etc/rsyslog.d/
include(file="/etc/rsyslog.d/*.conf" mode="optional")

# Provides UDP syslog reception
# for parameters see http://www.rsyslog.com/doc/imudp.html
#module(load="imudp") # needs to be done just once
#input(type="imudp" port="514")

#### RULES ####

# Log all kernel messages to the console.
# Logging much else clutters up the screen.
#kern.*                                                 /dev/console

# Log anything (except mail) of level info or higher.
# Don't log private authentication messages!
*.info;mail.none;authpriv.none;cron.none                /var/log/messages

# The authpriv file has restricted access.
authpriv.*                                              /var/log/secure

# Log all the mail messages in one place.
mail.*                                                  -/var/log/maillog


# Log cron stuff
cron.*                                                  /var/log/cron

# Everybody gets emergency messages
*.emerg                                                 :omusrmsg:*

# Save news errors of level crit and higher in a special file.
uucp,news.crit                                          /var/log/spooler

# Save boot messages also to boot.log
local7.*                                                /var/log/boot.log


# ### sample forwarding rule ###
#action(type="omfwd"
# # An on-disk queue is created for this action. If the remote host is
# # down, messages are spooled to disk and sent when it is up again.
#queue.filename="fwdRule1"       # unique name prefix for spool files
#Target="remote_host_name" Port="XXX" Protocol="udp")
"""


def _parse(text: str, path: str = "/etc/rsyslog.conf") -> SyslogConf:
    return parse_syslog_conf(text, path)


def _only_rule(text: str) -> Rule:
    conf = _parse(text)
    assert conf.unparsed == ()
    assert len(conf.rules) == 1
    return conf.rules[0]


def _files(rules: tuple[Rule, ...]) -> list[str | None]:
    return [rule.file for rule in rules]


def _line_of(text: str, start: str) -> int:
    """1-based number of the only line of ``text`` starting with ``start``."""
    (number,) = [n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start)]
    return number


# --------------------------------------------------------------------------- whole files


def test_aix_default_syslog_conf():
    conf = parse_syslog_conf(AIX_SYSLOG_CONF, "/etc/syslog.conf")
    assert conf.unparsed == ()
    assert conf.includes == ()
    mail, info = conf.rules
    assert mail == Rule(
        path="/etc/syslog.conf",
        line=_line_of(AIX_SYSLOG_CONF, "mail.debug"),
        text="mail.debug\t/var/spool/mqueue/log",
        selectors=(Selector(("mail",), "debug"),),
        destination="/var/spool/mqueue/log",
        kind="file",
        file="/var/spool/mqueue/log",
    )
    assert info.line == _line_of(AIX_SYSLOG_CONF, "*.info")
    assert info.destination == "/var/adm/syslog.log"
    assert info.file == "/var/adm/syslog.log"
    assert info.text.endswith("rotate size 1m files 4")


def test_aix_file_rules_for():
    conf = parse_syslog_conf(AIX_SYSLOG_CONF, "/etc/syslog.conf")
    assert _files(file_rules_for(conf, "mail", "debug")) == ["/var/spool/mqueue/log"]
    assert _files(file_rules_for(conf, "mail", "info")) == ["/var/spool/mqueue/log", "/var/adm/syslog.log"]
    assert _files(file_rules_for(conf, "cron", "info")) == ["/var/adm/syslog.log"]
    assert file_rules_for(conf, "cron", "debug") == ()


def test_debian_stock_rsyslog_conf():
    conf = _parse(DEBIAN_RSYSLOG_CONF)
    assert conf.unparsed == ()
    assert conf.includes == ("/etc/rsyslog.d/*.conf",)
    assert [(rule.destination, rule.kind) for rule in conf.rules] == [
        ("-/var/log/syslog", "file"),
        ("/var/log/auth.log", "file"),
        ("-/var/log/kern.log", "file"),
        ("-/var/log/mail.log", "file"),
        ("/var/log/mail.err", "file"),
        (":omusrmsg:*", "users"),
    ]
    syslog = conf.rules[0]
    assert syslog.line == _line_of(DEBIAN_RSYSLOG_CONF, "*.*;auth,authpriv.none")
    assert syslog.selectors == (Selector(("*",), "*"), Selector(("auth", "authpriv"), "none"))


def test_debian_file_rules_for():
    conf = _parse(DEBIAN_RSYSLOG_CONF)
    assert _files(file_rules_for(conf, "cron", "info")) == ["/var/log/syslog"]
    assert _files(file_rules_for(conf, "mail", "info")) == ["/var/log/syslog", "/var/log/mail.log"]
    assert _files(file_rules_for(conf, "mail", "crit")) == [
        "/var/log/syslog",
        "/var/log/mail.log",
        "/var/log/mail.err",
    ]
    assert _files(file_rules_for(conf, "auth", "info")) == ["/var/log/auth.log"]


def test_rhel_stock_rsyslog_conf():
    conf = _parse(RHEL_RSYSLOG_CONF)
    assert conf.unparsed == ()
    assert conf.includes == ("/etc/rsyslog.d/*.conf",)
    expected = [
        ("*.info;mail.none", "/var/log/messages"),
        ("authpriv.*", "/var/log/secure"),
        ("mail.*", "/var/log/maillog"),
        ("cron.*", "/var/log/cron"),
        ("*.emerg", None),
        ("uucp,news.crit", "/var/log/spooler"),
        ("local7.*", "/var/log/boot.log"),
    ]
    assert [(rule.line, rule.file) for rule in conf.rules] == [
        (_line_of(RHEL_RSYSLOG_CONF, start), file) for start, file in expected
    ]
    assert conf.rules[4].kind == "users"
    assert conf.rules[5].selectors == (Selector(("uucp", "news"), "crit"),)


def test_rhel_file_rules_for():
    conf = _parse(RHEL_RSYSLOG_CONF)
    assert _files(file_rules_for(conf, "cron", "info")) == ["/var/log/cron"]
    assert _files(file_rules_for(conf, "mail", "info")) == ["/var/log/maillog"]
    assert _files(file_rules_for(conf, "mail", "debug")) == ["/var/log/maillog"]
    assert _files(file_rules_for(conf, "daemon", "info")) == ["/var/log/messages"]
    assert file_rules_for(conf, "daemon", "debug") == ()


# --------------------------------------------------------------------------- covers()

COVERS_CASES = [
    # (selector field, facility, level, expected)
    ("mail.debug", "mail", "crit", True),
    ("mail.debug", "mail", "debug", True),
    ("mail.debug", "cron", "crit", False),
    ("*.crit", "mail", "crit", True),
    ("*.crit", "mail", "emerg", True),
    ("*.crit", "mail", "info", False),
    ("*.*;mail.none", "cron", "info", True),
    ("*.*;mail.none", "mail", "info", False),
    ("*.*;mail.none", "mail", "emerg", False),
    ("mail.*;mail.!=debug", "mail", "info", True),
    ("mail.*;mail.!=debug", "mail", "debug", False),
    ("cron.*", "cron", "info", True),
    ("cron.*", "cron", "debug", True),
    ("*.info;mail.none;authpriv.none;cron.none", "cron", "info", False),
    ("*.info;mail.none;authpriv.none;cron.none", "cron", "emerg", False),
    ("*.info;mail.none;authpriv.none;cron.none", "daemon", "info", True),
    ("*.*;auth,authpriv.none", "cron", "info", True),
    ("*.*;auth,authpriv.none", "mail", "crit", True),
    ("*.*;auth,authpriv.none", "authpriv", "crit", False),
    ("mail,cron.info", "mail", "info", True),
    ("mail,cron.info", "cron", "info", True),
    ("mail,cron.info", "cron", "debug", False),
    ("mail.=info", "mail", "info", True),
    ("mail.=info", "mail", "err", False),
    ("*.=info;*.=notice;*.=warn", "mail", "warning", True),
    ("*.=info;*.=notice;*.=warn", "mail", "err", False),
    ("mail.none;mail.crit", "mail", "crit", True),
    ("mail.crit;mail.none", "mail", "crit", False),
    ("*.debug;mail.crit", "mail", "info", True),  # selectors add up (sysklogd/rsyslog)
    # "!L" excludes L and everything MORE severe (rsyslog.conf(5), BSD syslog.conf(5)).
    ("mail.info;mail.!err", "mail", "warning", True),
    ("mail.info;mail.!err", "mail", "err", False),
    ("mail.info;mail.!err", "mail", "emerg", False),
    ("mail.*;mail.!crit", "mail", "debug", True),
    ("mail.*;mail.!*", "mail", "debug", False),
    ("*.*", "mark", "info", True),
    ("*.*", "local7", "debug", True),
]


@pytest.mark.parametrize(("selectors", "facility", "level", "expected"), COVERS_CASES)
def test_covers(selectors, facility, level, expected):
    rule = _only_rule(f"{selectors} /var/log/x")
    assert covers(rule, facility, level) is expected


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("panic", True),
        ("error", True),
        ("warn", True),
        ("WARNING", True),
        ("notice", False),
        ("bogus", False),
        ("*", False),
        ("", False),
    ],
)
def test_covers_level_argument_aliases_and_unknowns(level, expected):
    rule = _only_rule("mail.warning /var/log/x")
    assert covers(rule, "mail", level) is expected


def test_covers_facility_argument_is_case_insensitive():
    rule = _only_rule("MAIL.INFO /var/log/x")
    assert rule.selectors == (Selector(("mail",), "info"),)
    assert covers(rule, "Mail", "info")


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("*", "*"),
        ("none", "none"),
        ("debug", "debug"),
        ("=info", "=info"),
        ("!crit", "!crit"),
        ("!=debug", "!=debug"),
        ("panic", "emerg"),
        ("=error", "=err"),
        ("!=warn", "!=warning"),
        ("INFO", "info"),
        ("!*", "!*"),
    ],
)
def test_selector_level_normalisation(written, normalised):
    rule = _only_rule(f"mail.{written} /var/log/x")
    assert rule.selectors == (Selector(("mail",), normalised),)


def test_levels_order():
    assert LEVELS == ("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug")


# --------------------------------------------------------------------------- destinations


@pytest.mark.parametrize(
    ("destination", "kind", "file"),
    [
        ("/var/log/messages", "file", "/var/log/messages"),
        ("-/var/log/syslog", "file", "/var/log/syslog"),
        ("/var/log/x;RSYSLOG_TraditionalFileFormat", "file", "/var/log/x"),
        ("-/var/log/x;RSYSLOG_FileFormat", "file", "/var/log/x"),
        ("/dev/console", "file", "/dev/console"),
        ("@loghost", "remote", None),
        ("@@loghost:514", "remote", None),
        ("@10.0.0.1;RSYSLOG_ForwardFormat", "remote", None),
        ("|/dev/xconsole", "pipe", None),
        ("~", "discard", None),
        ("stop", "discard", None),
        ("*", "users", None),
        (":omusrmsg:*", "users", None),
        (":omusrmsg:root,admin", "users", None),
        ("root", "users", None),
        ("root,admin", "users", None),
        ("?DynamicFile", "other", None),
        ("^/usr/local/bin/alert", "other", None),
        (":omfwd:loghost", "other", None),
    ],
)
def test_destination_kinds(destination, kind, file):
    rule = _only_rule(f"mail.info\t{destination}")
    assert rule.destination == destination
    assert rule.kind == kind
    assert rule.file == file


def test_remote_and_users_are_not_file_rules():
    conf = _parse("*.* @loghost\n*.emerg *\n*.* root,admin\n*.* |/dev/xconsole\n")
    assert [rule.kind for rule in conf.rules] == ["remote", "users", "users", "pipe"]
    assert file_rules_for(conf, "mail", "emerg") == ()


def test_aix_extra_tokens_stay_in_text_only():
    rule = _only_rule("*.info /var/adm/syslog.log rotate time 1d compress")
    assert rule.destination == "/var/adm/syslog.log"
    assert rule.file == "/var/adm/syslog.log"
    assert rule.text == "*.info /var/adm/syslog.log rotate time 1d compress"


def test_aix_users_destination_with_space_after_comma():
    rule = _only_rule("*.crit root, admin")
    assert rule.destination == "root,admin"
    assert rule.kind == "users"


# --------------------------------------------------------------------------- syntax details


def test_comments_and_blank_lines_are_ignored():
    conf = _parse("\n   \n# mail.* /var/log/a\n   # cron.* /var/log/b\n\t\n")
    assert conf == SyslogConf((), (), ())


def test_hash_starts_a_comment_only_after_whitespace():
    conf = _parse("mail.* /var/log/a#b # trailing comment\n")
    (rule,) = conf.rules
    assert rule.destination == "/var/log/a#b"
    assert rule.text == "mail.* /var/log/a#b"


def test_backslash_continuation_joins_lines():
    text = "daemon.*;mail.*;\\\n\tnews.err;\\\n\t*.=debug;*.=info;\\\n\t*.=notice;*.=warn\t|/dev/xconsole\n*.* /var/log/all\n"
    conf = _parse(text)
    assert conf.unparsed == ()
    piped, everything = conf.rules
    assert piped.line == 1
    assert piped.kind == "pipe"
    assert len(piped.selectors) == 7
    assert covers(piped, "cron", "debug")
    assert not covers(piped, "cron", "err")
    assert everything.line == 5


def test_continuation_at_end_of_file_is_parsed():
    rule = _only_rule("mail.* \\\n/var/log/mail")
    assert rule.file == "/var/log/mail"


def test_crlf_line_endings():
    conf = _parse("# c\r\nmail.* /var/log/mail\r\ncron.* /var/log/cron\r\n")
    assert [(rule.line, rule.file) for rule in conf.rules] == [(2, "/var/log/mail"), (3, "/var/log/cron")]


def test_lenient_facility_names():
    rule = _only_rule("security,aso,caa,local0,mark.info /var/adm/x")
    assert rule.selectors[0].facilities == ("security", "aso", "caa", "local0", "mark")


def test_legacy_directives_are_ignored_and_includeconfig_kept():
    conf = _parse(
        '$ModLoad imuxsock\n$template T,"%msg% # not a comment"\n$includeconfig /etc/rsyslog.d/\n$IncludeConfig\t/etc/x/*.conf\n'
    )
    assert conf == SyslogConf((), ("/etc/rsyslog.d/", "/etc/x/*.conf"), ())


def test_include_statement_spanning_lines():
    conf = _parse('include(\n  file="/etc/rsyslog.d/*.conf"\n  mode="optional"\n)\nmail.* /var/log/mail\n')
    assert conf.includes == ("/etc/rsyslog.d/*.conf",)
    assert conf.rules[0].line == 5


def test_template_with_braces_is_ignored():
    text = 'template(name="t" type="list") {\n  constant(value="x")\n  property(name="msg")\n}\nmail.* /var/log/mail\n'
    conf = _parse(text)
    assert conf.unparsed == ()
    assert _files(conf.rules) == ["/var/log/mail"]


# --------------------------------------------------------------------------- unparsed


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("if $programname == 'x' then /var/log/x", "RainerScript is not evaluated"),
        (':msg, contains, "y" /var/log/y', "property-based filter is not evaluated"),
        ('action(type="omfile" file="/var/log/z")', "RainerScript is not evaluated"),
        ('mail.* action(type="omfile" file="/var/log/z")', "RainerScript is not evaluated"),
        ('ruleset(name="remote")', "RainerScript is not evaluated"),
        ("& stop", "RainerScript is not evaluated"),
        ("stop", "RainerScript is not evaluated"),
        ('include(text="mail.* /var/log/x")', "include() without file="),
        ("$IncludeConfig", "$IncludeConfig without a pattern"),
        ("!sshd", "program/host block"),
    ],
)
def test_rainerscript_and_other_constructs_are_unparsed(text, reason_part):
    conf = _parse(f"# header\n{text}\n")
    assert conf.rules == ()
    (unparsed,) = conf.unparsed
    assert unparsed == Unparsed("/etc/rsyslog.conf", 2, text, unparsed.reason)
    assert reason_part in unparsed.reason


def test_multiline_rainerscript_is_one_unparsed_entry_and_hides_inner_rules():
    text = (
        "mail.* /var/log/mail\n"
        "if $programname == 'postfix' and\n"
        "   $msg contains 'then' then {\n"
        "    *.* /var/log/postfix\n"
        "} else {\n"
        "    stop\n"
        "}\n"
        "cron.* /var/log/cron\n"
    )
    conf = _parse(text)
    assert _files(conf.rules) == ["/var/log/mail", "/var/log/cron"]
    (unparsed,) = conf.unparsed
    assert unparsed.line == 2
    assert "/var/log/postfix" in unparsed.text


def test_if_then_with_action_on_next_line():
    conf = _parse("if $programname == 'x' then\n    /var/log/x\nmail.* /var/log/mail\n")
    assert _files(conf.rules) == ["/var/log/mail"]
    assert [u.line for u in conf.unparsed] == [1]


def test_ruleset_block_rules_are_not_top_level_rules():
    conf = _parse('ruleset(name="remote") {\n  *.* /var/log/remote\n}\n')
    assert conf.rules == ()
    assert len(conf.unparsed) == 1


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("mail /var/log/x", "has no level"),
        ("mail. /x", "empty level"),
        ("mail.bogus /x", "unknown level"),
        ("mail.=none /x", "unknown level"),
        ("ma-il.info /x", "invalid facility"),
        (",mail.info /x", "invalid facility"),
        ("mail.info;;cron.info /x", "empty selector"),
        ("mail.info", "no destination"),
    ],
)
def test_malformed_selectors_are_unparsed_with_line_numbers(line, reason_part):
    conf = _parse(f"*.* /var/log/ok\n\n{line}\ncron.* /var/log/cron\n")
    assert _files(conf.rules) == ["/var/log/ok", "/var/log/cron"]
    (unparsed,) = conf.unparsed
    assert (unparsed.line, unparsed.text) == (3, line)
    assert reason_part in unparsed.reason


def test_unbalanced_parenthesis_is_reported_and_parsing_moves_on():
    conf = _parse('module(load="imuxsock"\nmail.* /var/log/mail\n')
    assert _files(conf.rules) == ["/var/log/mail"]
    (unparsed,) = conf.unparsed
    assert unparsed.line == 1
    assert "unbalanced" in unparsed.reason


def test_unbalanced_quote_and_stray_brace_are_reported():
    conf = _parse('include(file="/etc/x)\n}\nmail.* /var/log/mail\n')
    assert conf.includes == ()
    assert _files(conf.rules) == ["/var/log/mail"]
    assert [u.line for u in conf.unparsed] == [1, 2]
    assert all("unbalanced" in u.reason for u in conf.unparsed)


# --------------------------------------------------------------------------- merge & data types


def test_merge_concatenates_in_order():
    main = _parse(DEBIAN_RSYSLOG_CONF)
    extra = parse_syslog_conf("cron.* /var/log/cron.log\nif 1 then stop\n", "/etc/rsyslog.d/50-cron.conf")
    merged = merge([main, extra])
    assert merged.rules == main.rules + extra.rules
    assert merged.includes == ("/etc/rsyslog.d/*.conf",)
    assert merged.unparsed == extra.unparsed
    assert _files(file_rules_for(merged, "cron", "info")) == ["/var/log/syslog", "/var/log/cron.log"]
    assert merged.rules[-1].path == "/etc/rsyslog.d/50-cron.conf"


def test_merge_of_nothing_is_empty():
    assert merge([]) == SyslogConf((), (), ())
    assert merge(iter([_parse("")])) == SyslogConf((), (), ())


def test_results_are_frozen_and_hashable():
    conf = _parse(RHEL_RSYSLOG_CONF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        conf.rules[0].file = "/tmp/x"  # type: ignore[misc]
    assert hash(conf)


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00",
        "mail.*\x00 /var/log/x\x00",
        "mail.info /var/log/ünïcödé\n日本語.info /x\n",
        "((((((((",
        "))))))))",
        '"""',
        "{",
        "}",
        "\\",
        "\\\n\\\n\\",
        "$",
        ":",
        "&",
        ";;;; ;;;;",
        "*.* ",
        ". .",
        "if",
        "if (",
        "mail.info " + "/x" * 100_000,
        "a" * 500_000,
        "*.info;" * 20_000 + " /var/log/x",
        "\u2028\u2029\x85\x0b\x0c",
        'template(name="x" string="\\"")',
    ],
)
def test_garbage_never_raises(text):
    conf = parse_syslog_conf(text, "/etc/syslog.conf")
    assert isinstance(conf, SyslogConf)
    for rule in conf.rules:
        for level in LEVELS:
            covers(rule, "mail", level)


def test_random_input_never_raises():
    rng = random.Random(20240501)
    alphabet = "mailcron.*;,=!@|/-~#$:&(){}\"'\\ \t\n\x00é"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        conf = parse_syslog_conf(text, "fuzz")
        for rule in conf.rules:
            assert rule.kind in ("file", "remote", "users", "pipe", "discard", "other")
            assert (rule.file is not None) == (rule.kind == "file")
            covers(rule, "cron", "info")
        for unparsed in conf.unparsed:
            assert unparsed.reason


def test_long_unicode_and_nul_lines_are_reported_not_accepted():
    text = "mail\x00.info /var/log/x\n" + "ü" * 10_000 + "\n"
    conf = _parse(text)
    assert conf.rules == ()
    assert [u.line for u in conf.unparsed] == [1, 2]
    assert all(len(u.reason) < 200 for u in conf.unparsed)
