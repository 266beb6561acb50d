"""Parse Postfix main.cf and find the alias files and SMTP banner it configures.

MAIL-06 needs the local files behind ``alias_maps`` and ``alias_database``;
SMTP-01 needs ``smtpd_banner``, expanded by :func:`expand_banner`.  Input is ``/etc/postfix/main.cf`` on Linux.

The format follows postconf(5): ``name = value``; a line starting with
whitespace continues the logical line above; empty, blanks-only and ``#``
lines (first non-blank character) are ignored everywhere, even between a
line and its continuation; ``#`` later on a line is part of the value.  When
a parameter is set twice the last one wins.  Unset parameters take Postfix's
compiled-in :data:`DEFAULTS`.

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
    "ALIAS_PARAMETERS",
    "DEFAULTS",
    "LOCAL_MAP_TYPES",
    "MainCf",
    "Malformed",
    "Param",
    "BannerExpansion",
    "VERSION_PARAMETERS",
    "alias_files",
    "banner",
    "expand_banner",
    "parse_main_cf",
]

#: Postfix's compiled-in values for the parameters the controls read
#: (Debian's package sets ``alias_maps = hash:/etc/aliases`` in main.cf).
DEFAULTS: dict[str, str] = {
    "alias_maps": "hash:/etc/aliases, nis:mail.aliases",
    "alias_database": "hash:/etc/aliases",
    "smtpd_banner": "$myhostname ESMTP $mail_name",
}

#: Parameters whose value names the Postfix release: a banner that reaches one shows the version.
VERSION_PARAMETERS: frozenset[str] = frozenset({"mail_version", "mail_release_date"})

#: Built-in parameters a banner commonly names, whose values never carry the version: host and
#: domain names known only at run time (shown as ``<name>``), and ``mail_name``.
BANNER_BUILTINS: dict[str, str] = {
    "myhostname": "<myhostname>",
    "mydomain": "<mydomain>",
    "myorigin": "$myhostname",
    "mail_name": "Postfix",
    "mail_owner": "postfix",
    "process_name": "<process_name>",
    "service_name": "<service_name>",
    "multi_instance_name": "",
}

#: Postfix's own limit is 100 nested macro calls; a longer chain is reported, not followed.
_MAX_DEPTH = 100
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_CLOSE = {"{": "}", "(": ")"}
#: ``name?value``, ``name:value`` inside ``${...}``.
_CONDITIONAL_RE = re.compile(r"([A-Za-z0-9_]+)([?:])(.*)", re.DOTALL)

#: Read in this order; a file named by both is reported once, at its first mention.
ALIAS_PARAMETERS: tuple[str, ...] = ("alias_maps", "alias_database")

#: Lookup table types whose name is a file on this host.
LOCAL_MAP_TYPES: frozenset[str] = frozenset({"hash", "btree", "lmdb", "cdb", "dbm", "sdbm", "texthash", "regexp", "pcre"})

_CONTINUATION = (" ", "\t")
_BANNER = "smtpd_banner"
#: ``$name``, ``${name}`` and ``$(name)``; conditional forms such as ``${name?text}`` do not match.
_REFERENCE_RE = re.compile(r"\$(?:\{([A-Za-z0-9_]+)\}|\(([A-Za-z0-9_]+)\)|([A-Za-z0-9_]+))")
#: List separators outside ``{...}``: Postfix splits on commas and whitespace.
_SEPARATORS = frozenset(", \t\r\n")
_REASON_EXCERPT = 40


@dataclass(frozen=True)
class Param:
    """One parameter setting; ``line`` is where its logical line starts (0: compiled-in default)."""

    name: str
    value: str
    line: int
    #: where the setting comes from when not main.cf itself (SUSE: /etc/sysconfig/postfix, which config.postfix
    #: writes into main.cf); its variable's name in ``variable``.
    file: str = ""
    variable: str = ""


@dataclass(frozen=True)
class MainCf:
    """The effective settings of one main.cf (last occurrence wins) and what could not be read."""

    path: str
    params: dict[str, Param]
    malformed: tuple[Malformed, ...]

    def where(self, param: Param) -> str:
        """``file:line`` of a setting, naming the sysconfig variable when one sets it (SUSE)."""
        if param.file:
            return f"{param.file}:{param.line} {param.variable}" if param.variable else f"{param.file}:{param.line}"
        return f"{self.path}:{param.line}"


@dataclass(frozen=True)
class _Logical:
    """A line with its continuation lines: where it starts and its text joined by single blanks."""

    line: int
    text: str
    orphan: bool


@dataclass(frozen=True)
class BannerExpansion:
    """``smtpd_banner`` expanded the way Postfix does, and what stopped the expansion.

    ``text`` has every reference replaced; a part that could not be expanded stays as written.
    ``leaks`` names each version parameter reached, with the chain that reached it
    (``smtpd_banner -> custom -> mail_version``); ``unresolved`` says why a part stayed as
    written (a cycle, a name the audit does not know, a form it cannot evaluate): that part
    could hide the version.
    """

    param: Param
    text: str
    leaks: tuple[str, ...]
    unresolved: tuple[str, ...]


class _Unreadable(ValueError):
    """A logical line that is not ``name = value``; the message is the Malformed reason."""


# --------------------------------------------------------------------------- public API


def parse_main_cf(text: str, path: str) -> MainCf:
    """Parse one main.cf's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return MainCf(path, {}, (Malformed(path, 0, "", reason),))


