"""Parse sendmail.cf option lines and find the alias files they name.

MAIL-02 needs the effective ``LogLevel``, SMTP-01 the greeting
(``SmtpGreetingMessage`` or the legacy ``De`` macro, expanded through the
file's ``D`` macro definitions by :func:`expand_greeting`), SMTP-03 the
``HelpFile`` and MAIL-06 the ``AliasFile`` list.  Inputs are AIX
``/etc/mail/sendmail.cf`` (m4-generated, long option names), the AIX 4.x /
BSD ``/etc/sendmail.cf`` (one-letter options such as ``OL9``) and Linux
``/etc/mail/sendmail.cf``.

The file format follows sendmail's ``readcf()``: one command per line, the
first character is the command; a line starting with a blank or tab continues
the previous one; ``#`` in column 1 is a comment.  Once a ``V`` line sets the
configuration level to 3 or more, ``#`` later on a line (not ``$#``, not
``\\#``) starts a trailing comment, as ``translate_dollars()`` does.

The parser is a pure function: text in, data out.  It never touches the
filesystem and never raises on bad input.  A line it cannot read is returned
as :class:`Malformed` with its file, line and reason, so a caller can show it
instead of treating the file as clean.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = [
    "LOCAL_MAP_TYPES",
    "SHORT_OPTIONS",
    "Malformed",
    "GreetingExpansion",
    "Option",
    "SendmailCf",
    "VERSION_MACROS",
    "alias_files",
    "expand_greeting",
    "may_set",
    "parse_sendmail_cf",
]

#: sendmail's OptionTab: one-letter option -> long name (readcf.c).  ``M`` and
#: ``g`` have no long name there and keep ``O<letter>``.
SHORT_OPTIONS: dict[str, str] = {
    "7": "SevenBitInput",
    "8": "EightBitMode",
    "A": "AliasFile",
    "a": "AliasWait",
    "B": "BlankSub",
    "b": "MinFreeBlocks",
    "C": "CheckpointInterval",
    "c": "HoldExpensive",
    "D": "AutoRebuildAliases",
    "d": "DeliveryMode",
    "E": "ErrorHeader",
    "e": "ErrorMode",
    "F": "TempFileMode",
    "f": "SaveFromLine",
    "G": "MatchGECOS",
    "H": "HelpFile",
    "h": "MaxHopCount",
    "I": "ResolverOptions",
    "i": "IgnoreDots",
    "J": "ForwardPath",
    "j": "SendMimeErrors",
    "k": "ConnectionCacheSize",
    "K": "ConnectionCacheTimeout",
    "l": "UseErrorsTo",
    "L": "LogLevel",
    "m": "MeToo",
    "n": "CheckAliases",
    "o": "OldStyleHeaders",
    "O": "DaemonPortOptions",
    "p": "PrivacyOptions",
    "P": "PostmasterCopy",
    "q": "QueueFactor",
    "Q": "QueueDirectory",
    "R": "DontPruneRoutes",
    "r": "Timeout",
    "S": "StatusFile",
    "s": "SuperSafe",
    "T": "QueueTimeout",
    "t": "TimeZoneSpec",
    "U": "UserDatabaseSpec",
    "u": "DefaultUser",
    "V": "FallbackMXhost",
    "v": "Verbose",
    "w": "TryNullMXList",
    "x": "QueueLA",
    "X": "RefuseLA",
    "y": "RecipientFactor",
    "Y": "ForkEachJob",
    "z": "ClassFactor",
    "Z": "RetryFactor",
}

#: ``$v`` is the version of the sendmail binary, ``$Z`` the version of the configuration (op.me, 5.2).
VERSION_MACROS: frozenset[str] = frozenset({"v", "Z"})

#: sendmail's greeting when neither SmtpGreetingMessage nor ``De`` is set (op.me: ``$j Sendmail $v ready at $b``).
DEFAULT_GREETING = "$j Sendmail $v ready at $b"

#: sendmail stops expanding nested macros well before this; a deeper chain is reported, not followed.
_MAX_DEPTH = 50

#: AliasFile map classes whose argument is a file on this host (``implicit`` is the default).
LOCAL_MAP_TYPES: frozenset[str] = frozenset({"implicit", "hash", "btree", "dbm", "text", "cdb"})

#: First characters readcf() accepts; any other is "unknown configuration line".
_IGNORED_COMMANDS = frozenset("CDFHKMPRSTVELQX")
_CONTINUATION = (" ", "\t")
_GREETING = "SmtpGreetingMessage"
#: Level from which readcf() treats a later ``#`` on a line as a comment.
_TRAILING_COMMENT_LEVEL = 3
_LEVEL_RE = re.compile(r"\s*(\d+)")
_MAP_TYPE_RE = re.compile(r"([^\s,/:]*):")
_REASON_EXCERPT = 40


@dataclass(frozen=True)
class Option:
    """One option setting; ``name`` is the long name even when the file used a letter."""

    name: str
    value: str
    line: int
    text: str


@dataclass(frozen=True)
class SendmailCf:
    """Every option line of one sendmail.cf, in file order, and what could not be read."""

    path: str
    options: tuple[Option, ...]
    greeting_macro: Option | None
    malformed: tuple[Malformed, ...]
    #: Every ``D`` line (``Dx value``, ``D{name}value``) in file order; ``name`` is the macro's name.
    macros: tuple[Option, ...] = ()

    def last(self, name: str) -> Option | None:
        """The setting sendmail uses: it reads top to bottom, so the last line wins."""
        found = self.all(name)
        return found[-1] if found else None

    def all(self, name: str) -> tuple[Option, ...]:
        """Every line setting ``name``; sendmail compares option names without case."""
        wanted = name.casefold() if isinstance(name, str) else ""
        return tuple(option for option in self.options if option.name.casefold() == wanted)


@dataclass(frozen=True)
class _Logical:
    """A command line with its continuation lines: where it starts, as written, and the raw pieces."""

    line: int
    text: str
    pieces: tuple[str, ...]


@dataclass(frozen=True)
class GreetingExpansion:
    """The SMTP greeting as sendmail builds it: the option (or default) and its expansion.

    ``text`` has every macro replaced by its ``D`` definition (``$v`` and run-time macros shown
    as ``<v>``, ``<j>``); ``leaks`` names each version macro reached with the chain that reached it
    (``${myver} -> $v``); ``unresolved`` says what could not be expanded (a macro defined from
    itself, nesting too deep), which could hide the version.
    """

    option: Option | None  # None: sendmail's default greeting
    text: str
    leaks: tuple[str, ...]
    unresolved: tuple[str, ...]


class _Unreadable(ValueError):
    """An ``O`` line that names no option; the message is the Malformed reason."""


# --------------------------------------------------------------------------- public API


def parse_sendmail_cf(text: str, path: str) -> SendmailCf:
    """Parse one sendmail.cf's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return SendmailCf(path, (), None, (Malformed(path, 0, "", reason),))


