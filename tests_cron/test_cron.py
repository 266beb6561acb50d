"""cron controls CRON-01 .. CRON-10 (seed: Cron Service Considerations) and CRON-16 (Linux system cron paths)."""

from collections.abc import Iterator

import pytest

from svcaudit.controls.access import access_files_mode, access_files_owned, access_restricted, require_installed
from svcaudit.controls.checks import octal, show, syslog_notes, writable_by_others
from svcaudit.controls.paths import admin_groups, fix_for, groups_phrase, protected, require_directory
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import cron as cronfacts
from svcaudit.facts import syslog
from svcaudit.facts.cron import access_files
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


def _crontab_dir(facts: HostFacts) -> str:
    """The spool directory, which must exist as a directory wherever cron is installed."""
    require_installed(facts, access_files(facts.paths, "cron"))
    return require_directory(facts, facts.paths.crontab_dir)


@pytest.mark.control("CRON-01")
def test_cron_access_restricted(facts: HostFacts) -> None:
    """cron.allow exists, or a non-empty cron.deny: otherwise every user may schedule jobs."""
    access_restricted(facts, "cron")


@pytest.mark.control("CRON-02")
def test_cron_access_files_owned_by_root(facts: HostFacts, profile: Profile) -> None:
    access_files_owned(facts, profile, "cron")


@pytest.mark.control("CRON-03")
def test_cron_access_files_mode(facts: HostFacts, profile: Profile) -> None:
    access_files_mode(facts, profile, "cron")


@pytest.mark.control("CRON-04")
def test_crontab_directory_mode(facts: HostFacts, profile: Profile) -> None:
    d = _crontab_dir(facts)
    ceiling = profile.cron.dir_mode
    verdict(f"{d} mode <= {octal(ceiling)}", protected(facts, d, ceiling=ceiling), fix=fix_for(facts, d, ceiling=ceiling))


@pytest.mark.control("CRON-05")
def test_crontab_directory_owner(facts: HostFacts, profile: Profile) -> None:
    d = _crontab_dir(facts)
    groups = admin_groups(facts, profile, set(profile.cron.dir_groups) | facts.paths.cron_dir_groups_extra)
    owners = profile.cron.dir_owners
    verdict(
        f"{d} owner one of {', '.join(owners)}, group one of {groups_phrase(groups)}",
        protected(facts, d, owners=owners, groups=groups),
        fix=fix_for(facts, d, owners=owners, groups=groups),
    )


@pytest.mark.control("CRON-06")
def test_crontab_files_mode(facts: HostFacts, profile: Profile) -> None:
    files = cronfacts.crontab_files(facts)
    if not files:
        not_applicable("no crontab files")
    ceiling = profile.cron.file_mode
    verdict(
        f"every crontab file mode <= {octal(ceiling)}",
        [p for f in files for p in protected(facts, f, ceiling=ceiling)],
        fix=[line for f in files for line in fix_for(facts, f, ceiling=ceiling)],
    )


def _programs(facts: HostFacts) -> tuple[list[cronfacts.CronProgram], list[str]]:
    """Cron programs and unresolvable commands; N/A only when cron has no entries at all."""
    programs, unresolved = cronfacts.cron_programs(facts)
    if not programs and not unresolved:
        not_applicable("no cron entries")
    return programs, unresolved


def _unresolved_verdict(expected: str, problems: list[str], unresolved: list[str]) -> None:
    """Findings fail; commands we could not follow are never passed: they leave the control not assessed."""
    verdict(
        expected,
        problems,
        unassessed=unresolved,
        unassessed_title="cron commands that could not be resolved (review them by hand)",
    )


def _located(facts: HostFacts, unresolved: list[str]) -> Iterator[tuple[cronfacts.CronProgram, str, bool]]:
    """(program, path it is found at or would be at) for every cron program; misses are noted."""
    programs, more = _programs(facts)
    unresolved += more
    for program in programs:
        path = cronfacts.resolve(facts, program)
        if path is not None:
            yield program, path, True
        elif program.word.startswith("/"):
            yield program, program.candidates[0], False
        else:
            searched = ":".join(c.rsplit("/", 1)[0] for c in program.candidates)
            unresolved.append(f"{program.source}: {program.word!r} not found in {searched}")


