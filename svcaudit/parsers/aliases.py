"""Parse aliases(5) files and classify where each alias delivers.

MAIL-09 needs every program an alias runs (``|/path args``, ``"|/path args"``)
and every ``:include:`` file, and the ``decode``/``uudecode`` aliases.  Inputs
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
import shlex
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = [
    "KINDS",
    "Alias",
    "Aliases",
    "Malformed",
    "Target",
    "parse_aliases",
    "program_path",
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


def program_path(target: Target) -> str | None:
    """The file a target makes sendmail run or read: the program of ``|cmd``, the ``:include:`` file.

    None when it cannot be known for sure (see ``unresolved``): never a guess at a different file.
    """
    if target.kind not in ("program", "include") or unresolved(target):
        return None
    return _target_path(target)


def unresolved(target: Target) -> str:
    """Why a program or include target names no file we can check, or "" when it does (or is no program)."""
    if target.kind not in ("program", "include"):
        return ""
    path = _target_path(target)
    if path is None:
        return "cannot split the command as a shell would (unbalanced quotes)"
    if not path.startswith("/"):
        return f"{path or 'an empty command'!r} is not an absolute path"
    if any(c in path for c in "$`") or "\\" in path:
        return f"{path!r} is expanded by the shell when mail arrives"
    return ""


def _target_path(target: Target) -> str | None:
    if target.kind == "program":
        return _first_word(target.value[1:].strip())
    if target.kind == "include":
        return target.value[len(_INCLUDE):].strip()
    return ""


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
        line = raw[:-1] if raw.endswith("\r") else raw
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
    values = [value.strip() for value in _split_values(entry.text[colon + 1:])]
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
    return value[1:closing] + value[closing + 1:]


def _first_word(command: str) -> str | None:
    """The program of a command line as sh splits it: ``|"/opt/x"y`` runs ``/opt/xy``. None if unsplittable."""
    try:
        words = shlex.split(command, comments=False, posix=True)
    except ValueError:
        return None
    return words[0] if words else ""


def _excerpt(text: str) -> str:
    """Keep reasons short even for huge words."""
    return text if len(text) <= _REASON_EXCERPT else text[:_REASON_EXCERPT] + "..."
