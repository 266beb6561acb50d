"""Unit tests for svcaudit.parsers.shellcmd and the one malformed-line type (pure functions)."""

from __future__ import annotations

import pytest

from svcaudit.parsers import accounts, aliases, crontab, syslog
from svcaudit.parsers.common import Malformed
from svcaudit.parsers.shellcmd import Program, candidates, command_programs

COMMANDS = [
    "/usr/bin/perl /opt/x.pl",
    '"/usr/bin/ksh" /opt/y.sh -q',
    "/bin/sh -c '/opt/a; b'",
    "nohup env A=1 /usr/bin/python3 /opt/job.py >/dev/null 2>&1",
    "$HOME/bin/x",
    "eval /opt/x",
    "perl ./x.pl",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_cron_entries_and_alias_programs_get_the_same_analysis(command: str) -> None:
    """CRON-07 and MAIL-09 follow a command line identically: interpreter, script, sh -c, unresolvable words."""
    entry = crontab.parse_crontab(f"0 3 * * * {command}\n").entries[0]
    target = aliases.parse_aliases(f'x: "|{command.replace(chr(34), "")}"\n', "/etc/aliases").aliases[0].targets[0]
    expected = command_programs(command.replace('"', ""))
    assert entry.programs == command_programs(command)
    assert aliases.target_programs(target) == expected


def test_interpreter_and_script_are_both_programs() -> None:
    assert command_programs("/usr/bin/perl /opt/x.pl") == (
        Program("/usr/bin/perl", "absolute", "command"),
        Program("/opt/x.pl", "absolute", "script"),
    )


@pytest.mark.parametrize(
    "program, search_path, expected",
    [
        (Program("/opt/../usr/bin/x", "absolute", "command"), None, ("/usr/bin/x",)),
        (Program("x", "search", "command"), "/usr/bin:/bin", ("/usr/bin/x", "/bin/x")),
        (Program("x", "search", "command"), "bin:/sbin:", ("/sbin/x",)),  # relative PATH entries name no fixed file
        (Program("x", "search", "command"), None, ()),  # PATH unknown (sendmail's shell): nothing to check
        (Program("$D/x", "unresolvable", "command"), "/usr/bin", ()),
    ],
)
def test_candidates(program: Program, search_path: str | None, expected: tuple[str, ...]) -> None:
    assert candidates(program, search_path) == expected


def test_malformed_evidence_names_path_line_reason_and_text() -> None:
    bad = Malformed("/etc/crontab", 7, "0 3 * *", "expected 5 time fields and a command")
    assert bad.evidence() == "/etc/crontab:7: not read (expected 5 time fields and a command): 0 3 * *"
    assert Malformed("/etc/x", 0, "", "internal parser error").evidence() == "/etc/x: not read (internal parser error)"


def test_every_parser_reports_the_one_malformed_type() -> None:
    """crontab, passwd/group and syslog report the same type, with the file's path, as the others do."""
    (cron_bad,) = crontab.parse_crontab("0 3 * *\n", path="/etc/crontab").malformed
    (passwd_bad,) = accounts.parse_passwd("root:x:0\n")[1]
    (group_bad,) = accounts.parse_group("staff\n", "/etc/group")[1]
    (syslog_bad,) = syslog.parse_syslog_conf("mail.\n", "/etc/syslog.conf").unparsed
    for bad, path in (
        (cron_bad, "/etc/crontab"),
        (passwd_bad, "/etc/passwd"),
        (group_bad, "/etc/group"),
        (syslog_bad, "/etc/syslog.conf"),
    ):
        assert type(bad) is Malformed
        assert bad.path == path and bad.line == 1
