"""Unit tests for what the job controls read (CRON-14, AT-07, AT-08): umask calls found by the shared shell
analyser, the umask judgement, and at job files (the real ones Debian's at 3.2.5 wrote, and the AIX layout)."""

from __future__ import annotations

import pytest

from svcaudit.parsers.atjob import parse_atjob
from svcaudit.parsers.shellcmd import Program, command_programs, is_interpreter, umask_calls
from svcaudit.parsers.umask import umask_effect
from tests_meta.support.realworld import corpus_text
from tests_meta.support.scenarios_jobs import RHEL_JOB, aix_job

_SPOOL = "debian12/generated/at/var/spool/cron/atjobs"


@pytest.mark.parametrize(
    "command, args",
    [
        ("umask 022; /usr/sbin/skulker", [("022",)]),
        ("(umask 0002 && /opt/x)", [("0002",)]),
        ("f() { umask -S u=rwx,g=,o=; }; f", [("-S", "u=rwx,g=,o=")]),
        ("/bin/sh -c 'umask 000; /opt/x'", [("000",)]),
        ("x=$(umask 0; /opt/y)", [("0",)]),
        ("command umask 027", [("027",)]),
        ("echo umask 000 # umask 000", []),
        ("/usr/local/bin/umask 000", []),
        ("umask\numask 77", [(), ("77",)]),
    ],
)
def test_umask_calls_are_found_wherever_the_shell_runs_them(command: str, args: list[tuple[str, ...]]) -> None:
    assert [call.args for call in umask_calls(command)] == args


def test_a_umask_from_a_variable_is_dynamic_and_umask_runs_no_program() -> None:
    (call,) = umask_calls('umask "$MASK"')
    assert call.dynamic and call.text == 'umask "$MASK"'
    assert command_programs("umask 022; /opt/x") == (Program("/opt/x", "absolute", "command"),)


@pytest.mark.parametrize(
    "args, outcome",
    [
        (("022",), "loosens"),
        (("0022",), "loosens"),
        (("027",), "loosens"),
        (("0",), "loosens"),
        (("077",), "keeps"),
        (("0077",), "keeps"),
        (("77",), "keeps"),
        (("0777",), "keeps"),
        (("u=rwx,g=,o=",), "keeps"),
        (("-S", "u=rwx,go="), "keeps"),
        (("u=rwx,g=rx,o=",), "loosens"),
        (("g+r",), "loosens"),
        (("a=rx",), "loosens"),
        (("g-w",), "keeps"),
        ((), "prints"),
        (("-S",), "prints"),
        (("u=rwq",), "unknown"),
        (("-Z", "022"), "unknown"),
        (("022", "077"), "unknown"),
    ],
)
def test_umask_effect(args: tuple[str, ...], outcome: str) -> None:
    assert umask_effect(args).outcome == outcome


def test_is_interpreter() -> None:
    assert is_interpreter("/usr/bin/ksh") and is_interpreter("perl") and is_interpreter("/usr/bin/python3.11")
    assert not is_interpreter("/usr/sbin/skulker")


def test_real_debian_job_umask_22() -> None:
    """at 3.2.5 wrote the submitter's umask 022 as `umask 22`, then the environment and `cd ... || {...}`."""
    job = parse_atjob(corpus_text(f"{_SPOOL}/a0000201c8cdbb"))
    assert (job.umask, job.umask_line) == ("22", 4)
    assert job.path == "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert job.commands.strip() == "/usr/local/bin/x"
    assert job.command_line == 16
    assert command_programs(job.commands) == (Program("/usr/local/bin/x", "absolute", "command"),)


def test_real_debian_job_with_its_own_umask() -> None:
    job = parse_atjob(corpus_text(f"{_SPOOL}/b0000301c8cdf7"))
    assert job.umask == "77"
    assert [c.args for c in umask_calls(job.commands)] == [("027",)]
    assert [p.word for p in command_programs(job.commands)] == ["tar", "/usr/local/sbin/rotate-logs"]


def test_heredoc_job_body_is_the_users_commands() -> None:
    job = parse_atjob(RHEL_JOB)
    assert job.umask == "77"
    assert job.commands == "/opt/jobs/nightly.sh"
    assert job.path == "/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin"


def test_aix_job_layout() -> None:
    job = parse_atjob(aix_job("umask 000\ncd /tmp\n/usr/sbin/acct/dodisk\n", "22"))
    assert (job.umask, job.umask_line) == ("22", 8)
    assert [c.args for c in umask_calls(job.commands)] == [("000",)]
    assert job.path == "/usr/bin:/etc:/usr/sbin:/usr/ucb:/usr/bin/X11:/sbin"


def test_continued_environment_values_stay_in_the_preamble() -> None:
    text = "#!/bin/sh\numask 77\nMSG=a\\\nb; export MSG\nPATH=/usr/bin\\:/bin; export PATH\n/opt/x\n"
    job = parse_atjob(text)
    assert job.commands == "/opt/x\n"
    assert job.path == "/usr/bin:/bin"


def test_empty_or_odd_job_files_never_raise() -> None:
    assert parse_atjob("").umask is None
    assert parse_atjob("${SHELL:-/bin/sh} << 'D'\n/opt/x\n").commands == "/opt/x\n"