def alias_files(cf: SendmailCf) -> tuple[tuple[str, int], ...]:
    """Local files named by every ``AliasFile`` line (sendmail adds each line's list), first mention kept."""
    found: dict[str, int] = {}
    for option in cf.all("AliasFile"):
        for spec in option.value.split(","):
            path = _local_alias_path(spec)
            if path is not None and path not in found:
                found[path] = option.line
    return tuple(found.items())


def expand_greeting(cf: SendmailCf) -> GreetingExpansion:
    """Expand the greeting (the last ``O SmtpGreetingMessage=``, else ``De``, else sendmail's default)
    the way sendmail's expand() does: ``$x`` and ``${name}`` by their last ``D`` definition,
    recursively; ``$&x`` / ``$&{name}`` (deferred) the same, since the greeting is expanded when
    it is sent; both branches of ``$?x ... $| ... $.`` are judged, as either may be shown."""
    option = cf.last(_GREETING) or cf.greeting_macro
    value = option.value if option is not None else DEFAULT_GREETING
    expander = _MacroExpander({m.name: m.value for m in cf.macros})
    try:
        text = expander.expand(value, ())
    except RecursionError:  # the contract is "never raises"
        return GreetingExpansion(option, value, (), ("macros nested too deeply to expand",))
    return GreetingExpansion(option, text, tuple(dict.fromkeys(expander.leaks)), tuple(dict.fromkeys(expander.unresolved)))