def alias_files(cf: MainCf) -> tuple[tuple[str, int], ...]:
    """Local files behind ``alias_maps`` then ``alias_database``: ``hash:/etc/aliases`` -> ``/etc/aliases``."""
    found: dict[str, int] = {}
    for name in ALIAS_PARAMETERS:
        param = _effective(cf, name)
        if param is None:
            continue
        for table in _expanded_tables(cf, param.value):
            path = _local_path(table)
            if path is not None and path not in found:
                found[path] = param.line
    return tuple(found.items())


def banner(cf: MainCf) -> Param | None:
    """``smtpd_banner`` as configured (unexpanded), or Postfix's default with line 0."""
    return _effective(cf, _BANNER)


def expand_banner(cf: MainCf) -> BannerExpansion:
    """``smtpd_banner`` (or its default) expanded as postconf(5) says: ``$name``, ``${name}`` and
    ``$(name)`` recursively, ``${name?value}``, ``${name?{value}}``, ``${name:value}``,
    ``${name:{value}}`` and ``${name?{value1}:{value2}}`` by whether ``$name`` is empty, ``$$`` as
    a single ``$``."""
    param = banner(cf) or Param(_BANNER, DEFAULTS[_BANNER], 0)
    expander = _Expander(cf)
    try:
        text = expander.expand(param.value, (_BANNER,))
    except RecursionError:  # the contract is "never raises": braces nested beyond reason
        return BannerExpansion(param, param.value, (), ("nested too deeply to expand",))
    return BannerExpansion(param, text, tuple(dict.fromkeys(expander.leaks)), tuple(dict.fromkeys(expander.unresolved)))


