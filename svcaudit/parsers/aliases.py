"""Parse aliases(5) files and classify where each alias delivers.

MAIL-09 needs every program an alias runs (``|/path args``, ``"|/path args"``)
and every ``:include:`` file, and the ``decode``/``uudecode`` aliases.  sendmail
hands a ``|command`` to ``/bin/sh -c``, so :func:`target_programs` reads it with
the same shell analysis as cron entries (:mod:`svcaudit.parsers.shellcmd`):
``|/usr/bin/perl /opt/x.pl`` runs both ``/usr/bin/perl`` and ``/opt/x.pl``.  Inputs
are AIX ``/etc/mail/aliases`` (AIX 4.x: ``/usr/lib/aliases``) and Linux
``/etc/aliases``.

The format follows sendmail's ``readaliases()``: ``name: value, value``;
``#`` in column 1 is a comment; a line starting with a blank or tab continues
the entry directly above it (a comment or empty line ends the entry first).

The parser is a pure function: text in, data out.  It never touches the
filesystem and never raises on bad input.  A line it cannot read is returned
as :class:`Malformed` with its file, line and reason, so a caller can show it
instead of treating the file as clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed
from svcaudit.parsers.shellcmd import Program, command_programs

__all__ = [
    "KINDS",
    "Alias",
    "Aliases",
    "Malformed",
    "Program",
    "Target",
    "parse_aliases",
    "target_programs",
]

KINDS: tuple[str, ...] = ("program", "include", "file", "address")

_CONTINUATION = (" ", "\t")
_INCLUDE = ":include:"
_QUOTE = '"'
_REASON_EXCERPT = 40


@dataclass(frozen=True)
class Target:
    """One right-hand-side value; ``value`` is as written, enclosing double quotes removed."""

    kind: str
    value: str


@dataclass(frozen=True)
class Alias:
    """One entry; ``line`` is its first line even when it continues on later ones."""

    name: str
    line: int
    text: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Aliases:
    """Everything read from one aliases file."""

    path: str
    aliases: tuple[Alias, ...]
    malformed: tuple[Malformed, ...]


@dataclass(frozen=True)
class _Entry:
    """An entry's lines joined: where it starts, and its text with continuations as one blank."""

    line: int
    text: str
    orphan: bool


class _Unreadable(ValueError):
    """An entry that cannot be split; the message is the Malformed reason."""


# --------------------------------------------------------------------------- public API


def parse_aliases(text: str, path: str) -> Aliases:
    """Parse one aliases file's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return Aliases(path, (), (Malformed(path, 0, "", reason),))


def target_programs(target: Target) -> tuple[Program, ...]:
    """The files sendmail runs or reads for a target, as shell programs; () for addresses and files.

    ``|command``: every program of the command line, as ``/bin/sh -c`` would run
    it (an interpreter and its script both; a bare name is ``search``, a
    ``$VAR``, relative or ``eval`` word ``unresolvable``).  ``:include:path``:
    the list file, ``absolute`` only when it is an absolute path the shell
    would not expand, else ``unresolvable``.  An empty command names nothing.
    """
    if target.kind == "program":
        return command_programs(target.value[1:])
    if target.kind == "include":
        path = target.value[len(_INCLUDE) :].strip()
        if not path:
            return ()
        fixed = path.startswith("/") and not any(c in path for c in "$`\\")
        return (Program(path, "absolute" if fixed else "unresolvable", "script"),)
    return ()


# --------------------------------------------------------------------------- entries


def _parse(text: str, path: str) -> Aliases:
    """Walk the entries, keeping aliases and reporting the rest."""
    aliases: list[Alias] = []
    malformed: list[Malformed] = []
    for entry in _entries(text):
        try:
            aliases.append(_alias(entry))
        except _Unreadable as exc:
            malformed.append(Malformed(path, entry.line, entry.text, str(exc)))
    return Aliases(path, tuple(aliases), tuple(malformed))


def _entries(text: str) -> Iterator[_Entry]:
    """Group each entry with its continuation lines; comments and empty lines end an entry."""
    start = 0
    pieces: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if line.startswith(_CONTINUATION):
            if line.strip() and not line.lstrip().startswith("#"):
                if not pieces:
                    start = number  # continues nothing: reported, and later indented lines go with it
                pieces.append(line)
            continue  # blanks-only and indented comment lines add nothing and keep the entry open
        yield from _finished(start, pieces)
        pieces = []
        if line.strip() and not line.startswith("#"):
            start, pieces = number, [line]
    yield from _finished(start, pieces)


def _finished(start: int, pieces: list[str]) -> Iterator[_Entry]:
    """The collected entry, if any."""
    if pieces:
        text = " ".join(piece.strip() for piece in pieces)
        yield _Entry(start, text, orphan=pieces[0].startswith(_CONTINUATION))


def _alias(entry: _Entry) -> Alias:
    """``name: value, value`` -> an Alias with classified targets."""
    if entry.orphan:
        raise _Unreadable("line starts with a blank but continues no alias")
    colon = _unquoted_index(entry.text, ":")
    if colon < 0:
        raise _Unreadable("no ':' after the alias name")
    name = _unquote(entry.text[:colon].strip())
    if not name:
        raise _Unreadable("empty alias name")
    values = [value.strip() for value in _split_values(entry.text[colon + 1 :])]
    targets = tuple(_target(value) for value in values if value)
    if not targets:
        raise _Unreadable(f"alias {_excerpt(name)!r} has no value")
    return Alias(name, entry.line, entry.text, targets)


# --------------------------------------------------------------------------- values


def _unquoted_index(text: str, char: str) -> int:
    """Index of the first ``char`` outside double quotes; -1 when there is none."""
    quoted = False
    for index, current in enumerate(text):
        if current == _QUOTE:
            quoted = not quoted
        elif current == char and not quoted:
            return index
    return -1


def _split_values(text: str) -> list[str]:
    """Split on commas outside double quotes; an unclosed quote makes the entry unreadable."""
    values: list[str] = []
    quoted = False
    start = 0
    for index, char in enumerate(text):
        if char == _QUOTE:
            quoted = not quoted
        elif char == "," and not quoted:
            values.append(text[start:index])
            start = index + 1
    if quoted:
        raise _Unreadable("unbalanced double quote")
    values.append(text[start:])
    return values


def _target(value: str) -> Target:
    """Classify one value: ``|cmd`` program, ``:include:/path``, ``/path`` file, else an address."""
    unquoted = _unquote(value)
    if unquoted.startswith("|"):
        return Target("program", unquoted)
    if unquoted[: len(_INCLUDE)].casefold() == _INCLUDE:
        return Target("include", unquoted)
    if unquoted.startswith("/"):
        return Target("file", unquoted)
    return Target("address", value)


def _unquote(value: str) -> str:
    """Drop the first pair of double quotes when the value starts with one: ``"|/bin/x a"`` -> ``|/bin/x a``."""
    if not value.startswith(_QUOTE):
        return value
    closing = value.find(_QUOTE, 1)
    if closing < 0:
        return value[1:]
    return value[1:closing] + value[closing + 1 :]


def _excerpt(text: str) -> str:
    """Keep reasons short even for huge words."""
    return text if len(text) <= _REASON_EXCERPT else text[:_REASON_EXCERPT] + "..."