class _MacroExpander:
    def __init__(self, macros: dict[str, str]) -> None:
        self.macros = macros
        self.leaks: list[str] = []
        self.unresolved: list[str] = []

    def expand(self, text: str, chain: tuple[str, ...]) -> str:
        out: list[str] = []
        index = 0
        while index < len(text):
            if text[index] != "$" or index + 1 >= len(text):
                out.append(text[index])
                index += 1
                continue
            start = index
            index += 1
            if text[index] == "&":  # deferred: expanded when used, and the greeting is used when sent
                index += 1
            name, index = _macro_name(text, index)
            if name is None:
                out.append(text[start:index])  # $?, $|, $. and rule operators stay as written
                continue
            out.append(self.lookup(name, chain, text[start:index]))
        return "".join(out)

    def lookup(self, name: str, chain: tuple[str, ...], written: str) -> str:
        shown = name if len(name) == 1 else "{" + name + "}"
        path = chain + ("$" + shown,)
        if name in VERSION_MACROS:
            self.leaks.append(" -> ".join(path))
            return f"<{name}>"
        if "$" + shown in chain:
            self.unresolved.append(f"{written}: defined from itself ({' -> '.join(path)})")
            return written
        if len(chain) >= _MAX_DEPTH:
            self.unresolved.append(f"{written}: macros nested deeper than {_MAX_DEPTH} levels")
            return written
        if name in self.macros:
            return self.expand(self.macros[name], path)
        return f"<{name}>"  # set by sendmail at run time ($j, $b, ${daemon_name}...) or empty: never a version


def _macro_name(text: str, index: int) -> tuple[str | None, int]:
    """The macro named at ``index`` (``x`` or ``{name}``) and where it ends; None for operators."""
    if index >= len(text):
        return None, index
    char = text[index]
    if char == "{":
        end = text.find("}", index)
        if end < 0:
            return None, index
        return text[index + 1 : end], end + 1
    if char.isascii() and char.isalnum():
        return char, index + 1
    return None, index


# --------------------------------------------------------------------------- lines


def _parse(text: str, path: str) -> SendmailCf:
    """Walk the command lines, keeping options and the ``De`` greeting, reporting the rest."""
    options: list[Option] = []
    greeting: Option | None = None
    macros: list[Option] = []
    malformed: list[Malformed] = []
    level = 0
    for logical in _logical_lines(text):
        body = _without_comment(logical.pieces, level)
        command = body[:1]
        try:
            if logical.pieces[0].startswith(_CONTINUATION):
                raise _Unreadable("line starts with a blank but follows no command line")
            if command == "O":
                options.append(_option(body, logical))
            elif command == "D":
                macro = _macro(body, logical)
                macros.append(macro)
                if macro.name == "e":
                    greeting = Option(_GREETING, macro.value, logical.line, logical.text)
            elif command == "V":
                level = _config_level(body)
            elif command not in _IGNORED_COMMANDS:
                raise _Unreadable(_unknown_command(command))
        except _Unreadable as exc:
            malformed.append(Malformed(path, logical.line, logical.text, str(exc)))
    return SendmailCf(path, tuple(options), greeting, tuple(malformed), tuple(macros))


def may_set(line: Malformed, option: str) -> bool:
    """Whether a line the parser could not read may set `option` (long name; the greeting also through the
    `e` macro), so that a verdict about that option cannot rest on the lines that were read."""
    text = line.text.lstrip()
    letters = [k for k, v in SHORT_OPTIONS.items() if v == option] + (["e"] if option == _GREETING else [])
    if line.line == 0 or option.lower() in re.sub(r"\s", "", text).lower():
        return True
    return any(text.startswith(f"O{letter}") or (option == _GREETING and text.startswith("De")) for letter in letters)


def _macro(body: str, logical: _Logical) -> Option:
    """``Dx value`` or ``D{name}value``: readcf() takes the name, then the rest as the value."""
    selector = body[1:2]
    if selector == "{":
        name, end = _macro_name(body, 1)
    else:
        name, end = (selector, 2) if selector.strip() else (None, 1)
    if not name:
        raise _Unreadable("D line without a macro name")
    return Option(name, body[end:].strip(), logical.line, logical.text)


