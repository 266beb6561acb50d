"""Parse what tells whether a service is enabled at boot or running.

SNMP-01 (and the FTP and mail service controls) must find every sign that a
daemon is on: AIX ``/etc/rc.tcpip`` ``start`` lines and ``lssrc -a`` rows,
Linux systemd ``*.wants`` links, and ``ps -e -o comm=`` on both.

The parsers are pure functions: text in, data out.  They never touch the
filesystem and never raise on bad input; what they cannot read is skipped
(rc.tcpip is a shell script: only ``start`` lines matter) or, for ``lssrc``,
returned as :class:`Malformed` (path ``lssrc -a``, the output's line number)
so that a line that could hide a subsystem keeps its control from passing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = [
    "ENABLING_DIRS",
    "LSSRC",
    "UNIT_SUFFIXES",
    "Malformed",
    "StartLine",
    "Subsystem",
    "enabled_units",
    "parse_lssrc",
    "parse_ps",
    "parse_rc_tcpip",
]

#: `start PROGRAM ...`, possibly commented out with `#` (then disabled).
_START_RE = re.compile(r"[ \t]*(?P<hash>#+[ \t]*)?start[ \t]+\"?(?P<program>[^\s\";]+)")
_LSSRC_HEADER = ("Subsystem", "Status")
#: The command whose output parse_lssrc reads: the "path" of its Malformed lines.
LSSRC = "lssrc -a"
#: Directories whose links make a unit start: `enable` writes to `.wants` and `.requires`.
ENABLING_DIRS = (".wants", ".requires", ".upholds")
UNIT_SUFFIXES: tuple[str, ...] = (
    ".service",
    ".socket",
    ".timer",
    ".path",
    ".target",
    ".mount",
    ".automount",
    ".swap",
    ".device",
    ".slice",
    ".scope",
)


@dataclass(frozen=True)
class StartLine:
    """A ``start`` line of rc.tcpip: the daemon starts at boot unless it is commented out."""

    path: str
    line: int
    text: str
    program: str
    enabled: bool


@dataclass(frozen=True)
class Subsystem:
    """One ``lssrc`` row; ``group`` and ``pid`` are empty when lssrc printed none."""

    name: str
    group: str
    pid: str
    status: str


# --------------------------------------------------------------------------- rc.tcpip


def parse_rc_tcpip(text: str | None, path: str) -> tuple[StartLine, ...]:
    """Every ``start PROGRAM`` line, enabled or commented out; other shell lines are ignored."""
    if not isinstance(text, str):
        return ()
    found: list[StartLine] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        match = _START_RE.match(raw)
        if match is None:
            continue
        enabled = match.group("hash") is None
        program = match.group("program")
        if enabled or program.startswith("/"):  # `# start the daemons` is prose, not a disabled line
            found.append(StartLine(path, number, raw.strip(), program, enabled))
    return tuple(found)


# --------------------------------------------------------------------------- lssrc


def parse_lssrc(text: str | None) -> tuple[dict[str, Subsystem], tuple[Malformed, ...]]:
    """Rows of ``lssrc -a`` / ``lssrc -s NAME`` by subsystem name, and the lines that are not rows.

    Columns are read by count, because empty Group and PID columns are blank:
    ``name status``, ``name group|pid status`` or ``name group pid status``.
    A second row for the same name is reported rather than allowed to win.
    """
    subsystems: dict[str, Subsystem] = {}
    unread: list[Malformed] = []
    if not isinstance(text, str):
        return subsystems, ()
    for number, raw in enumerate(text.split("\n"), start=1):
        words = raw.split()
        if not words or _is_lssrc_header(words):
            continue
        row = _lssrc_row(words)
        if row is None:
            unread.append(Malformed(LSSRC, number, raw.strip(), "not a subsystem row (name, group, PID, status)"))
        elif row.name in subsystems:
            unread.append(Malformed(LSSRC, number, raw.strip(), f"a second row for {row.name}"))
        else:
            subsystems[row.name] = row
    return subsystems, tuple(unread)


def _is_lssrc_header(words: list[str]) -> bool:
    """The column header line lssrc prints first."""
    return words[0] == _LSSRC_HEADER[0] and words[-1] == _LSSRC_HEADER[1]


def _lssrc_row(words: list[str]) -> Subsystem | None:
    """Build a row from its whitespace fields, or None when the shape is not a row."""
    name, status = words[0], words[-1]
    if len(words) == 2:
        return Subsystem(name, "", "", status)
    if len(words) == 3:
        middle = words[1]
        return Subsystem(name, "", middle, status) if middle.isdigit() else Subsystem(name, middle, "", status)
    if len(words) == 4 and words[2].isdigit():
        return Subsystem(name, words[1], words[2], status)
    return None


# --------------------------------------------------------------------------- ps


def parse_ps(text: str | None) -> frozenset[str]:
    """Command names from ``ps -e -o comm=`` (AIX prints paths, Linux at most 15 characters)."""
    if not isinstance(text, str):
        return frozenset()
    names = (_command_name(line.strip()) for line in text.split("\n"))
    return frozenset(name for name in names if name)


def _command_name(word: str) -> str:
    """``[kthreadd]`` -> ``kthreadd``; ``-ksh`` and ``/usr/bin/ksh`` -> ``ksh``."""
    if len(word) > 2 and word.startswith("[") and word.endswith("]"):
        return word[1:-1]  # kernel threads: `kworker/0:1` keeps its slash
    return word.removeprefix("-").rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- systemd


def enabled_units(wants_listing: dict[str, list[str]] | None) -> frozenset[str]:
    """Unit names linked into ``*.wants`` / ``*.requires`` directories: ``systemctl enable`` puts them there.

    Other directories (``/etc/systemd/system`` itself holds aliases and masks)
    and names that are not units are left out.
    """
    if not isinstance(wants_listing, dict):
        return frozenset()
    units: set[str] = set()
    for directory, names in wants_listing.items():
        if isinstance(directory, str) and directory.rstrip("/").endswith(ENABLING_DIRS):
            units.update(_unit_names(names))
    return frozenset(units)


def _unit_names(names: list[str]) -> set[str]:
    """Entry names (or paths) that look like unit files."""
    found: set[str] = set()
    for name in names or ():
        if isinstance(name, str):
            base = name.strip().rsplit("/", 1)[-1]
            if base.endswith(UNIT_SUFFIXES) and not base.startswith("."):
                found.add(base)
    return found
