"""What AIX starts at boot besides rc.tcpip: ``/etc/inittab`` entries and ``/etc/rc.d/rcN.d/S*`` scripts.

init runs every inittab entry whose action starts a process at the boot run level
(inittab(4)); the stock ``l2`` entry runs ``/etc/rc.d/rc 2``, which runs each
``S*`` file of ``/etc/rc.d/rc2.d`` with ``start``.  A daemon counts as started
when an entry or a script runs its program (``/usr/sbin/snmpd ...``), starts its
SRC subsystem (``startsrc -s snmpd``) or a group holding it (``startsrc -g tcpip``),
or when the script is named after it (``S70snmpd``).  Each sign names the file
and line.  Reading is fail-closed: an inittab or script that cannot be read, or
an inittab line that is not an entry, raises NotAssessed when nothing else says
the daemon starts (see :func:`boot_starts`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from svcaudit.collect.batch import Request
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.inittab import InittabEntry, Malformed, default_level, parse_inittab, starts_at
from svcaudit.parsers.services import parse_lssrc
from svcaudit.parsers.shellcmd import Program, command_programs, src_starts
from svcaudit.profile import Profile

#: IBM's default SRC group of the TCP/IP daemons (``lssrc -g tcpip``): startsrc -g tcpip starts them all.
#: Used when lssrc has not listed the groups (an image, or lssrc failed).
_DEFAULT_GROUPS = {
    "sendmail": "tcpip",
    "snmpd": "tcpip",
    "dpid2": "tcpip",
    "snmpmibd": "tcpip",
    "aixmibd": "tcpip",
    "hostmibd": "tcpip",
    "tftpd": "tcpip",
}
_SCRIPT_NAME = re.compile(r"S[0-9]*(.+)")


def requests(p: Paths) -> list[Request]:
    reqs = [Request("read", p.inittab)] if p.inittab else []
    return reqs + [Request("liststat", d) for d in p.rc_d_dirs]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """The start scripts of the boot run level's rc.d directory, read to see what they start."""
    try:
        directory = _rc_dir(facts, default_level(_entries(facts)[0]))
        if directory is None or not facts.exists(directory):
            return []
        names = facts.listing(directory)
    except NotAssessed:
        return []
    return [Request("read", posixpath.join(directory, n)) for n in sorted(names) if n.startswith("S")]


def _entries(facts: HostFacts) -> tuple[tuple[InittabEntry, ...], tuple[Malformed, ...]]:
    """inittab's entries and unread lines, parsed once per host (MAIL-01, SNMP-01, FTP-01 and their fixes ask)."""
    path = facts.paths.inittab
    if not path or not facts.exists(path):
        return (), ()
    return facts.derived("aix_inittab", lambda: parse_inittab(facts.content(path), path))


def _rc_dir(facts: HostFacts, level: str) -> str | None:
    """The rc.d directory /etc/rc.d/rc runs at the boot run level (rc2.d unless initdefault says otherwise)."""
    wanted = f"rc{level}.d"
    return next((d for d in facts.paths.rc_d_dirs if posixpath.basename(d) == wanted), None)


@dataclass(frozen=True)
class BootSign:
    """One inittab entry (``name`` its identifier) or rc.d start script (``name`` empty) that starts a daemon."""

    evidence: str
    path: str
    line: int
    name: str = ""


def boot_starts(facts: HostFacts, *, programs: Iterable[str] = (), subsystems: Iterable[str] = ()) -> list[str]:
    """Evidence lines for every inittab entry and rc.d start script that starts one of these daemons.

    ``programs`` are absolute paths (a bare word in a command matches their base name);
    ``subsystems`` are SRC subsystem names.  Raises NotAssessed when nothing starts them
    but the inittab, an entry or a script could not be read (it may be the one that does).
    """
    return [sign.evidence for sign in boot_signs(facts, programs=programs, subsystems=subsystems)]


def boot_signs(facts: HostFacts, *, programs: Iterable[str] = (), subsystems: Iterable[str] = ()) -> list[BootSign]:
    """What :func:`boot_starts` finds, with where each sign is: for remediation that names the entry or script."""
    if facts.paths.family != "aix":
        return []
    wanted = _Wanted(programs, subsystems, _groups(facts))
    found: list[BootSign] = []
    unread: list[str] = []
    try:
        entries, malformed = _entries(facts)
    except NotAssessed as exc:
        entries, malformed = (), ()
        unread.append(str(exc))
    unread += [bad.evidence() for bad in malformed]
    level = default_level(entries)
    for entry in entries:
        if starts_at(entry, level):
            shown = f"{entry.path}:{entry.line}: {entry.text}"
            found += [
                BootSign(f"{shown} ({why}, run level {level})", entry.path, entry.line, entry.identifier)
                for why in wanted.run_by(entry.command)
            ]
    try:
        found += _script_starts(facts, wanted, level)
    except NotAssessed as exc:
        unread.append(str(exc))
    if not found and unread:
        raise NotAssessed("what AIX starts at boot is not fully known: " + "; ".join(unread))
    return found


def _script_starts(facts: HostFacts, wanted: _Wanted, level: str) -> list[BootSign]:
    directory = _rc_dir(facts, level)
    if directory is None or not facts.exists(directory):
        return []
    found: list[BootSign] = []
    for name in sorted(facts.listing(directory)):
        script = _SCRIPT_NAME.fullmatch(name)
        if not script:
            continue
        path = posixpath.join(directory, name)
        if script.group(1) in wanted.names:
            found.append(BootSign(f"{path}: start script named after {script.group(1)} (run with 'start' at boot)", path, 0))
            continue
        record = facts.stat(path)
        if record.kind != "file":
            continue
        for number, line in enumerate(facts.content(path).split("\n"), start=1):
            found += [BootSign(f"{path}:{number}: {line.strip()} ({why}, at boot)", path, number) for why in wanted.run_by(line)]
    return found


def _groups(facts: HostFacts) -> dict[str, str]:
    """Subsystem -> SRC group: lssrc's own rows when it listed them, IBM's defaults otherwise."""
    record = facts.command("lssrc")
    if not facts.sysroot and record is not None and record.rc == 0:
        rows, _ = parse_lssrc(record.output)
        if rows:
            return {name: row.group for name, row in rows.items() if row.group}
    return dict(_DEFAULT_GROUPS)


class _Wanted:
    """The daemons asked about, and how a command line is matched against them."""

    def __init__(self, programs: Iterable[str], subsystems: Iterable[str], groups: dict[str, str]) -> None:
        self.programs = frozenset(programs)
        self.bare = frozenset(posixpath.basename(p) for p in self.programs)
        self.subsystems = frozenset(subsystems)
        self.groups = {s: groups[s] for s in self.subsystems if s in groups}
        self.names = self.bare | self.subsystems

    def run_by(self, command: str) -> list[str]:
        """Why this command line starts one of the daemons: one reason per program or subsystem."""
        reasons = [f"runs {p.word}" for p in command_programs(command) if self._is_wanted(p)]
        for call in src_starts(command):
            if call.remote:
                continue
            reasons += [f"starts SRC subsystem {s}" for s in call.subsystems if s in self.subsystems]
            for group in call.groups:
                members = sorted(s for s, g in self.groups.items() if g == group)
                if members:
                    reasons.append(f"starts SRC group {group}, which holds {', '.join(members)}")
        return reasons

    def _is_wanted(self, program: Program) -> bool:
        if program.kind == "absolute":
            return posixpath.normpath(program.word) in self.programs
        return program.kind == "search" and program.word in self.bare