def _logical_lines(text: str) -> Iterator[_Logical]:
    """Join continuation lines the way ``fgetfolded()`` does and drop ``#`` comment lines."""
    start = 0
    pieces: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            if not line and pieces:  # an empty line ends the command; blanks-only lines fold away
                yield from _finished(start, pieces)
                pieces = []
            continue
        if line.startswith(_CONTINUATION) and pieces:
            pieces.append(line)
            continue
        yield from _finished(start, pieces)
        start, pieces = number, [line]
    yield from _finished(start, pieces)


def _finished(start: int, pieces: list[str]) -> Iterator[_Logical]:
    """The collected command, unless there is none or it is a comment."""
    if pieces and not pieces[0].startswith("#"):
        shown = " ".join(piece.strip() for piece in pieces)
        yield _Logical(start, shown, tuple(pieces))


def _without_comment(pieces: tuple[str, ...], level: int) -> str:
    """The command as sendmail reads it: trailing comments gone (level 3+), pieces joined by one blank."""
    if level >= _TRAILING_COMMENT_LEVEL:
        pieces = tuple(_strip_trailing_comment(piece) for piece in pieces)
    rest = [piece.strip() for piece in pieces[1:]]
    return " ".join([pieces[0].rstrip()] + [piece for piece in rest if piece])


def _strip_trailing_comment(piece: str) -> str:
    """Cut at the first ``#`` after column 1 that is not ``$#``; ``\\#`` is a literal ``#``."""
    kept: list[str] = []
    start = 0
    index = piece.find("#", 1)
    while index >= 0:
        before = piece[index - 1]
        if before == "\\":
            kept.append(piece[start : index - 1])  # drop the backslash, keep the "#"
            start = index
        elif before != "$":
            kept.append(piece[start:index])
            return "".join(kept).rstrip()
        index = piece.find("#", index + 1)
    kept.append(piece[start:])
    return "".join(kept)


def _config_level(body: str) -> int:
    """``V10/Berkeley`` -> 10; readcf() rejects a V line without a number."""
    match = _LEVEL_RE.match(body, 1)
    if match is None:
        raise _Unreadable("V line without a configuration level number")
    return int(match.group(1)[:9])


def _unknown_command(command: str) -> str:
    """Reason for a line readcf() would call an unknown configuration line."""
    return f"unknown configuration line (command {_excerpt(command)!r})"


def _excerpt(text: str) -> str:
    """Keep reasons short even for huge words."""
    return text if len(text) <= _REASON_EXCERPT else text[:_REASON_EXCERPT] + "..."


# --------------------------------------------------------------------------- options


def _option(body: str, logical: _Logical) -> Option:
    """``O Name=value``, ``O Name`` or the legacy ``O<letter><value>``."""
    selector = body[1:2]
    if selector in _CONTINUATION:
        name, value = _long_option(body[1:])
    elif selector.isalnum() and selector.isascii():
        name, value = SHORT_OPTIONS.get(selector, "O" + selector), body[2:].strip()
    elif not selector:
        raise _Unreadable("O line without an option")
    else:
        raise _Unreadable(f"unknown one-letter option {selector!r}")
    return Option(name, value, logical.line, logical.text)


def _long_option(rest: str) -> tuple[str, str]:
    """Split ``Name = value``; blanks around ``=`` are allowed, inner blanks of the value kept."""
    name, equals, value = rest.partition("=")
    name = name.strip()
    if not name:
        raise _Unreadable("O line without an option name")
    if any(char.isspace() for char in name):
        raise _Unreadable(f"blank inside option name {_excerpt(name)!r}")
    return name, value.strip() if equals else ""


# --------------------------------------------------------------------------- alias files


def _local_alias_path(spec: str) -> str | None:
    """``[type:][-flags ]/path`` -> the path, for file-backed map types only."""
    spec = spec.strip()
    map_type = "implicit"
    prefix = _MAP_TYPE_RE.match(spec)
    if prefix is not None:
        map_type, spec = prefix.group(1).casefold(), spec[prefix.end() :]
    if map_type not in LOCAL_MAP_TYPES:
        return None
    words = spec.split()
    while words and words[0].startswith("-"):
        words.pop(0)  # map flags such as -o (optional); their arguments are attached
    if words and words[0].startswith("/"):
        return words[0]
    return None
