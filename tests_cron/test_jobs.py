"""What scheduled jobs do: CRON-14 (cron jobs keep the umask), AT-07 (programs of pending at jobs are safe),
AT-08 (at jobs keep the umask)."""

import pytest

from svcaudit.controls import umask
from svcaudit.controls.checks import show, writable_by_others
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import atjobs
from svcaudit.facts import cron as cronfacts
from svcaudit.facts.host import HostFacts
from svcaudit.parsers.shellcmd import is_interpreter

EXPECTED_UMASK = "no umask looser than 077 (no group or other bit left open)"


def _scripts(facts: HostFacts, programs: list[cronfacts.CronProgram], unassessed: list[str]) -> list[str]:
    """Umask problems of the scripts among ``programs``; programs that cannot be found go to ``unassessed``."""
    problems: list[str] = []
    for program in programs:
        path = cronfacts.resolve(facts, program)
        if path is None:
            if not program.word.startswith("/"):
                searched = ":".join(c.rsplit("/", 1)[0] for c in program.candidates)
                unassessed.append(f"{program.named}: {program.word!r} not found in {searched or 'an unknown PATH'}")
            continue  # a missing absolute path runs nothing
        if facts.stat(path).kind == "file" and not is_interpreter(path):  # a directory or device holds no script
            found, unknown = umask.in_script(facts, program.named, path)
            problems += found
            unassessed += unknown
    return problems


@pytest.mark.control("CRON-14")
def test_cron_jobs_keep_umask(facts: HostFacts) -> None:
    """A job that loosens the umask creates files others can read or write."""
    entries = [(tab.path, entry) for tab in cronfacts.crontabs(facts) for entry in tab.parsed.entries]
    programs, unresolved = cronfacts.cron_programs(facts)
    if not entries and not programs and not unresolved:
        not_applicable("no cron entries and no run-parts scripts")
    problems: list[str] = []
    unassessed = list(unresolved)
    for path, entry in entries:
        found, unknown = umask.in_commands(path, entry.command, entry.line)
        problems += found
        unassessed += unknown
    problems += _scripts(facts, programs, unassessed)
    verdict(
        f"cron command lines and the scripts they run: {EXPECTED_UMASK}",
        list(dict.fromkeys(problems)),
        unassessed=list(dict.fromkeys(unassessed)),
        unassessed_title="cron jobs whose umask could not be checked (review them by hand)",
    )


def _pending(facts: HostFacts) -> tuple[list[atjobs.AtJobFile], list[str]]:
    jobs, unread = atjobs.at_jobs(facts)
    if not jobs and not unread:
        not_applicable(f"no pending at jobs in {show(facts.paths.at_dir)}")
    return jobs, unread


@pytest.mark.control("AT-07")
def test_at_programs_safe(facts: HostFacts) -> None:
    """A program others can write, or one under a world-writable directory, can be swapped before the job runs."""
    _pending(facts)
    programs, unassessed = atjobs.at_programs(facts)
    problems: list[str] = []
    for program in programs:
        path = cronfacts.resolve(facts, program)
        if path is None:
            if not program.word.startswith("/"):
                searched = ":".join(c.rsplit("/", 1)[0] for c in program.candidates)
                unassessed.append(f"{program.named}: {program.word!r} not found in {searched or 'an unknown PATH'}")
                continue
            path = real = program.candidates[0]  # missing: whoever can write its directory can put it there
        else:
            problems += [f"{program.named}: {p}" for p in writable_by_others(facts, path, group_too=True)]
            real = facts.stat(path).real or path
        for d in dict.fromkeys(cronfacts.ancestors(path) + cronfacts.ancestors(real)):
            if facts.exists(d):
                problems += [f"{program.named}: {show(path)} is under {p}" for p in writable_by_others(facts, d, group_too=False)]
    verdict(
        "no program a pending at job runs is group- or world-writable, or sits under a world-writable directory",
        list(dict.fromkeys(problems)),
        unassessed=list(dict.fromkeys(unassessed)),
        unassessed_title="at job commands that could not be followed (review them by hand)",
    )


@pytest.mark.control("AT-08")
def test_at_jobs_keep_umask(facts: HostFacts) -> None:
    """at(1) records the submitter's umask in the job, and the job runs `umask` with it: that counts too."""
    jobs, unread = _pending(facts)
    problems: list[str] = []
    unassessed = list(unread)
    for job in jobs:
        if job.job.umask is not None:
            recorded = umask.UmaskCall((job.job.umask,), False, f"umask {job.job.umask}")
            where = f"{show(job.path)}:{job.job.umask_line}"
            found, unknown = umask.judge(where, recorded, "the submitter's umask, which at(1) wrote into the job")
            problems += found
            unassessed += unknown
        found, unknown = umask.in_commands(job.path, job.job.commands, job.job.command_line)
        problems += found
        unassessed += unknown
    programs, unresolved = atjobs.at_programs(facts)
    unassessed += [u for u in unresolved if u not in unread]
    problems += _scripts(facts, programs, unassessed)
    verdict(
        f"pending at jobs (the umask at(1) recorded, the job's commands) and the scripts they run: {EXPECTED_UMASK}",
        list(dict.fromkeys(problems)),
        unassessed=list(dict.fromkeys(unassessed)),
        unassessed_title="at jobs whose umask could not be checked (review them by hand)",
    )
