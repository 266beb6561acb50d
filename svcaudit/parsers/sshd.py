"""Parse OpenSSH's sshd_config: directives in file order, Match blocks, Include, and the sftp subsystem.

Rules from sshd_config(5) and servconf.c of OpenSSH 9.x:

- one ``Keyword arguments`` per line; keywords are case-insensitive, arguments case-sensitive;
  ``Keyword=value`` (one ``=``, blanks around it allowed) is the same as ``Keyword value``;
  blank lines and lines whose first word starts with ``#`` are comments, and a word starting
  with ``#`` ends the line; double quotes group an argument with blanks;
- for most keywords the first value obtained wins, and a second ``Subsystem`` of the same name is
  refused ("Subsystem 'sftp' already defined": OpenSSH 9.2's sshd will not start with it);
- ``Match`` starts a block that lasts until the next ``Match`` or the end of the file; an
  ``Include``\\ d file is read in place of the Include line, its own Match blocks end with it, and
  an Include inside a Match block belongs to that block; a relative Include path is under /etc/ssh.

:func:`parse_sshd_config` is pure and never raises. :func:`expand` follows Include lines through a
loader the caller gives (the facts layer, which knows what was collected). :func:`sftp_options`
reads an sftp-server argument vector as sftp-server's getopt does.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from svcaudit.parsers.common import Malformed
from svcaudit.parsers.options import getopt

__all__ = [
    "Directive",
    "Malformed",
    "SftpOptions",
    "SshdConfig",
    "expand",
    "include_patterns",
    "parse_sshd_config",
    "sftp_options",
    "subsystems",
]

#: servconf.c SERVCONF_MAX_DEPTH: how deep Include may nest.
MAX_DEPTH = 16
SSH_DIR = "/etc/ssh"


@dataclass(frozen=True)
class Directive:
    """One configuration line: keyword lower-cased, its arguments, and the Match block it is in ("" = global)."""

    path: str
    line: int
    keyword: str
    args: tuple[str, ...]
    match: str = ""
    #: the line as written (blanks around it stripped), for evidence.
    text: str = ""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def shown(self) -> str:
        line = self.text or " ".join((self.keyword, *self.args))
        return f"{self.where}: {line}" + (f" (inside {self.match})" if self.match else "")


@dataclass(frozen=True)
class SshdConfig:
    path: str
    directives: tuple[Directive, ...]
    malformed: tuple[Malformed, ...]


def parse_sshd_config(text: str, path: str) -> SshdConfig:
    """Parse one sshd_config's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return SshdConfig(
            path, (), (Malformed(path, 0, "", f"internal parser error ({type(exc).__name__}); file not evaluated"),)
        )


def _words(text: str) -> list[str] | None:
    """Split at blanks, honouring double quotes and ending at a word that starts with '#'; None: unbalanced quote."""
    words: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in " \t":
            i += 1
            continue
        if text[i] == "#":
            break
        word: list[str] = []
        while i < n and text[i] not in " \t":
            if text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    return None
                word.append(text[i + 1 : end])
                i = end + 1
            else:
                word.append(text[i])
                i += 1
        words.append("".join(word))
    return words


def _split_keyword(line: str) -> tuple[str, str]:
    """The keyword and the rest: ``Keyword value``, ``Keyword=value`` or ``Keyword = value``."""
    stripped = line.lstrip(" \t")
    end = 0
    while end < len(stripped) and stripped[end] not in " \t=":
        end += 1
    keyword, rest = stripped[:end], stripped[end:].lstrip(" \t")
    if rest.startswith("="):
        rest = rest[1:].lstrip(" \t")
    return keyword, rest


def _parse(text: str, path: str) -> SshdConfig:
    directives: list[Directive] = []
    malformed: list[Malformed] = []
    match = ""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        keyword, rest = _split_keyword(line)
        if not keyword or keyword.startswith("#"):
            continue
        args = _words(rest)
        if args is None:
            malformed.append(Malformed(path, number, line, "unbalanced double quote"))
            continue
        lowered = keyword.lower()
        if lowered == "match":
            match = f"{path}:{number}: Match {' '.join(args)}"
        scope = match if lowered != "match" else ""
        directives.append(Directive(path, number, lowered, tuple(args), scope, line.strip(" \t")))
    return SshdConfig(path, tuple(directives), tuple(malformed))


def include_patterns(conf: SshdConfig) -> list[str]:
    """Absolute patterns of the file's Include lines (relative ones are under /etc/ssh), in order."""
    return [posixpath.join(SSH_DIR, p) for d in conf.directives if d.keyword == "include" for p in d.args]


#: The loader: an absolute Include pattern -> the parsed files it matches, in glob(3) order.
Loader = Callable[[str], Sequence[SshdConfig]]


def expand(conf: SshdConfig, load: Loader, depth: int = 0) -> tuple[tuple[Directive, ...], tuple[Malformed, ...]]:
    """Every directive sshd reads, Include lines replaced by the files they name; the loader's errors propagate.

    An included file's directives outside its own Match blocks belong to the Match block of the Include line.
    """
    if depth > MAX_DEPTH:
        raise ValueError(f"{conf.path}: Include nested more than {MAX_DEPTH} deep (sshd refuses this)")
    directives: list[Directive] = []
    malformed = list(conf.malformed)
    for directive in conf.directives:
        if directive.keyword != "include":
            directives.append(directive)
            continue
        for pattern in directive.args:
            for included in load(posixpath.join(SSH_DIR, pattern)):
                inner, bad = expand(included, load, depth + 1)
                directives += [d if d.match or d.keyword == "match" else replace(d, match=directive.match) for d in inner]
                malformed += bad
    return tuple(directives), tuple(malformed)


def subsystems(directives: Sequence[Directive], name: str) -> list[Directive]:
    """``Subsystem NAME ...`` lines in the order sshd reads them (the name compares case-sensitively)."""
    return [d for d in directives if d.keyword == "subsystem" and d.args[:1] == (name,)]


@dataclass(frozen=True)
class SftpOptions:
    """What sftp-server's getopt makes of the subsystem's arguments: the last -u, -f and -l win."""

    umask: str | None
    facility: str | None
    level: str | None
    problems: tuple[str, ...]


#: sftp-server.c: getopt(argc, argv, "d:f:l:P:p:Q:u:cehR")
_WITH_ARGUMENT = "dflPpQu"
_FLAGS = "cehR"


def sftp_options(args: Sequence[str]) -> SftpOptions:
    """-u, -f and -l of an sftp-server (or internal-sftp) argument vector, without the program name."""
    found, problems = getopt(tuple(args), _WITH_ARGUMENT, _FLAGS)
    return SftpOptions(
        found.get("u"), found.get("f"), found.get("l"), tuple(f"{p}: sftp-server refuses to start" for p in problems)
    )
