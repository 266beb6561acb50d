"""Parse AIX stanza files (/etc/security/config, /etc/security/user, login.cfg ...) into stanzas of attributes.

IBM's stanza format: a stanza starts with its name and a colon at the beginning of a
line (``tcpip:``); the attribute lines that follow are indented ``name = value``; lines
whose first character other than blanks is ``*`` are comments, and a blank line ends
nothing (the next name line does). A value may be written in double quotes; a list is
comma-separated (``netrc = ftp, rexec``).

Pure functions: text in, data out. Lines the parser cannot read are :class:`Malformed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["Malformed", "Stanza", "StanzaAttr", "StanzaFile", "parse_stanzas", "value_list"]

_NAME = re.compile(r"(\S+?):\s*")
_ATTR = re.compile(r"([^\s=]+)\s*=\s*(.*?)\s*")


@dataclass(frozen=True)
class StanzaAttr:
    name: str
    value: str  # without surrounding double quotes
    line: int
    text: str


@dataclass(frozen=True)
class Stanza:
    name: str
    line: int
    attrs: tuple[StanzaAttr, ...]

    def attr(self, name: str) -> StanzaAttr | None:
        """The attribute's last line in this stanza (the one AIX's library reads), or None."""
        found = [a for a in self.attrs if a.name == name]
        return found[-1] if found else None


@dataclass(frozen=True)
class StanzaFile:
    path: str
    stanzas: tuple[Stanza, ...]
    malformed: tuple[Malformed, ...]

    def stanza(self, name: str) -> Stanza | None:
        found = [s for s in self.stanzas if s.name == name]
        return found[-1] if found else None


def parse_stanzas(text: str, path: str) -> StanzaFile:
    stanzas: list[Stanza] = []
    malformed: list[Malformed] = []
    current: tuple[str, int] | None = None
    attrs: list[StanzaAttr] = []

    def close() -> None:
        if current is not None:
            stanzas.append(Stanza(current[0], current[1], tuple(attrs)))

    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        body = line.strip()
        if not body or body.startswith("*"):
            continue
        if not line[:1].isspace():
            name = _NAME.fullmatch(line)
            if name is None:
                malformed.append(Malformed(path, number, line, "expected a stanza name ending in ':'"))
                continue
            close()
            current, attrs = (name.group(1), number), []
            continue
        attr = _ATTR.fullmatch(body)
        if attr is None:
            malformed.append(Malformed(path, number, line, "expected 'attribute = value'"))
        elif current is None:
            malformed.append(Malformed(path, number, line, "attribute before any stanza name"))
        else:
            attrs.append(StanzaAttr(attr.group(1), _unquoted(attr.group(2)), number, body))
    close()
    return StanzaFile(path, tuple(stanzas), tuple(malformed))


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def value_list(value: str) -> list[str]:
    """``ftp, rexec`` -> ["ftp", "rexec"]: AIX lists are comma-separated, blanks around items ignored."""
    return [item.strip() for item in value.split(",") if item.strip()]
