"""Parse inetd.conf into service lines, enabled and disabled.

FTP controls need to know whether inetd starts ``ftpd`` (AIX) or another FTP
daemon (classic Linux inetd), and which line says so.  Inputs are AIX
``/etc/inetd.conf`` and classic Linux (netkit / openbsd-inetd) ``inetd.conf``.

AIX conventions: ``##`` starts prose and is ignored; a single ``#`` directly
followed (or followed by one space) by something that reads as a service line
is a *disabled* service, kept with ``enabled=False`` so a control can show it;
every other ``#`` line is a plain comment.  Debian's ``update-inetd`` disables
lines with a ``#<off>#`` prefix, which is read the same way.

The parser is a pure function: text in, data out.  It never raises; an active
line inetd could not use is reported as :class:`Malformed` with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.ftpusers import Malformed, excerpt

__all__ = ["InetdConf", "InetdService", "Malformed", "enabled_services", "parse_inetd"]

_SOCKET_TYPES: frozenset[str] = frozenset({"stream", "dgram", "raw", "rdm", "seqpacket", "sunrpc_tcp", "sunrpc_udp"})
_PROTOCOL_RE = re.compile(r"(?:tcp|udp)[46]?|unix|rpc/[a-z0-9*,]+")
#: wait/nowait with optional limits (``nowait.400``, BSD ``nowait/10/5``); AIX also has ``SRC``.
_WAIT_RE = re.compile(r"(?:(?:no)?wait(?:[./][0-9]+)*|SRC)")
_FIELDS = re.compile(r"[^ \t]+")
_BLANKS = " \t\r\v\f"
_MIN_FIELDS = 6
_OFF_MARK = "#<off>#"


@dataclass(frozen=True)
class InetdService:
    """One service line, active or commented out, kept with its origin for evidence."""

    path: str
    line: int
    text: str
    name: str
    socket_type: str
    protocol: str
    wait: str
    user: str
    program: str
    args: tuple[str, ...]
    enabled: bool


@dataclass(frozen=True)
class InetdConf:
    """Everything read from one inetd.conf."""

    services: tuple[InetdService, ...]
    malformed: tuple[Malformed, ...]


class _Invalid(ValueError):
    """A service line inetd would refuse; the message is the Malformed reason."""


# --------------------------------------------------------------------------- public API


def parse_inetd(text: str, path: str) -> InetdConf:
    """Parse one inetd.conf's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return InetdConf((), (Malformed(path, 0, "", reason),))


def enabled_services(conf: InetdConf, name: str) -> tuple[InetdService, ...]:
    """Active lines for service ``name``.

    A Linux ``host:ftp`` line and an RPC ``rstatd/1-3`` line count as ``ftp``
    and ``rstatd``: both start that service.
    """
    return tuple(s for s in conf.services if s.enabled and _service_name(s) == name)


# --------------------------------------------------------------------------- lines


def _parse(text: str, path: str) -> InetdConf:
    """Walk the lines: active services, disabled services, malformed lines."""
    services: list[InetdService] = []
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip(_BLANKS)
        if not line or line.startswith("##"):
            continue
        if line.startswith("#"):
            service = _disabled(line, path, number)
            if service is not None:
                services.append(service)
            continue
        try:
            services.append(_service(line, line, path, number, enabled=True))
        except _Invalid as exc:
            malformed.append(Malformed(path, number, line, str(exc)))
    return InetdConf(tuple(services), tuple(malformed))


def _disabled(line: str, path: str, number: int) -> InetdService | None:
    """A commented-out service line, or None for a plain comment."""
    if "\x00" in line:
        return None
    if line.startswith(_OFF_MARK):
        body = line[len(_OFF_MARK) :].lstrip(" \t")
    else:
        body = line[1:].removeprefix(" ")
        if body[:1] in (" ", "\t", "#"):
            return None
    try:
        return _service(body, line, path, number, enabled=False)
    except _Invalid:
        return None


def _service(body: str, text: str, path: str, number: int, *, enabled: bool) -> InetdService:
    """Build a service from its fields; raise _Invalid when inetd would refuse it."""
    if "\x00" in body:
        raise _Invalid("NUL character in a service line")
    fields = _FIELDS.findall(body)
    if len(fields) < _MIN_FIELDS:
        raise _Invalid(
            f"expected at least {_MIN_FIELDS} fields (name, socket type, protocol, "
            f"wait/nowait, user, program), found {len(fields)}"
        )
    name, socket_type, protocol, wait, user, program = fields[:_MIN_FIELDS]
    if socket_type not in _SOCKET_TYPES:
        raise _Invalid(f"unknown socket type {excerpt(socket_type)!r}")
    if not _PROTOCOL_RE.fullmatch(protocol):
        raise _Invalid(f"unknown protocol {excerpt(protocol)!r}")
    if not _WAIT_RE.fullmatch(wait):
        raise _Invalid(f"wait/nowait field is {excerpt(wait)!r}")
    args = tuple(fields[_MIN_FIELDS:])
    return InetdService(path, number, text, name, socket_type, protocol, wait, user, program, args, enabled)


def _service_name(service: InetdService) -> str:
    """The service a line starts: without a ``host:`` prefix or an RPC ``/versions`` suffix."""
    name = service.name.rpartition(":")[2]
    if service.protocol.startswith("rpc/"):
        name = name.partition("/")[0]
    return name
