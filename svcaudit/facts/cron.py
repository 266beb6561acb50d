"""What the cron and at controls need from a host, and what they derive from it.

`requests` names the first batch (known paths); `followups` names the second
(paths only known once crontabs and syslog configuration have been read).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from svcaudit.collect.batch import Request
from svcaudit.facts import scripts, syslog
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.crontab import Crontab, parse_crontab
from svcaudit.parsers.shellcmd import candidates
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    reqs = [Request("read", f) for f in (p.cron_allow, p.cron_deny, p.at_allow, p.at_deny)]
    reqs += [Request("listread", p.crontab_dir), Request("list", p.at_dir)]
    reqs += [Request("stat", b) for b in p.cron_binaries + p.at_binaries]
    if p.cron_log:
        reqs.append(Request("stat", p.cron_log))
    if p.system_crontab:
        reqs.append(Request("read", p.system_crontab))
    if p.cron_d:
        reqs.append(Request("listread", p.cron_d))
    if p.anacrontab:
        reqs.append(Request("stat", p.anacrontab))
    reqs += [Request("stat", path) for path in (p.cron_lastrun_dir, p.sysconfig_cron, p.at_output_dir) if path]
    reqs += [Request("list", d) for d in p.run_parts_dirs]
    reqs += [Request("acl", path) for path in (*cron_acl_paths(p), *at_acl_paths(p))]
    reqs += syslog.requests(p)
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """Programs cron runs (with their ancestors, and their content) and the files syslog writes cron to."""
    reqs: list[Request] = []
    try:
        programs, _ = cron_programs(facts)
    except NotAssessed:
        programs = []
    for program in programs:
        for candidate in program.candidates:
            reqs.append(Request("tree", candidate))
    # CRON-14 reads what may be a script (bounded by the read limit; a binary is recognised and skipped).
    reqs += scripts.reads([candidate for program in programs for candidate in program.candidates])
    try:
        reqs += [Request("stat", rule.file) for rule in syslog.cron_log_rules(facts) if rule.file]
    except NotAssessed:
        pass
    for more in (crontab_files, syslog.dedicated_cron_logs):
        try:
            reqs += [Request("acl", path) for path in more(facts)]
        except NotAssessed:
            pass
    return reqs


def cron_spool_dirs(p: Paths) -> tuple[str, ...]:
    """The crontab directory and, where it is the spool's crontabs (tabs on SUSE) sub-directory, the spool itself."""
    if posixpath.basename(p.crontab_dir) in ("crontabs", "tabs"):
        return (posixpath.dirname(p.crontab_dir), p.crontab_dir)
    return (p.crontab_dir,)


def cron_acl_paths(p: Paths) -> tuple[str, ...]:
    """Known before anything is read, whose ACL CRON-15 judges: the access files, the spool directories, /etc/cron.d
    and /etc/crontab, and cron's own log (AIX). The crontab files and Linux's cron log come in the second batch."""
    named = (p.cron_allow, p.cron_deny, *cron_spool_dirs(p), p.cron_d, p.system_crontab, p.cron_log)
    return tuple(path for path in named if path)


def at_acl_paths(p: Paths) -> tuple[str, ...]:
    """Whose ACL AT-09 judges: at.allow, at.deny and the at spool directory (and SUSE's output spool)."""
    return (p.at_allow, p.at_deny, p.at_dir) + ((p.at_output_dir,) if p.at_output_dir else ())


def installed(facts: HostFacts, binaries: tuple[str, ...]) -> bool:
    """Empty list = part of the base OS (AIX); else any binary present."""
    return not binaries or any(facts.exists(b) for b in binaries)


@dataclass(frozen=True)
class CrontabFile:
    path: str
    system: bool
    parsed: Crontab


def crontab_files(facts: HostFacts) -> list[str]:
    """Every crontab file path: the spool's entries, then /etc/crontab and /etc/cron.d/*."""
    p = facts.paths
    paths: list[str] = []
    if facts.exists(p.crontab_dir):
        for name in facts.listing(p.crontab_dir):
            path = posixpath.join(p.crontab_dir, name)
            if facts.stat(path).kind != "dir":
                paths.append(path)
    if p.system_crontab and facts.exists(p.system_crontab):
        paths.append(p.system_crontab)
    return paths + _cron_d_files(facts)


def _cron_d_files(facts: HostFacts) -> list[str]:
    """The files of /etc/cron.d cron reads (not dot files, not directories)."""
    cron_d = facts.paths.cron_d
    if not cron_d or not facts.exists(cron_d):
        return []
    found = [posixpath.join(cron_d, name) for name in facts.listing(cron_d) if not name.startswith(".")]
    return [path for path in found if facts.stat(path).kind != "dir"]