class _Expander:
    """Postfix's mac_expand() over main.cf, bounded; records what it could not follow instead of guessing."""

    def __init__(self, cf: MainCf) -> None:
        self.cf = cf
        self.leaks: list[str] = []
        self.unresolved: list[str] = []

    def expand(self, text: str, chain: tuple[str, ...]) -> str:
        out: list[str] = []
        index = 0
        while index < len(text):
            char = text[index]
            if char != "$" or index + 1 >= len(text):
                out.append(char)
                index += 1
                continue
            nxt = text[index + 1]
            if nxt == "$":
                out.append("$")
                index += 2
            elif nxt in _NAME_CHARS:
                end = index + 1
                while end < len(text) and text[end] in _NAME_CHARS:
                    end += 1
                out.append(self.lookup(text[index + 1 : end], chain, text[index:end]))
                index = end
            elif nxt in _CLOSE:
                end = _matching(text, index + 1)
                if end < 0:
                    self.unresolved.append(f"unbalanced {text[index:][:_REASON_EXCERPT]!r}")
                    out.append(text[index:])
                    break
                out.append(self.braced(text[index + 2 : end], chain, text[index : end + 1]))
                index = end + 1
            else:
                out.append(char)  # a lone "$" is literal text
                index += 1
        return "".join(out)

    def braced(self, inner: str, chain: tuple[str, ...], written: str) -> str:
        if inner and all(c in _NAME_CHARS for c in inner):
            return self.lookup(inner, chain, written)
        match = _CONDITIONAL_RE.fullmatch(inner)
        if match is None:
            self.unresolved.append(f"{written[:_REASON_EXCERPT]!r}: a form the audit does not evaluate")
            return written
        name, operator, rest = match.groups()
        before = len(self.unresolved)
        value = self.lookup(name, chain, "$" + name)
        if len(self.unresolved) > before:
            # emptiness unknown: show both branches' leaks, keep the text as written
            for branch in _branches(rest, operator):
                self.expand(branch, chain)
            return written
        chosen = _chosen(rest, operator, bool(value))
        return self.expand(chosen, chain)

    def lookup(self, name: str, chain: tuple[str, ...], written: str) -> str:
        path = chain + (name,)
        if name in VERSION_PARAMETERS:
            self.leaks.append(" -> ".join(path))
            return f"<{name}>"
        if name in chain:
            self.unresolved.append(f"{written}: refers to itself ({' -> '.join(path)})")
            return written
        if len(chain) >= _MAX_DEPTH:
            self.unresolved.append(f"{written}: nested deeper than Postfix's {_MAX_DEPTH} levels")
            return written
        param = _effective(self.cf, name)
        if param is not None:
            return self.expand(param.value, path)
        if name in BANNER_BUILTINS:
            return self.expand(BANNER_BUILTINS[name], path)
        self.unresolved.append(
            f"{written}: not set in {self.cf.path} and not a built-in the audit knows (its value could carry the version)"
        )
        return written


def _matching(text: str, open_index: int) -> int:
    """Index of the bracket closing the one at ``open_index`` (same kind, nested), or -1."""
    opener = text[open_index]
    closer = _CLOSE[opener]
    depth = 0
    for index in range(open_index, len(text)):
        if text[index] == opener:
            depth += 1
        elif text[index] == closer:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _unwrapped(text: str) -> str:
    """``{value}`` -> ``value`` (Postfix 3.0 braces); anything else as written."""
    if text.startswith("{") and _matching(text, 0) == len(text) - 1:
        return text[1:-1]
    return text


def _branches(rest: str, operator: str) -> tuple[str, str]:
    """(value when non-empty, value when empty) of ``?rest`` or ``:rest``."""
    if operator == "?" and rest.startswith("{"):
        end = _matching(rest, 0)
        after = rest[end + 1 :] if end >= 0 else ""
        if end >= 0 and after.startswith(":{") and _matching(after, 1) == len(after) - 1:
            return rest[1:end], after[2:-1]  # ${name?{value1}:{value2}}
    value = _unwrapped(rest)
    return (value, "") if operator == "?" else ("", value)


def _chosen(rest: str, operator: str, non_empty: bool) -> str:
    when_set, when_empty = _branches(rest, operator)
    return when_set if non_empty else when_empty


# --------------------------------------------------------------------------- lines


