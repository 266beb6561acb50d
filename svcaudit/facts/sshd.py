"""sshd's configuration as sshd reads it, Include lines followed, and what its sftp subsystem lacks (FTP-16).

The first batch reads /etc/ssh/sshd_config and every file of /etc/ssh/sshd_config.d (Debian's stock
file includes /etc/ssh/sshd_config.d/*.conf); follow-ups read what other Include lines name. A
pattern is matched against the collected listing of its directory, as glob(3) would: sorted, and
a leading dot only matched by a leading dot.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Sequence

from svcaudit.collect.batch import Request
from svcaudit.facts.ftpd import Findings, umask_problem
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.common import Malformed
from svcaudit.parsers.sshd import Directive, SshdConfig, expand, include_patterns, parse_sshd_config, sftp_options, subsystems
from svcaudit.profile import Profile

_GLOB = frozenset("*?[")
#: Files followed for follow-up requests: a bound against an Include loop.
MAX_FILES = 64


def requests(p: Paths) -> list[Request]:
    return [Request("read", p.ftp.sshd_config), Request("listread", p.ftp.sshd_config_dir)]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """What the Include lines of the files read so far name."""
    reqs: list[Request] = []
    try:
        for conf in _read_so_far(facts):
            for pattern in include_patterns(conf):
                directory, name = posixpath.split(pattern)
                if _GLOB & set(name):
                    reqs.append(Request("listread", directory))
                elif not _GLOB & set(directory):
                    reqs.append(Request("read", pattern))
    except NotAssessed:
        pass  # the control says why
    return [r for r in reqs if r.arg not in facts.batch.stats]


def _read_so_far(facts: HostFacts) -> list[SshdConfig]:
    """The main file and every collected file an Include names (for follow-ups: nothing raises for the rest)."""
    main = facts.paths.ftp.sshd_config
    if not facts.exists(main):
        return []
    found = [parse_sshd_config(facts.content(main), main)]
    for conf in found[:MAX_FILES]:  # grows while it is walked: nested Include lines too
        for pattern in include_patterns(conf):
            try:
                found += _load(facts, pattern)
            except NotAssessed:
                continue
    return found


def installed(facts: HostFacts) -> bool:
    return facts.exists(facts.paths.ftp.sshd_config)


def directives(facts: HostFacts) -> tuple[tuple[Directive, ...], tuple[Malformed, ...]]:
    """Every directive sshd reads, in order; NotAssessed when an included file was not read."""
    main = facts.paths.ftp.sshd_config
    try:
        return expand(parse_sshd_config(facts.content(main), main), lambda pattern: _load(facts, pattern))
    except ValueError as exc:
        raise NotAssessed(str(exc)) from None


def _load(facts: HostFacts, pattern: str) -> list[SshdConfig]:
    directory, name = posixpath.split(pattern)
    if _GLOB & set(directory):
        raise NotAssessed(f"Include {pattern}: a wildcard in the directory part is not followed")
    if not _GLOB & set(name):
        return [parse_sshd_config(facts.content(pattern), pattern)] if facts.exists(pattern) else []
    if not facts.exists(directory):
        return []
    names = sorted(n for n in facts.listing(directory) if fnmatch.fnmatchcase(n, name) and (name[0] == "." or n[0] != "."))
    paths = [posixpath.join(directory, n) for n in names]
    return [parse_sshd_config(facts.content(path), path) for path in paths]


# -- the sftp subsystem (FTP-16) ---------------------------------------------------------------------------

SFTP_PROGRAMS = ("sftp-server", "internal-sftp")


def global_sftp(directives: Sequence[Directive]) -> tuple[Directive | None, list[str]]:
    """The Subsystem sftp line sshd uses for every connection (the first outside a Match block), and caveats:
    sftp lines inside Match blocks, and a second global one."""
    found = subsystems(directives, "sftp")
    scoped = [d for d in found if d.match] + [
        d for d in directives if d.match and d.keyword == "forcecommand" and d.args[:1] == ("internal-sftp",)
    ]
    notes = [f"{d.shown()}: applies to that Match block only; the global Subsystem is judged" for d in scoped]
    active = [d for d in found if not d.match]
    notes += [f"{d.shown()}: a second Subsystem sftp: sshd 9.2 refuses to start with it" for d in active[1:]]
    return (active[0] if active else None), notes


def sftp_findings(subsystem: Directive, umask: int, facility: str, levels: list[str]) -> Findings:
    """What the subsystem's -u, -f and -l lack, read as sftp-server's getopt does (facility and level any case)."""
    program = subsystem.args[1] if len(subsystem.args) > 1 else ""
    shown = subsystem.shown()
    wanted = f"-u {umask:03o} -f {facility} -l {levels[0] if levels else 'INFO'}"
    fix = [f"in {subsystem.path} line {subsystem.line}: Subsystem sftp {program} {wanted}"]
    if posixpath.basename(program) not in SFTP_PROGRAMS:
        return Findings(unassessed=[f"{shown}: {program!r} is not sftp-server; its options are not read"])
    options = sftp_options(subsystem.args[2:])
    found = Findings(problems=[f"{shown}: {p}" for p in options.problems], fix=fix)
    found.problems += umask_problem(options.umask, umask, shown, "-u umask")
    if options.facility is None:
        # sftp-server.c: log_facility = SYSLOG_FACILITY_AUTH unless -f says otherwise.
        (found.notes if facility == "AUTH" else found.problems).append(f"{shown}: no -f: sftp-server logs to AUTH")
    elif options.facility.upper() != facility:
        found.problems.append(f"{shown}: -f {options.facility}, expected {facility}")
    if options.level is None:
        found.problems.append(f"{shown}: no -l: sftp-server logs at its default level ERROR, so no transfer is recorded")
    elif options.level.upper() not in levels:
        found.problems.append(f"{shown}: -l {options.level}, expected {' or '.join(levels)}")
    return found


#: Keywords whose line, if it is not read, may hide or move the sftp subsystem FTP-16 judges.
SFTP_KEYWORDS = ("subsystem", "include", "match", "forcecommand")


def unread_lines(malformed: Sequence[Malformed]) -> tuple[list[str], list[str]]:
    """(caveats, reasons not to judge): a line not read that may set, include or scope the subsystem is a reason."""
    notes: list[str] = []
    reasons: list[str] = []
    for line in malformed:
        first = line.text.strip().split(maxsplit=1)[0].split("=")[0].lower() if line.text.strip() else ""
        (reasons if first in SFTP_KEYWORDS else notes).append(line.evidence("not read"))
    return notes, reasons
