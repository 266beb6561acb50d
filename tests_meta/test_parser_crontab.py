"""Unit tests for svcaudit.parsers.crontab (pure parser: text in, data out)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from svcaudit.parsers.crontab import (
    DEFAULT_PATH,
    CronEntry,
    Crontab,
    Malformed,
    Program,
    command_programs,
    parse_crontab,
)

# --------------------------------------------------------------------------- fixtures

AIX_ROOT_CRONTAB = """\
# @(#)08        1.15.1.3  src/bos/usr/sbin/cron/root, cmdcntl, bos720 2/11/94 17:19:47
#
#   COMPONENT_NAME: (CMDCNTL) commands needed for basic system needs
#
0 3 * * * /usr/sbin/skulker
#45 2 * * 0 /usr/lib/spell/compress
0 11 * * * /usr/bin/errclear -d S,O 30
0 12 * * * /usr/bin/errclear -d H 90
0 15 * * *  /usr/lib/ras/dumpcheck >/dev/null 2>&1
55 23 * * * /var/perf/pm/bin/pmcfg  >/dev/null 2>&1 #Enable PM Data Collection
"""

DEBIAN_CRONTAB = """\
# /etc/crontab: system-wide crontab
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# m h dom mon dow user	command
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6	* * 7	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6	1 * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
"""


def absolute(word: str, role: str = "command") -> Program:
    return Program(word, "absolute", role)


def search(word: str, role: str = "command") -> Program:
    return Program(word, "search", role)


def unresolvable(word: str, role: str = "command") -> Program:
    return Program(word, "unresolvable", role)


def only_entry(text: str, **options: bool) -> CronEntry:
    parsed = parse_crontab(text, **options)
    assert parsed.malformed == ()
    assert len(parsed.entries) == 1
    return parsed.entries[0]


# --------------------------------------------------------------------------- stock crontabs


def test_aix_root_crontab():
    parsed = parse_crontab(AIX_ROOT_CRONTAB, extensions=False)
    assert parsed.malformed == ()
    assert parsed.env == {}
    assert [(e.line, e.schedule, e.user, e.path) for e in parsed.entries] == [
        (5, "0 3 * * *", None, DEFAULT_PATH),
        (7, "0 11 * * *", None, DEFAULT_PATH),
        (8, "0 12 * * *", None, DEFAULT_PATH),
        (9, "0 15 * * *", None, DEFAULT_PATH),
        (10, "55 23 * * *", None, DEFAULT_PATH),
    ]
    assert [e.programs for e in parsed.entries] == [
        (absolute("/usr/sbin/skulker"),),
        (absolute("/usr/bin/errclear"),),
        (absolute("/usr/bin/errclear"),),
        (absolute("/usr/lib/ras/dumpcheck"),),
        (absolute("/var/perf/pm/bin/pmcfg"),),
    ]


def test_aix_commands_keep_their_text_after_the_schedule():
    parsed = parse_crontab(AIX_ROOT_CRONTAB, extensions=False)
    assert parsed.entries[1].command == "/usr/bin/errclear -d S,O 30"
    # The blank run before the command is dropped, the command's own spacing is kept.
    assert parsed.entries[3].command == "/usr/lib/ras/dumpcheck >/dev/null 2>&1"
    # '#' after the command is not a cron comment: it belongs to the shell command.
    assert parsed.entries[4].command == "/var/perf/pm/bin/pmcfg  >/dev/null 2>&1 #Enable PM Data Collection"


def test_debian_system_crontab():
    parsed = parse_crontab(DEBIAN_CRONTAB, system=True)
    assert parsed.malformed == ()
    assert parsed.env == {"SHELL": "/bin/sh", "PATH": "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin"}
    assert [(e.line, e.schedule, e.user) for e in parsed.entries] == [
        (7, "17 * * * *", "root"),
        (8, "25 6 * * *", "root"),
        (9, "47 6 * * 7", "root"),
        (10, "52 6 1 * *", "root"),
    ]
    assert all(e.path == parsed.env["PATH"] for e in parsed.entries)
    assert all(e.programs == (search("run-parts"),) for e in parsed.entries)
    assert parsed.entries[1].command == ("test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }")


def test_debian_cron_d_with_assignment_before_the_command():
    text = "30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron\n"
    entry = only_entry(text, system=True)
    assert entry.programs == (absolute("/usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron"),)


def test_reboot_special_with_user():
    entry = only_entry("@reboot root /opt/boot.sh\n", system=True)
    assert (entry.schedule, entry.user, entry.command) == ("@reboot", "root", "/opt/boot.sh")
    assert entry.programs == (absolute("/opt/boot.sh"),)


@pytest.mark.parametrize("special", ["@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"])
def test_every_special_replaces_the_time_fields(special):
    entry = only_entry(f"{special} /usr/sbin/atd\n")
    assert (entry.schedule, entry.user, entry.programs) == (special, None, (absolute("/usr/sbin/atd"),))


# --------------------------------------------------------------------------- environment lines


def test_env_lines_set_env_and_the_path_of_later_entries_only():
    text = (
        "0 1 * * * run-a\n"
        "SHELL=/bin/sh\n"
        "PATH=/usr/local/bin:/usr/bin\n"
        "0 2 * * * run-b\n"
        'PATH = "/opt/bin:/bin"\n'
        "MAILTO=''\n"
        "0 3 * * * run-c\n"
    )
    parsed = parse_crontab(text)
    assert parsed.malformed == ()
    assert [e.path for e in parsed.entries] == [DEFAULT_PATH, "/usr/local/bin:/usr/bin", "/opt/bin:/bin"]
    assert parsed.env == {"SHELL": "/bin/sh", "PATH": "/opt/bin:/bin", "MAILTO": ""}


@pytest.mark.parametrize(
    ("line", "name", "value"),
    [
        ("PATH=/usr/local/bin:/usr/bin", "PATH", "/usr/local/bin:/usr/bin"),
        ("SHELL=/bin/sh", "SHELL", "/bin/sh"),
        ('NAME = "value with spaces"', "NAME", "value with spaces"),
        ("NAME='single'", "NAME", "single"),
        ("  INDENTED =  x  ", "INDENTED", "x"),
        ("EMPTY=", "EMPTY", ""),
        ("EQUALS=a=b", "EQUALS", "a=b"),
    ],
)
def test_env_line_forms(line, name, value):
    assert parse_crontab(line + "\n").env == {name: value}


def test_aix_rejects_env_lines_and_specials_but_parses_the_rest():
    text = "PATH=/opt/bin\n@daily /opt/daily\n0 3 * * * /usr/sbin/skulker\n"
    parsed = parse_crontab(text, extensions=False)
    assert parsed.env == {}
    assert [(m.line, m.text) for m in parsed.malformed] == [(1, "PATH=/opt/bin"), (2, "@daily /opt/daily")]
    assert "environment" in parsed.malformed[0].reason and "AIX" in parsed.malformed[0].reason
    assert "@daily" in parsed.malformed[1].reason and "AIX" in parsed.malformed[1].reason
    # The PATH line is not honoured on AIX.
    assert [(e.line, e.path, e.programs) for e in parsed.entries] == [
        (3, DEFAULT_PATH, (absolute("/usr/sbin/skulker"),)),
    ]


def test_aix_has_no_month_or_day_names_and_no_day_seven():
    text = "0 3 * * mon /x\n0 3 * jan * /x\n0 3 * * 7 /x\n0 3 * * 0-6 /x\n"
    parsed = parse_crontab(text, extensions=False)
    assert [m.line for m in parsed.malformed] == [1, 2, 3]
    assert [e.line for e in parsed.entries] == [4]


# --------------------------------------------------------------------------- time fields


@pytest.mark.parametrize(
    "schedule",
    [
        "* * * * *",
        "*/5 * * * *",
        "0,15,30,45 0-23/2 1-31 1-12 0-7",
        "59 23 31 12 7",
        "0 8-17 * * 1-5",
        "0 3 * jan,JUL mon-fri",
        "0 3 * Dec Sun",
        "00 03 * * *",
    ],
)
def test_valid_schedules(schedule):
    assert only_entry(f"{schedule} /x\n").schedule == schedule


def test_schedule_fields_are_joined_by_one_space():
    assert only_entry("  0\t3   *\t* *\t/x\n").schedule == "0 3 * * *"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("61x * * * * /x", "bad minute field '61x'"),
        ("60 * * * * /x", "bad minute field '60'"),
        ("0 24 * * * /x", "bad hour field '24'"),
        ("0 0 0 * * /x", "bad day-of-month field '0'"),
        ("0 0 * 13 * /x", "bad month field '13'"),
        ("0 0 * * 8 /x", "bad day-of-week field '8'"),
        ("0 0 * foo * /x", "bad month field 'foo'"),
        ("0 0 * * mon- /x", "bad day-of-week field 'mon-'"),
        ("*/0 * * * * /x", "bad minute field '*/0'"),
        ("1,,2 * * * * /x", "bad minute field '1,,2'"),
        ("*-5 * * * * /x", "bad minute field '*-5'"),
        ("1-2-3 * * * * /x", "bad minute field '1-2-3'"),
        ("0 3 * * *", "empty command"),
        ("0 3 * * * %only stdin", "empty command"),
        ("0 3 * * * root", None),  # not malformed in a user crontab: the command is "root"
        ("0 3 * *", "expected 5 time fields and a command"),
        ("hello", "expected 5 time fields and a command"),
        ("@fortnightly /x", "unknown special '@fortnightly'"),
        ("@", "unknown special '@'"),
        ("@daily", "empty command"),
    ],
)
def test_malformed_lines_are_reported_with_a_reason(line, reason):
    parsed = parse_crontab(f"# header\n{line}\n", path="/var/spool/cron/crontabs/root")
    if reason is None:
        assert parsed.malformed == ()
        return
    assert parsed.entries == ()
    assert parsed.malformed == (Malformed("/var/spool/cron/crontabs/root", 2, line, reason),)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("0 3 * * *", "expected 5 time fields, a user and a command"),
        ("0 3 * * * root", "empty command"),
        ("0 3 * * * root %stdin", "empty command"),
        ("@reboot root", "empty command"),
        ("0 3 * *", "expected 5 time fields, a user and a command"),
    ],
)
def test_malformed_system_lines(line, reason):
    assert parse_crontab(line + "\n", system=True).malformed == (Malformed("", 1, line, reason),)


def test_malformed_lines_do_not_stop_the_parse():
    text = "0 3 * *\n61x * * * * /x\n0 3 * * *\n0 4 * * * /ok\n"
    parsed = parse_crontab(text)
    assert [(m.line, m.reason) for m in parsed.malformed] == [
        (1, "expected 5 time fields and a command"),
        (2, "bad minute field '61x'"),
        (3, "empty command"),
    ]
    assert [(e.line, e.programs) for e in parsed.entries] == [(4, (absolute("/ok"),))]


def test_blank_comment_and_indented_lines():
    text = "\n   \n\t\n# c\n   # indented comment\n   0 3 * * * /x\n"
    parsed = parse_crontab(text)
    assert parsed.malformed == ()
    assert [(e.line, e.command) for e in parsed.entries] == [(6, "/x")]


def test_crlf_line_endings():
    parsed = parse_crontab("PATH=/bin\r\n0 3 * * * /x arg\r\n")
    assert parsed.env == {"PATH": "/bin"}
    assert [(e.command, e.path) for e in parsed.entries] == [("/x arg", "/bin")]


def test_trailing_blanks_of_the_command_are_kept():
    assert only_entry("0 3 * * * /x  \n").command == "/x  "


# --------------------------------------------------------------------------- % and \%


def test_percent_ends_the_command_and_the_rest_is_stdin():
    entry = only_entry("0 1 * * * /usr/bin/mail -s hi root%body with /etc/x\n")
    assert entry.command == "/usr/bin/mail -s hi root"
    assert entry.programs == (absolute("/usr/bin/mail"),)


def test_escaped_percent_is_a_literal_percent():
    entry = only_entry("0 1 * * * date +\\%Y\\%m > /tmp/stamp\n")
    assert entry.command == "date +%Y%m > /tmp/stamp"
    assert entry.programs == (search("date"),)


def test_percent_inside_shell_quotes_still_ends_the_command():
    # cron knows nothing of shell quoting.
    assert only_entry("0 1 * * * /x '%Y'\n").command == "/x '"


def test_double_backslash_before_percent():
    # The first backslash escapes the second, so the % is not escaped (cron's own scan).
    assert only_entry("0 1 * * * /x a\\\\%b\n").command == "/x a\\\\"


# --------------------------------------------------------------------------- command analysis

COMMAND_CASES = [
    # plain commands, arguments, redirections
    ("/usr/sbin/skulker", [absolute("/usr/sbin/skulker")]),
    ("/usr/bin/errclear -d S,O 30", [absolute("/usr/bin/errclear")]),
    ("/usr/lib/ras/dumpcheck >/dev/null 2>&1", [absolute("/usr/lib/ras/dumpcheck")]),
    ("/var/perf/pm/bin/pmcfg  >/dev/null 2>&1 #Enable PM Data Collection", [absolute("/var/perf/pm/bin/pmcfg")]),
    ("/opt/x > /tmp/log", [absolute("/opt/x")]),
    ("> /tmp/log /opt/x", [absolute("/opt/x")]),
    ("/opt/x >> /tmp/log 2> /tmp/err < /dev/null", [absolute("/opt/x")]),
    ("/opt/x 2>/dev/null", [absolute("/opt/x")]),
    ("/opt/x &>/tmp/log", [absolute("/opt/x")]),
    ("/opt/x &> /tmp/log", [absolute("/opt/x")]),
    ("/opt/x >&2", [absolute("/opt/x")]),
    ("/opt/x 2>&1 | /usr/bin/logger -t x", [absolute("/opt/x"), absolute("/usr/bin/logger")]),
    ("/opt/x <<< input", [absolute("/opt/x")]),
    ("/opt/x>/tmp/log", [absolute("/opt/x")]),
    (">/tmp/empty", []),
    ("/opt/x # a comment /opt/y", [absolute("/opt/x")]),
    ("/opt/x a#b", [absolute("/opt/x")]),
    ("# just a comment", []),
    # search and unresolvable command words
    ("run-parts --report /etc/cron.daily", [search("run-parts")]),
    ("$HOME/bin/x", [unresolvable("$HOME/bin/x")]),
    ('"$HOME"/bin/x', [unresolvable("$HOME/bin/x")]),
    ("${TOOLS}/x", [unresolvable("${TOOLS}/x")]),
    ("./x", [unresolvable("./x")]),
    ("bin/x", [unresolvable("bin/x")]),
    ("../x", [unresolvable("../x")]),
    ("~/x", [unresolvable("~/x")]),
    ("~oracle/bin/x", [unresolvable("~oracle/bin/x")]),
    ("/opt/jobs/*.sh", [unresolvable("/opt/jobs/*.sh")]),
    ("/opt/job?", [unresolvable("/opt/job?")]),
    ("/opt/job[12]", [unresolvable("/opt/job[12]")]),
    ('""', [unresolvable("")]),
    # quoting makes special characters literal
    ('"/opt/my jobs/run.sh" arg', [absolute("/opt/my jobs/run.sh")]),
    ("'/opt/my jobs/run.sh' arg", [absolute("/opt/my jobs/run.sh")]),
    ("/opt/my\\ jobs/run.sh arg", [absolute("/opt/my jobs/run.sh")]),
    ("'/opt/a*b'", [absolute("/opt/a*b")]),
    ("/opt/a\\*b", [absolute("/opt/a*b")]),
    ("'$HOME/x'", [unresolvable("$HOME/x")]),  # literal "$HOME/x": a relative path
    ("'/opt/$x'", [absolute("/opt/$x")]),
    ("\\~/x", [unresolvable("~/x")]),
    ('"/opt/$x"', [unresolvable("/opt/$x")]),  # double quotes still expand $
    ('"/opt/a\\$b"', [absolute("/opt/a$b")]),
    ("'/opt/x'\"/y\"", [absolute("/opt/x/y")]),
    ("/opt/x'", [absolute("/opt/x")]),  # unterminated quote: read to the end, never raise
    # assignments
    ("LANG=C /opt/x", [absolute("/opt/x")]),
    ("A=1 B='2 3' /opt/x", [absolute("/opt/x")]),
    ("A=1", []),
    ('"A=1" /opt/x', [search("A=1")]),
    # lists and pipelines
    ("cd / && run-parts --report /etc/cron.daily", [search("run-parts")]),
    ("test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }", [search("run-parts")]),
    ("a | /usr/bin/b", [search("a"), absolute("/usr/bin/b")]),
    ("/opt/a; /opt/b & /opt/c |& /opt/d", [absolute(p) for p in ("/opt/a", "/opt/b", "/opt/c", "/opt/d")]),
    ("(cd /var/tmp && /opt/clean)", [absolute("/opt/clean")]),
    ("! /opt/check", [absolute("/opt/check")]),
    ("/opt/a;/opt/b", [absolute("/opt/a"), absolute("/opt/b")]),
    # builtins run no program; absolute paths to the same names are programs
    ("cd /tmp", []),
    (": nothing", []),
    ("true; false", []),
    ("[ -f /etc/x ] && /opt/x", [absolute("/opt/x")]),
    ("[[ -f /etc/x && -x /opt/y ]] && /opt/x", [absolute("/opt/x")]),
    ("echo hi > /tmp/x; printf x; export A; umask 022", []),
    ("/usr/bin/test -f /x", [absolute("/usr/bin/test")]),
    ("/bin/echo hi", [absolute("/bin/echo")]),
    ("kill 1", [search("kill")]),
    # compound commands
    ("if [ -x /opt/a ]; then /opt/a; else /opt/b; fi", [absolute("/opt/a"), absolute("/opt/b")]),
    ("while /opt/poll; do sleep 5; done", [absolute("/opt/poll"), search("sleep")]),
    ("for f in a b c; do /opt/p $f; done", [absolute("/opt/p")]),
    ("case $1 in start|go) /opt/a;; *) /opt/b;; esac", [absolute("/opt/a"), absolute("/opt/b")]),
    ("case $1 in (x) /opt/a; esac; /opt/c", [absolute("/opt/a"), absolute("/opt/c")]),
    ('"if" x', [search("if")]),  # a quoted reserved word is an ordinary command name
    # wrappers
    ("exec /opt/x", [absolute("/opt/x")]),
    ("exec >/tmp/log 2>&1", []),
    ("exec -a name /opt/x", [absolute("/opt/x")]),
    ("nohup /opt/x &", [search("nohup"), absolute("/opt/x")]),
    ("/usr/bin/nohup /opt/x", [absolute("/usr/bin/nohup"), absolute("/opt/x")]),
    ("nice -n 5 /opt/x", [search("nice"), absolute("/opt/x")]),
    ("nice -5 /opt/x", [search("nice"), absolute("/opt/x")]),
    ("time /opt/x", [absolute("/opt/x")]),
    ("time -p /opt/x", [absolute("/opt/x")]),
    ("/usr/bin/time -p /opt/x", [absolute("/usr/bin/time"), absolute("/opt/x")]),
    ("env A=1 /opt/x", [search("env"), absolute("/opt/x")]),
    ("env -i A=1 B=2 /opt/x", [search("env"), absolute("/opt/x")]),
    ("env -u HOME /opt/x", [search("env"), absolute("/opt/x")]),
    ("env", [search("env")]),
    ("timeout 60 /opt/y", [search("timeout"), absolute("/opt/y")]),
    ("timeout -k 10 -s KILL 60 /opt/y", [search("timeout"), absolute("/opt/y")]),
    ("timeout --signal=KILL 1h /opt/y", [search("timeout"), absolute("/opt/y")]),
    ("command /opt/x", [absolute("/opt/x")]),
    ("command -v foo >/dev/null && foo", [search("foo")]),
    ("nohup nice -n 19 timeout 1h /opt/x", [search("nohup"), search("nice"), search("timeout"), absolute("/opt/x")]),
    ("exec /usr/bin/ksh /opt/x.sh", [absolute("/usr/bin/ksh"), absolute("/opt/x.sh", "script")]),
    ("nohup $HOME/x", [search("nohup"), unresolvable("$HOME/x")]),
    ("sudo -u oracle /opt/x", [search("sudo"), absolute("/opt/x")]),
    ("flock -n /tmp/lock /opt/x", [search("flock"), absolute("/opt/x")]),
    ("flock /tmp/lock -c '/opt/x; /opt/y'", [search("flock"), absolute("/opt/x"), absolute("/opt/y")]),
    ('su - oracle -c "/u01/backup.sh full"', [search("su"), absolute("/u01/backup.sh")]),
    # . and source
    (". /opt/profile; /opt/z", [absolute("/opt/profile", "script"), absolute("/opt/z")]),
    ("source ~/.profile && /opt/z", [unresolvable("~/.profile", "script"), absolute("/opt/z")]),
    (". profile", [search("profile", "script")]),
    # eval
    ('eval "$CMD"', [unresolvable("$CMD")]),
    ("eval /opt/a arg", [unresolvable("/opt/a arg")]),
    ("eval", []),
    # interpreters
    ("/usr/bin/ksh /opt/jobs/x.sh", [absolute("/usr/bin/ksh"), absolute("/opt/jobs/x.sh", "script")]),
    ("ksh -x /opt/jobs/x.sh arg", [search("ksh"), absolute("/opt/jobs/x.sh", "script")]),
    ("bash -o pipefail /opt/x.sh", [search("bash"), absolute("/opt/x.sh", "script")]),
    ("sh +x /opt/x.sh", [search("sh"), absolute("/opt/x.sh", "script")]),
    ("bash --rcfile /etc/rc /opt/x.sh", [search("bash"), absolute("/opt/x.sh", "script")]),
    ("sh x.sh", [search("sh"), unresolvable("x.sh", "script")]),  # relative to the job's directory
    ("sh $HOME/x.sh", [search("sh"), unresolvable("$HOME/x.sh", "script")]),
    ("sh", [search("sh")]),
    ("sh -s arg", [search("sh")]),
    ("sh - /opt/x.sh", [search("sh"), absolute("/opt/x.sh", "script")]),
    ("sh -- /opt/x.sh", [search("sh"), absolute("/opt/x.sh", "script")]),
    ("sh -c '/opt/a && /opt/b'", [search("sh"), absolute("/opt/a"), absolute("/opt/b")]),
    ("/bin/sh -ec 'cd /x; ./run'", [absolute("/bin/sh"), unresolvable("./run")]),
    ('bash -c "$CMD"', [search("bash"), unresolvable("$CMD")]),
    ("sh -c 'sh -c \"/opt/deep\"'", [search("sh"), absolute("/opt/deep")]),
    ("csh -c /opt/a", [search("csh"), absolute("/opt/a")]),
    ("perl -w /opt/x.pl", [search("perl"), absolute("/opt/x.pl", "script")]),
    ("perl -e 'print 1' /opt/data", [search("perl")]),
    ("perl -wle 'print 1'", [search("perl")]),
    ("perl -MFile::Temp -I /opt/lib /opt/x.pl", [search("perl"), absolute("/opt/x.pl", "script")]),
    ("perl5.8.8 /opt/x.pl", [search("perl5.8.8"), absolute("/opt/x.pl", "script")]),
    ("/usr/bin/python3 /opt/x.py --flag", [absolute("/usr/bin/python3"), absolute("/opt/x.py", "script")]),
    ("python3.11 -u -W ignore /opt/x.py", [search("python3.11"), absolute("/opt/x.py", "script")]),
    ("python -c 'import os' /opt/data", [search("python")]),
    ("python3 -m http.server", [search("python3")]),
    ("python3 - < /opt/x.py", [search("python3")]),
    ("ruby -e 'p 1'", [search("ruby")]),
    ("ruby /opt/x.rb", [search("ruby"), absolute("/opt/x.rb", "script")]),
    ("php -f /opt/x.php", [search("php"), absolute("/opt/x.php", "script")]),
    ("php /opt/x.php", [search("php"), absolute("/opt/x.php", "script")]),
    ("tclsh /opt/x.tcl", [search("tclsh"), absolute("/opt/x.tcl", "script")]),
    ("expect -f /opt/x.exp", [search("expect"), absolute("/opt/x.exp", "script")]),
    ("awk -f /opt/x.awk /var/log/y", [search("awk"), absolute("/opt/x.awk", "script")]),
    ("awk -F: -f /opt/x.awk /etc/passwd", [search("awk"), absolute("/opt/x.awk", "script")]),
    ("awk '{print $1}' /etc/passwd", [search("awk")]),
    (
        "gawk -v x=1 -f /opt/a.awk -f /opt/b.awk",
        [search("gawk"), absolute("/opt/a.awk", "script"), absolute("/opt/b.awk", "script")],
    ),
    ("$PYTHON /opt/x.py", [unresolvable("$PYTHON")]),
    # command substitutions run programs too
    ("/opt/x $(/opt/y)", [absolute("/opt/x"), absolute("/opt/y")]),
    ("/opt/x `date +%Y`", [absolute("/opt/x"), search("date")]),
    ("$(/opt/which-tool) arg", [unresolvable("$(/opt/which-tool)"), absolute("/opt/which-tool")]),
    ('/opt/x "$(/opt/y "a b")"', [absolute("/opt/x"), absolute("/opt/y")]),
    ("/opt/x $((1 + 2))", [absolute("/opt/x")]),
    ("/opt/x '$(/opt/y)'", [absolute("/opt/x")]),
    ("for f in $(ls /x); do /opt/p $f; done", [search("ls"), absolute("/opt/p")]),
    # duplicates are removed, order is kept
    ("/opt/a; /opt/b; /opt/a", [absolute("/opt/a"), absolute("/opt/b")]),
    (". /opt/a; /opt/a", [absolute("/opt/a", "script"), absolute("/opt/a")]),
]


@pytest.mark.parametrize(("command", "expected"), COMMAND_CASES, ids=[c for c, _ in COMMAND_CASES])
def test_command_programs(command, expected):
    assert command_programs(command) == tuple(expected)


def test_entry_programs_use_command_programs():
    entry = only_entry("0 2 * * * /usr/bin/ksh /opt/jobs/x.sh > /tmp/x.log 2>&1\n")
    assert entry.programs == command_programs(entry.command)
    assert entry.programs == (absolute("/usr/bin/ksh"), absolute("/opt/jobs/x.sh", "script"))


# --------------------------------------------------------------------------- robustness


def test_long_line():
    args = " ".join(f"arg{n}" for n in range(400))
    line = f"0 3 * * * /opt/long {args}"
    assert len(line) > 2000
    entry = only_entry(line + "\n")
    assert entry.command == f"/opt/long {args}"
    assert entry.programs == (absolute("/opt/long"),)


def test_long_line_of_commands():
    command = "; ".join(f"/opt/p{n}" for n in range(300))
    assert len(command) > 2000
    assert command_programs(command) == tuple(absolute(f"/opt/p{n}") for n in range(300))


def test_huge_numbers_in_time_fields_are_malformed():
    parsed = parse_crontab("9" * 5000 + " * * * * /x\n*/" + "9" * 5000 + " * * * * /x\n")
    assert [m.line for m in parsed.malformed] == [1, 2]


def test_non_utf8_text_decoded_with_surrogateescape_or_replace():
    raw = b"0 3 * * * /opt/caf\xe9/run.sh \xff\xfe\n0 4 * * * /opt/ok\n\xe9\xe9\n"
    for errors in ("surrogateescape", "replace"):
        parsed = parse_crontab(raw.decode("utf-8", errors=errors))
        first = raw.split(b" ")[5].decode("utf-8", errors=errors)
        assert [e.programs for e in parsed.entries] == [(absolute(first),), (absolute("/opt/ok"),)]
        assert [(m.line, m.reason) for m in parsed.malformed] == [(3, "expected 5 time fields and a command")]


def test_deep_nesting_is_reported_not_raised():
    deep = "$(" * 2000 + "/opt/x" + ")" * 2000
    programs = command_programs(deep)
    assert programs and all(p.kind == "unresolvable" for p in programs)
    wrappers = "nohup " * 1000 + "/opt/x"
    programs = command_programs(wrappers)
    assert search("nohup") in programs
    assert any(p.kind == "unresolvable" for p in programs)
    shells = "sh -c " * 500 + "/opt/x"
    assert command_programs(shells)


@pytest.mark.parametrize(
    "command",
    [
        "'",
        '"',
        "\\",
        "$(",
        "`",
        "${",
        "$((",
        "((",
        "))",
        "&&",
        "|",
        ";;",
        "}",
        "{",
        "<",
        ">",
        "2>",
        "[[",
        "]]",
        "case",
        "esac",
        "for",
        "eval",
        ".",
        "sh -c",
        "env -S",
        "su -c",
        "flock",
        "timeout",
        "nice -n",
        "exec -a",
        "awk -f",
        "perl -e",
        "python -c",
        "$",
        "~",
        "*",
        "\x00",
        "\udcff",
    ],
)
def test_fragments_never_raise(command):
    assert isinstance(command_programs(command), tuple)
    assert isinstance(parse_crontab(f"0 3 * * * {command}\n"), Crontab)


def test_random_input_never_raises():
    rng = random.Random(20240501)
    alphabet = list(" \t\n\r#%\\'\"`$(){}[]*?~;&|<>=-+/.:,@0123456789abcehimnoprstuwxz") + ["\udcff", "é", "\x00"]
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        parsed = parse_crontab(
            text,
            system=rng.random() < 0.5,
            extensions=rng.random() < 0.5,
            cronie=rng.random() < 0.5,
            privileged=rng.random() < 0.5,
        )
        assert isinstance(parsed, Crontab)
        command_programs(text)
        command_programs("sh -c '" + text)


def test_random_entries_never_raise_and_every_program_is_classified():
    rng = random.Random(7)
    words = [
        "/opt/x",
        "x",
        "$X",
        "'a b'",
        '"$(y)"',
        "`z`",
        ">",
        "2>&1",
        "|",
        "&&",
        ";",
        "(",
        ")",
        "{",
        "}",
        "if",
        "then",
        "fi",
        "do",
        "done",
        "case",
        "in",
        "esac",
        ";;",
        "for",
        "sh",
        "-c",
        "env",
        "A=1",
        "nohup",
        "timeout",
        "60",
        "eval",
        ".",
        "perl",
        "-e",
        "awk",
        "-f",
        "~/x",
        "./x",
        "*",
        "#",
        "[[",
        "]]",
    ]
    for _ in range(1000):
        command = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        programs = command_programs(command)
        assert len(programs) == len(set(programs))
        for program in programs:
            assert program.kind in ("absolute", "search", "unresolvable")
            assert program.role in ("command", "script")
            assert program.kind != "absolute" or program.word.startswith("/")
            assert program.kind != "search" or "/" not in program.word


# --------------------------------------------------------------------------- result types


def test_results_are_frozen_and_hashable():
    parsed = parse_crontab(DEBIAN_CRONTAB, system=True)
    entry = parsed.entries[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.command = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.entries[0].programs[0].word = "x"  # type: ignore[misc]
    assert isinstance(hash(parsed), int)
    assert isinstance(hash(entry), int)
    assert isinstance(hash(Malformed("/etc/crontab", 1, "x", "y")), int)


def test_parse_is_deterministic():
    assert parse_crontab(DEBIAN_CRONTAB, system=True) == parse_crontab(DEBIAN_CRONTAB, system=True)


def test_empty_text():
    assert parse_crontab("") == Crontab((), {}, ())
    assert command_programs("") == ()


# --------------------------------------------------------------------------- dialects (issue 12, class 7)

SUSE_CRONTAB = """\
SHELL=/bin/sh
PATH=/usr/bin:/usr/sbin:/sbin:/bin:/usr/lib/news/bin
MAILTO=root
#
# check scripts in cron.hourly, cron.daily, cron.weekly, and cron.monthly
#
-*/15 * * * *   root  test -x /usr/lib/cron/run-crons && /usr/lib/cron/run-crons >/dev/null 2>&1
"""


def test_suse_stock_crontab_with_the_cronie_no_syslog_prefix():
    parsed = parse_crontab(SUSE_CRONTAB, system=True, cronie=True)
    assert parsed.malformed == ()
    [entry] = parsed.entries
    assert (entry.line, entry.schedule, entry.user) == (7, "*/15 * * * *", "root")
    assert entry.command == "test -x /usr/lib/cron/run-crons && /usr/lib/cron/run-crons >/dev/null 2>&1"
    assert entry.programs == (absolute("/usr/lib/cron/run-crons"),)
    assert entry.logged is False


def test_entries_without_the_prefix_are_logged():
    assert only_entry("0 3 * * * root /x\n", system=True, cronie=True).logged is True


@pytest.mark.parametrize("special", ["@reboot", "@daily", "@hourly", "@annually"])
def test_no_syslog_prefix_before_a_special(special):
    entry = only_entry(f"-{special} root /opt/job\n", system=True, cronie=True)
    assert (entry.schedule, entry.user, entry.programs, entry.logged) == (special, "root", (absolute("/opt/job"),), False)


def test_no_syslog_prefix_in_roots_own_crontab():
    entry = only_entry("-0 3 * * * /opt/job\n", cronie=True, privileged=True)
    assert (entry.schedule, entry.user, entry.programs) == ("0 3 * * *", None, (absolute("/opt/job"),))


def test_no_syslog_prefix_refused_in_other_users_crontabs():
    # cronie load_entry(): "Only privileged user can disable logging": the line is not loaded.
    parsed = parse_crontab("-0 3 * * * /opt/job\n", path="/var/spool/cron/alice", cronie=True, privileged=False)
    assert parsed.entries == ()
    reason = "only root and system crontabs may use the '-' (no syslog) prefix"
    assert [(m.line, m.reason) for m in parsed.malformed] == [(1, reason)]


def test_no_syslog_prefix_must_touch_the_minute_field():
    # cronie reads the character right after '-' as the start of the minute field: a blank is an error.
    parsed = parse_crontab("- */15 * * * * root /opt/job\n", system=True, cronie=True)
    assert parsed.entries == ()
    assert [m.reason for m in parsed.malformed] == ["'-' (no syslog) must come right before the minute field or @special"]


def test_vixie_and_aix_cron_have_no_no_syslog_prefix():
    for options in ({"system": True}, {"system": True, "extensions": False}):
        parsed = parse_crontab("-*/15 * * * * root /opt/job\n", **options)
        assert parsed.entries == ()
        assert [m.reason for m in parsed.malformed] == ["bad minute field '-*/15'"]


@pytest.mark.parametrize(
    ("line", "name", "value"),
    [
        ('MAILTO=""', "MAILTO", ""),
        ("MAILTO=''", "MAILTO", ""),
        ("CRON_TZ=Europe/Paris", "CRON_TZ", "Europe/Paris"),
        ("RANDOM_DELAY=30", "RANDOM_DELAY", "30"),
        ("START_HOURS_RANGE=3-22", "START_HOURS_RANGE", "3-22"),
    ],
)
def test_cronie_environment_lines_are_settings_not_jobs(line, name, value):
    parsed = parse_crontab(f"{line}\n0 3 * * * /opt/job\n", cronie=True)
    assert parsed.malformed == ()
    assert parsed.env == {name: value}
    assert [(e.path, e.programs) for e in parsed.entries] == [(DEFAULT_PATH, (absolute("/opt/job"),))]


def test_a_trailing_backslash_does_not_continue_the_line():
    # cron has no backslash-newline continuation: the backslash stays in the command and the
    # next line is read on its own (here it is no job line, so it is reported).
    parsed = parse_crontab("0 3 * * * /opt/a \\\n  --flag /opt/b\n", path="/etc/crontab")
    assert [(e.line, e.command, e.programs) for e in parsed.entries] == [(1, "/opt/a \\", (absolute("/opt/a"),))]
    assert [(m.line, m.text) for m in parsed.malformed] == [(2, "  --flag /opt/b")]


def test_a_star_where_the_command_or_user_starts_is_refused():
    # Vixie cron and cronie: "check for premature EOL and catch a common typo" (a sixth time field).
    for options, text in (({}, "0 3 * * * * /opt/x\n"), ({"system": True}, "0 3 * * * * root /opt/x\n")):
        parsed = parse_crontab(text, **options)
        assert parsed.entries == ()
        assert [m.reason for m in parsed.malformed] == ["a command or user cannot start with '*' (a sixth time field?)"]


@pytest.mark.parametrize(
    "line",
    ["*/15 * * * * root /opt/x", "0 3 * * mon-fri root /opt/x arg", "@reboot root /opt/x", "5 4 1 jan * root a; /opt/b"],
)
def test_a_prefixed_line_is_the_same_job_unlogged(line):
    plain = only_entry(line + "\n", system=True, cronie=True)
    prefixed = only_entry("-" + line + "\n", system=True, cronie=True)
    assert prefixed == dataclasses.replace(plain, logged=False)