def _parse(text: str, path: str) -> MainCf:
    """Walk the logical lines, keeping parameters and reporting the rest."""
    params: dict[str, Param] = {}
    malformed: list[Malformed] = []
    for logical in _logical_lines(text):
        try:
            param = _param(logical)
        except _Unreadable as exc:
            malformed.append(Malformed(path, logical.line, logical.text, str(exc)))
            continue
        params.pop(param.name, None)  # keep dict order = order of the effective lines
        params[param.name] = param
    return MainCf(path, params, tuple(malformed))


def _logical_lines(text: str) -> Iterator[_Logical]:
    """Join continuation lines; comment and blank lines are skipped without ending a logical line."""
    start = 0
    pieces: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if raw.startswith(_CONTINUATION):
            if not pieces:
                start = number  # continues nothing: reported, and later indented lines go with it
            pieces.append(raw)
            continue
        yield from _finished(start, pieces)
        start, pieces = number, [raw]
    yield from _finished(start, pieces)


def _finished(start: int, pieces: list[str]) -> Iterator[_Logical]:
    """The collected logical line, if any."""
    if pieces:
        text = " ".join(piece.strip() for piece in pieces)
        yield _Logical(start, text, orphan=pieces[0].startswith(_CONTINUATION))


def _param(logical: _Logical) -> Param:
    """``name = value``; blanks around ``=`` are allowed, the value may be empty."""
    if logical.orphan:
        raise _Unreadable("line starts with whitespace but continues no parameter")
    name, equals, value = logical.text.partition("=")
    name = name.strip()
    if not equals:
        raise _Unreadable("missing '=' after parameter name")
    if not name:
        raise _Unreadable("missing parameter name before '='")
    if any(char.isspace() for char in name):
        raise _Unreadable(f"whitespace inside parameter name {_excerpt(name)!r}")
    return Param(name, value.strip(), logical.line)


def _excerpt(text: str) -> str:
    """Keep reasons short even for huge words."""
    return text if len(text) <= _REASON_EXCERPT else text[:_REASON_EXCERPT] + "..."


# --------------------------------------------------------------------------- values


def _effective(cf: MainCf, name: str) -> Param | None:
    """The parameter as set in the file, else its compiled-in default (line 0), else None."""
    param = cf.params.get(name)
    if param is not None:
        return param
    default = DEFAULTS.get(name)
    return Param(name, default, 0) if default is not None else None


def _tables(value: str) -> list[str]:
    """Split a list on commas and whitespace, keeping ``{...}`` groups whole."""
    tables: list[str] = []
    current: list[str] = []
    depth = 0
    for char in value:
        if char in _SEPARATORS and depth == 0:
            if current:
                tables.append("".join(current))
                current = []
            continue
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        current.append(char)
    if current:
        tables.append("".join(current))
    return tables


def _expanded_tables(cf: MainCf, value: str) -> Iterator[str]:
    """Each table of a list, with ``$name`` references replaced once; unresolved ones are left out."""
    for table in _tables(value):
        if "$" not in table:
            yield table
            continue
        expanded = _expand(cf, table)
        if expanded is None:
            continue
        yield from (inner for inner in _tables(expanded) if "$" not in inner)


def _expand(cf: MainCf, text: str) -> str | None:
    """Replace each reference by the other parameter's raw value; None if one is unknown or unreadable."""
    unknown = False

    def replace(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group(1) or match.group(2) or match.group(3)
        param = _effective(cf, name)
        if param is None:
            unknown = True
            return ""
        return param.value

    expanded = _REFERENCE_RE.sub(replace, text)
    if unknown or "$" in _REFERENCE_RE.sub("", text):
        return None  # a reference to an unset parameter, or a form such as ${name?text}
    return expanded


def _local_path(table: str) -> str | None:
    """``type:/path`` -> ``/path`` for file-backed types; a bare ``/path`` counts (postalias' default type)."""
    if table.startswith("/"):
        return table
    map_type, colon, name = table.partition(":")
    if colon and map_type.casefold() in LOCAL_MAP_TYPES and name.startswith("/"):
        return name
    return None
