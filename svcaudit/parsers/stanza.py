"""Parse an AIX stanza file (/etc/security/user, /etc/security/login.cfg ...) into stanzas and attributes.

AIX "Files Reference", stanza files: a stanza starts with its name and a colon at the start of a
line (``default:``, ``ftp:``); its attributes follow, one ``attribute = value`` per line, usually
indented by a tab; a stanza ends at the next stanza name. Lines starting with ``*`` are comments
(IBM's shipped files use them), and so are lines starting with ``#``. A value may be enclosed in
double quotes. FTP-13 reads the ``umask`` of the ``ftp`` stanza of /etc/security/user, else of
its ``default:`` stanza.

The parser is a pure function that never raises. An attribute outside any stanza, or a line
that is neither a stanza name nor ``attribute = value``, is reported as :class:`Malformed`
and sets nothing; of an attribute set twice in one stanza the last line is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svcaudit.parsers.common import Malformed

__all__ = ["Attribute", "Malformed", "Stanza", "Stanzas", "parse_stanzas"]

_NAME = re.compile(r"([^\s:*#][^\s:]*)\s*:\s*")
_ATTRIBUTE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*")


@dataclass(frozen=True)
class Attribute:
    name: str
    value: str
    line: int


@dataclass(frozen=True)
class Stanza:
    """One ``name:`` stanza, its line, and its attributes by name."""

    name: str
    line: int
    attributes: dict[str, Attribute] = field(hash=False)  # built once, never mutated afterwards


@dataclass(frozen=True)
class Stanzas:
    """Everything read from one stanza file; a stanza named twice is kept under the first line that names it."""

    path: str
    stanzas: dict[str, Stanza] = field(hash=False)
    malformed: tuple[Malformed, ...]

    def attribute(self, stanza: str, name: str) -> Attribute | None:
        found = self.stanzas.get(stanza)
        return found.attributes.get(name) if found else None


def parse_stanzas(text: str, path: str) -> Stanzas:
    """Parse one stanza file's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return Stanzas(path, {}, (Malformed(path, 0, "", f"internal parser error ({type(exc).__name__}); file not evaluated"),))


def _parse(text: str, path: str) -> Stanzas:
    stanzas: dict[str, Stanza] = {}
    malformed: list[Malformed] = []
    current: Stanza | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        body = line.strip()
        if not body or body.startswith(("*", "#")):
            continue
        name = _NAME.fullmatch(line)
        if name:
            current = stanzas.setdefault(name.group(1), Stanza(name.group(1), number, {}))
            continue
        attribute = _ATTRIBUTE.fullmatch(body)
        if attribute is None:
            malformed.append(Malformed(path, number, line, "neither 'name:' nor 'attribute = value'"))
        elif current is None:
            malformed.append(Malformed(path, number, line, "attribute before any stanza name"))
        else:
            value = attribute.group(2)
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            current.attributes[attribute.group(1)] = Attribute(attribute.group(1), value, number)
    return Stanzas(path, stanzas, tuple(malformed))