def system_cron_paths(facts: HostFacts) -> list[str]:
    """What cron or anacron runs as root from outside the spool: /etc/crontab, /etc/anacrontab, /etc/cron.d and
    its files, the run-parts directories (their scripts are cron programs: CRON-07, CRON-08), and on SUSE
    /etc/sysconfig/cron (run-crons sources it as root) and /var/spool/cron/lastrun (its time stamps decide when
    run-crons runs the daily scripts). Existing ones only."""
    p = facts.paths
    named = [p.system_crontab, p.anacrontab, p.cron_d, *p.run_parts_dirs, p.cron_lastrun_dir, p.sysconfig_cron]
    found = [path for path in named if path and facts.exists(path)]
    return found + _cron_d_files(facts)


def crontabs(facts: HostFacts) -> list[CrontabFile]:
    return facts.derived("crontabs", lambda: _crontabs(facts))


def _crontabs(facts: HostFacts) -> list[CrontabFile]:
    p = facts.paths
    out = []
    for path in crontab_files(facts):
        system = path == p.system_crontab or (p.cron_d is not None and path.startswith(p.cron_d + "/"))
        parsed = parse_crontab(
            facts.content(path),
            path=path,
            system=system,
            extensions=p.cron_extensions,
            # cronie (RHEL, SUSE) takes a '-' (no syslog) prefix in system crontabs and root's own.
            cronie=p.cronie,
            privileged=system or posixpath.basename(path) == "root",
        )
        out.append(CrontabFile(path, system, parsed))
    return out


@dataclass(frozen=True)
class CronProgram:
    """A program cron runs: where it was named, and the paths it may be."""

    source: str  # "path:line" or the run-parts directory
    word: str
    candidates: tuple[str, ...]
    #: who cron runs it as: the system crontab line's user, the spool file's name, root for run-parts.
    user: str = ""

    @property
    def named(self) -> str:
        """Where it was named and as whom it runs: `/var/spool/cron/crontabs/adm:3 (runs as adm)`."""
        return f"{self.source} (runs as {self.user})" if self.user else self.source


def cron_programs(facts: HostFacts) -> tuple[list[CronProgram], list[str]]:
    """Programs to check, and commands that cannot be resolved (listed, never passed)."""
    programs: list[CronProgram] = []
    unresolved: list[str] = []
    for tab in crontabs(facts):
        for entry in tab.parsed.entries:
            where = f"{tab.path}:{entry.line}"
            user = entry.user or ("" if tab.system else posixpath.basename(tab.path))
            for prog in entry.programs:
                if prog.kind == "unresolvable":
                    unresolved.append(f"{where}: cannot resolve {prog.word!r} in: {entry.command}")
                else:
                    programs.append(CronProgram(where, prog.word, candidates(prog, entry.path), user))
        unresolved += [bad.evidence() for bad in tab.parsed.malformed]
    for directory in facts.paths.run_parts_dirs:
        if facts.exists(directory):
            for name in facts.listing(directory):
                path = posixpath.join(directory, name)
                programs.append(CronProgram(directory, path, (path,), "root"))
    return programs, unresolved


def unlogged_jobs(facts: HostFacts) -> list[str]:
    """Caveats for CRON-09: jobs cronie runs without a syslog record ('-' prefix), or why crontabs were not read for them."""
    try:
        tabs = crontabs(facts)
    except NotAssessed as exc:
        return [f"crontabs not read for '-' (unlogged) jobs: {exc}"]
    return [
        f"{tab.path}:{entry.line}: cron runs this job without a syslog record ('-' prefix): {entry.command}"
        for tab in tabs
        for entry in tab.parsed.entries
        if not entry.logged
    ]


def resolve(facts: HostFacts, program: CronProgram) -> str | None:
    """The first candidate that exists, as cron's shell would find it; None if none does."""
    for candidate in program.candidates:
        if facts.exists(candidate):
            return candidate
    return None


def ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/"] + ["/" + "/".join(parts[:i]) for i in range(1, len(parts))]


@dataclass(frozen=True)
class AccessFiles:
    """The allow/deny pair of cron or at, with what makes the service count as installed."""

    service: str
    allow: str
    deny: str
    binaries: tuple[str, ...]
    sysgroups: frozenset[str]


def access_files(p: Paths, service: str) -> AccessFiles:
    if service == "cron":
        return AccessFiles("cron", p.cron_allow, p.cron_deny, p.cron_binaries, p.cron_sysgroups)
    return AccessFiles("at", p.at_allow, p.at_deny, p.at_binaries, p.at_sysgroups)


def listed_names(text: str) -> list[str]:
    """User names in an allow/deny file: one a line, blanks and # comments ignored."""
    return [name for _, name in listed_entries(text)]


def listed_entries(text: str) -> list[tuple[int, str]]:
    """(line number, user name) of an allow/deny file's names, for evidence that names the line."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.strip().startswith("#")]


def existing_access_files(facts: HostFacts, files: AccessFiles) -> list[str]:
    return [path for path in (files.allow, files.deny) if facts.exists(path)]
