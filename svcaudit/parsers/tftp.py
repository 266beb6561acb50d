"""Parse what confines a TFTP daemon: AIX /etc/tftpaccess.ctl, tftpd-hpa's defaults file and in.tftpd's arguments.

AIX tftpd (IBM "tftpd Daemon"; AIX man page tftpd(8c)): when /etc/tftpaccess.ctl exists, a
file is served only when an ``allow:`` entry names it or a directory above it, and a
``deny:`` entry overrides an ``allow:``. An entry is the keyword, a colon and an absolute
path, with no blanks; lines starting with ``#`` are comments here. Any other line is
:class:`Malformed`: it confines nothing.

RHEL's tftp-server runs ``ExecStart=/usr/sbin/in.tftpd -s /var/lib/tftpboot`` from tftp.service
(systemd.service(5): the last ``ExecStart=`` of the [Service] section wins, an empty one resets
the list, and a leading ``-``, ``@``, ``:``, ``+`` or ``!`` is a prefix, not part of the path).

tftpd-hpa (Debian's /etc/default/tftpd-hpa, sourced by its init script): shell
assignments ``TFTP_USERNAME``, ``TFTP_DIRECTORY``, ``TFTP_ADDRESS``, ``TFTP_OPTIONS``;
the daemon runs as ``in.tftpd --listen --user $TFTP_USERNAME --address $TFTP_ADDRESS
$TFTP_OPTIONS $TFTP_DIRECTORY``. in.tftpd(8): ``-s``/``--secure`` chroots to the one
directory given; ``-u``/``--user`` names the account it drops to (default ``nobody``).

Pure functions: text in, data out.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = [
    "AccessCtl",
    "AccessEntry",
    "Malformed",
    "ShellVars",
    "TftpdArgs",
    "exec_start",
    "parse_access_ctl",
    "parse_shell_vars",
    "tftpd_args",
]

_ACCESS = re.compile(r"(allow|deny):(/\S*)")
_ASSIGN = re.compile(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)")


@dataclass(frozen=True)
class AccessEntry:
    kind: str  # allow or deny
    path: str
    line: int
    text: str


@dataclass(frozen=True)
class AccessCtl:
    path: str
    entries: tuple[AccessEntry, ...]
    malformed: tuple[Malformed, ...]

    def allowed(self) -> tuple[AccessEntry, ...]:
        return tuple(e for e in self.entries if e.kind == "allow")


def parse_access_ctl(text: str, path: str) -> AccessCtl:
    entries: list[AccessEntry] = []
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        body = line.strip()
        if not body or body.startswith("#"):
            continue
        match = _ACCESS.fullmatch(line)
        if match is None:
            malformed.append(Malformed(path, number, line, "expected allow:/PATH or deny:/PATH with no blanks"))
            continue
        entries.append(AccessEntry(match.group(1), match.group(2), number, line))
    return AccessCtl(path, tuple(entries), tuple(malformed))


@dataclass(frozen=True)
class ShellVars:
    """Variables a sourced defaults file sets: name -> (value as the shell reads it, line)."""

    path: str
    values: dict[str, tuple[str, int]]
    malformed: tuple[Malformed, ...]

    def get(self, name: str) -> str | None:
        found = self.values.get(name)
        return found[0] if found else None

    def where(self, name: str) -> str:
        found = self.values.get(name)
        return f"{self.path}:{found[1]}" if found else f"{self.path}: (not set)"


def parse_shell_vars(text: str, path: str) -> ShellVars:
    """``NAME="value"`` lines of a file the init script sources; anything else the shell would run is Malformed."""
    values: dict[str, tuple[str, int]] = {}
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), 1):
        body = raw.strip()
        if not body or body.startswith("#"):
            continue
        match = _ASSIGN.fullmatch(body)
        words = _words(match.group(2)) if match else None
        if match is None or words is None or len(words) > 1 or "$" in match.group(2) or "`" in match.group(2):
            malformed.append(Malformed(path, number, body, "not a plain NAME=value assignment"))
            continue
        values[match.group(1)] = (words[0] if words else "", number)
    return ShellVars(path, values, tuple(malformed))


def _words(text: str) -> list[str] | None:
    try:
        return shlex.split(text, comments=True)
    except ValueError:
        return None


@dataclass(frozen=True)
class TftpdArgs:
    """What in.tftpd's command line says: secure mode, the directories it serves, the account it drops to."""

    secure: bool
    directories: tuple[str, ...]
    user: str | None
    unread: str = ""  # why the words could not be read ("" when they could)


#: in.tftpd options that take a value (tftpd-hpa 5.2 tftpd.c), short and long.
_VALUE_SHORT = frozenset("aBmPrRTtuU")
_VALUE_LONG = frozenset(
    {"address", "blocksize", "map-file", "pidfile", "refuse", "port-range", "retransmit", "timeout", "user", "umask"}
)
_FLAG_SHORT = frozenset("46cLlpsSvV")


def tftpd_args(text: str) -> TftpdArgs:
    """Read in.tftpd's arguments (without the program name)."""
    words = _words(text)
    if words is None:
        return TftpdArgs(False, (), None, f"unbalanced quotes in {text!r}")
    secure, user = False, None
    directories: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word.startswith("--"):
            name, eq, value = word[2:].partition("=")
            if name == "secure":
                secure = True
            elif name in _VALUE_LONG:
                if not eq:
                    value, index = _next(words, index)
                if name == "user":
                    user = value
            continue
        if word.startswith("-") and len(word) > 1:
            for position, letter in enumerate(word[1:], 1):
                if letter in _VALUE_SHORT:
                    value = word[position + 1 :]
                    if not value:
                        value, index = _next(words, index)
                    if letter == "u":
                        user = value
                    break
                if letter == "s":
                    secure = True
                elif letter not in _FLAG_SHORT:
                    return TftpdArgs(secure, tuple(directories), user, f"unknown in.tftpd option -{letter} in {text!r}")
            continue
        directories.append(word)
    return TftpdArgs(secure, tuple(directories), user)


def _next(words: list[str], index: int) -> tuple[str, int]:
    """An option's value in the next word (empty at the end), and the index after it."""
    return (words[index] if index < len(words) else ""), index + 1


def exec_start(text: str) -> tuple[str, int] | None:
    """The command line a unit file's [Service] section runs, with its line; None when it names none.

    Continuation lines (a trailing backslash) are joined, as systemd does.
    """
    found: tuple[str, int] | None = None
    section = ""
    lines = text.split("\n")
    number = 0
    while number < len(lines):
        start = number + 1
        line = lines[number].strip()
        number += 1
        while line.endswith("\\") and number < len(lines):
            line = line[:-1] + " " + lines[number].strip()
            number += 1
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, eq, value = line.partition("=")
        if section == "Service" and eq and key.strip() == "ExecStart":
            value = value.strip().lstrip("-@:+!")
            found = (value, start) if value else None
    return found
