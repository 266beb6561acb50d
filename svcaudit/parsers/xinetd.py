"""Parse xinetd configuration (xinetd.conf and the files of its include directories) into service blocks.

xinetd.conf(5): a file holds ``service NAME``, ``defaults``, ``includefile FILE`` and
``includedir DIR`` entries; ``service`` and ``defaults`` are followed by a block in braces
of ``attribute = value ...`` lines (also ``+=`` and ``-=``). Lines whose first character
other than blanks is ``#`` are comments. A service runs unless its block says
``disable = yes``, or the ``defaults`` block lists its id under ``disabled``, or the
``defaults`` block has an ``enabled`` list that does not name it (the id is the ``id``
attribute, else the service name). ``includedir`` reads every file of the directory whose
name has no ``.`` and does not end in ``~``.

Pure functions: text in, data out. A line xinetd would not take is reported as
:class:`Malformed`, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["Malformed", "XinetdAttr", "XinetdConf", "XinetdService", "included_file", "parse_xinetd", "service_off"]

_ATTR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=)\s*(.*)")
_HEADER = re.compile(r"(service|defaults)(?:\s+(\S+))?\s*(\{)?\s*")
_INCLUDE = re.compile(r"(includedir|includefile)\s+(\S+)\s*")


@dataclass(frozen=True)
class XinetdAttr:
    name: str
    op: str  # = += -=
    values: tuple[str, ...]
    line: int
    text: str


@dataclass(frozen=True)
class XinetdService:
    """One ``service`` block, with where it starts for evidence."""

    path: str
    line: int
    name: str
    attrs: tuple[XinetdAttr, ...]

    def values(self, name: str) -> tuple[str, ...] | None:
        """The attribute's values as xinetd builds them: the last ``=`` and the ``+=``/``-=`` after it; None when unset."""
        return _values(self.attrs, name)

    def attr(self, name: str) -> XinetdAttr | None:
        """The last line that sets the attribute, for evidence."""
        found = [a for a in self.attrs if a.name == name]
        return found[-1] if found else None

    @property
    def id(self) -> str:
        values = self.values("id")
        return values[0] if values else self.name


@dataclass(frozen=True)
class XinetdConf:
    path: str
    services: tuple[XinetdService, ...]
    defaults: tuple[XinetdAttr, ...]
    includedirs: tuple[tuple[str, int], ...]
    includefiles: tuple[tuple[str, int], ...]
    malformed: tuple[Malformed, ...]


def _values(attrs: tuple[XinetdAttr, ...], name: str) -> tuple[str, ...] | None:
    values: list[str] | None = None
    for attr in attrs:
        if attr.name != name:
            continue
        if attr.op == "=":
            values = list(attr.values)
        elif attr.op == "+=":
            values = (values or []) + list(attr.values)
        else:
            values = [v for v in (values or []) if v not in attr.values]
    return tuple(values) if values is not None else None


def parse_xinetd(text: str, path: str) -> XinetdConf:
    """One xinetd configuration file; ``path`` is recorded for evidence."""
    services: list[XinetdService] = []
    defaults: list[XinetdAttr] = []
    includedirs: list[tuple[str, int]] = []
    includefiles: list[tuple[str, int]] = []
    malformed: list[Malformed] = []
    block: tuple[str, str, int] | None = None  # (kind, name, line) of the block being read
    opened = False
    attrs: list[XinetdAttr] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if block is not None and not opened:
            if line == "{":
                opened = True
                continue
            malformed.append(Malformed(path, block[2], f"{block[0]} {block[1]}".strip(), "no '{' after the entry"))
            block = None
        if block is not None:
            if line == "}":
                kind, name, start = block
                if kind == "service":
                    services.append(XinetdService(path, start, name, tuple(attrs)))
                else:
                    defaults.extend(attrs)
                block, opened, attrs = None, False, []
                continue
            match = _ATTR.fullmatch(line)
            if match is None:
                malformed.append(Malformed(path, number, line, "expected 'attribute = value' inside a block"))
                continue
            attrs.append(XinetdAttr(match.group(1), match.group(2), tuple(match.group(3).split()), number, line))
            continue
        header = _HEADER.fullmatch(line)
        if header is not None and (header.group(1) == "defaults") == (header.group(2) is None):
            block, opened, attrs = (header.group(1), header.group(2) or "", number), bool(header.group(3)), []
            continue
        include = _INCLUDE.fullmatch(line)
        if include is not None:
            (includedirs if include.group(1) == "includedir" else includefiles).append((include.group(2), number))
            continue
        malformed.append(Malformed(path, number, line, "not a service, defaults, includedir or includefile entry"))
    if block is not None:
        malformed.append(Malformed(path, block[2], f"{block[0]} {block[1]}".strip(), "block never closed with '}'"))
    return XinetdConf(path, tuple(services), tuple(defaults), tuple(includedirs), tuple(includefiles), tuple(malformed))


def service_off(service: XinetdService, defaults: tuple[XinetdAttr, ...]) -> str:
    """Why xinetd does not run the service (evidence text), or "" when it does."""
    disable = service.attr("disable")
    if disable is not None and service.values("disable") == ("yes",):
        return f"{service.path}:{disable.line}: {disable.text}"
    disabled = _values(defaults, "disabled")
    if disabled is not None and service.id in disabled:
        return f"its id {service.id} is listed by 'disabled' in the defaults block"
    enabled = _values(defaults, "enabled")
    if enabled is not None and service.id not in enabled:
        return f"its id {service.id} is not listed by 'enabled' in the defaults block"
    return ""


def included_file(name: str) -> bool:
    """Whether ``includedir`` reads a file of this name (xinetd skips names with a dot or ending in ``~``)."""
    return bool(name) and "." not in name and not name.endswith("~")
