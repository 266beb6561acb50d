"""Pending at jobs: the job files in the at spool, what they run, and the scripts those programs are.

The spool (AIX and Debian /var/spool/cron/atjobs, RHEL /var/spool/at) is listed and its files read in
the first batch; the programs the jobs name are followed (stat of their path and ancestors, and a read
for the umask check) in the second.  Dot files (.SEQ) and directories (RHEL's spool/) are not jobs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from svcaudit.collect.batch import Request
from svcaudit.facts import scripts
from svcaudit.facts.cron import CronProgram
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.atjob import AtJob, parse_atjob
from svcaudit.parsers.shellcmd import candidates, command_programs
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    return [Request("listread", p.at_dir)]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """The programs pending jobs run: their trees (AT-07) and their content (AT-08)."""
    try:
        programs, _ = at_programs(facts)
    except NotAssessed:
        return []
    paths = [c for program in programs for c in program.candidates]
    return [Request("tree", path) for path in paths] + scripts.reads(paths)


@dataclass(frozen=True)
class AtJobFile:
    path: str
    owner: str
    job: AtJob


def job_paths(facts: HostFacts) -> list[str]:
    """The job files of the spool; [] when the spool does not exist."""
    at_dir = facts.paths.at_dir
    if not facts.exists(at_dir):
        return []
    found = [posixpath.join(at_dir, name) for name in facts.listing(at_dir) if not name.startswith(".")]
    return [path for path in found if facts.stat(path).kind != "dir"]


def at_jobs(facts: HostFacts) -> tuple[list[AtJobFile], list[str]]:
    """Parsed job files, and why any job file could not be read."""
    return facts.derived("at_jobs", lambda: _at_jobs(facts))


def _at_jobs(facts: HostFacts) -> tuple[list[AtJobFile], list[str]]:
    jobs: list[AtJobFile] = []
    unread: list[str] = []
    for path in job_paths(facts):
        try:
            text = facts.content(path)
        except NotAssessed as exc:
            unread.append(f"pending at job not read: {exc}")
            continue
        jobs.append(AtJobFile(path, facts.user_name(facts.stat(path).uid), parse_atjob(text)))
    return jobs, unread


def at_programs(facts: HostFacts) -> tuple[list[CronProgram], list[str]]:
    """Programs the pending jobs run (with where the job names them), and what cannot be followed."""
    jobs, unread = at_jobs(facts)
    unresolved = list(unread)
    programs: list[CronProgram] = []
    for job in jobs:
        for program in command_programs(job.job.commands):
            if program.kind == "unresolvable":
                unresolved.append(f"{job.path}: cannot resolve {program.word!r} in the job's commands")
            else:
                programs.append(CronProgram(job.path, program.word, candidates(program, job.job.path), job.owner))
    return programs, unresolved