@pytest.mark.control("CRON-07")
def test_cron_programs_not_writable(facts: HostFacts) -> None:
    """A program that group or world can write is a program anyone in that set can replace."""
    unresolved: list[str] = []
    problems = [
        f"{program.named}: {p}"
        for program, path, found in _located(facts, unresolved)
        if found
        for p in writable_by_others(facts, path, group_too=True)
    ]
    _unresolved_verdict("no program run by cron is group- or world-writable", problems, unresolved)


@pytest.mark.control("CRON-08")
def test_cron_programs_not_in_world_writable_dirs(facts: HostFacts) -> None:
    """A world-writable directory lets anyone rename the program away and put their own in its place."""
    unresolved: list[str] = []
    problems: set[str] = set()
    for program, path, _ in _located(facts, unresolved):
        real = facts.stat(path).real or path
        for d in dict.fromkeys(cronfacts.ancestors(path) + cronfacts.ancestors(real)):
            problems.update(f"{program.named}: {path} is under {f}" for f in writable_by_others(facts, d, group_too=False))
    _unresolved_verdict("no program run by cron sits in or under a world-writable directory", sorted(problems), unresolved)


@pytest.mark.control("CRON-09")
def test_cron_logging(facts: HostFacts) -> None:
    """Without a cron log, jobs planted by an intruder leave no trace."""
    require_installed(facts, access_files(facts.paths, "cron"))
    log = facts.paths.cron_log
    unlogged = cronfacts.unlogged_jobs(facts)
    if log:
        verdict(f"{log} exists", [] if facts.exists(log) else [f"{show(log)}: does not exist"], unlogged)
        return
    problems = [] if syslog.cron_log_rules(facts) else [f"no such rule in {', '.join(syslog.searched(facts))}"]
    verdict(
        "a syslog rule sends facility cron (cron.* or *.* without cron.none) to a local file",
        problems,
        syslog_notes(facts) + unlogged,
    )


@pytest.mark.control("CRON-10")
def test_cron_log_protected(facts: HostFacts, profile: Profile) -> None:
    ceiling = profile.cron.log_mode
    log = facts.paths.cron_log
    logs = ([log] if facts.exists(log) else []) if log else syslog.dedicated_cron_logs(facts)
    if not logs:
        not_applicable(f"{log} does not exist (CRON-09 reports it)" if log else "no dedicated cron log file is configured")
    problems: list[str] = []
    for path in logs:
        if facts.exists(path):
            problems += protected(facts, path, ceiling=ceiling, owners=profile.cron.log_owners)
        else:
            problems.append(f"{show(path)}: configured in syslog but does not exist")
    owners = profile.cron.log_owners
    verdict(
        f"cron log mode <= {octal(ceiling)}, owner {' or '.join(owners)}",
        problems,
        [] if log else syslog_notes(facts),
        fix=[line for path in logs for line in fix_for(facts, path, owners=owners, ceiling=ceiling)],
    )


@pytest.mark.control("CRON-16")
def test_system_cron_paths_protected(facts: HostFacts) -> None:
    """Whoever can write /etc/crontab, /etc/cron.d or a run-parts directory runs commands as root."""
    paths = cronfacts.system_cron_paths(facts)
    if not paths:
        not_applicable(
            "no /etc/crontab, /etc/anacrontab, /etc/cron.d or run-parts directory (AIX keeps root's crontab in the spool)"
        )
    problems = [p for path in paths for p in protected(facts, path, owners={"root"}, writers="group")]
    verdict(
        "the system crontab, anacrontab, /etc/cron.d and its files, and the run-parts directories: owner root, "
        "not writable by group or others",
        problems,
    )
