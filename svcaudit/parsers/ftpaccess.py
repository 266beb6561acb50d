"""Parse AIX /etc/ftpaccess.ctl: ftpd's host, directory and message controls.

AIX Files Reference, ftpaccess.ctl: ftpd searches the file for lines that start with
``allow:``, ``deny:``, ``readonly:``, ``writeonly:``, ``readwrite:``, ``useronly:``,
``grouponly:``, ``herald:`` or ``motd:``; other lines are ignored. Each line is
``keyword: value, value, ...``; ``herald: path`` names the file whose text ftpd shows
before login (the DoD banner of AIX 6.1 STIG V-23732), ``motd: on|off`` turns the
after-login message on. Lines are limited to 1024 characters; a longer one is ignored.

A line that starts with blanks before a keyword is reported as :class:`Malformed`: the
documentation says lines must *start* with the keyword, so ftpd may ignore it. The parser
is a pure function that never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["KEYWORDS", "AccessLine", "FtpAccess", "Malformed", "parse_ftpaccess"]

KEYWORDS = ("allow", "deny", "readonly", "writeonly", "readwrite", "useronly", "grouponly", "herald", "motd")
#: ftpaccess.ctl(4): "lines ... are limited to 1024 characters and anything greater ... will be ignored".
MAX_LINE = 1024


@dataclass(frozen=True)
class AccessLine:
    """One ``keyword: values`` line; ``values`` split at commas, blanks stripped."""

    keyword: str
    values: tuple[str, ...]
    line: int
    text: str


@dataclass(frozen=True)
class FtpAccess:
    path: str
    lines: tuple[AccessLine, ...]
    malformed: tuple[Malformed, ...]

    def named(self, keyword: str) -> tuple[AccessLine, ...]:
        return tuple(a for a in self.lines if a.keyword == keyword)


def parse_ftpaccess(text: str, path: str) -> FtpAccess:
    """Parse one ftpaccess.ctl's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return FtpAccess(path, (), (Malformed(path, 0, "", f"internal parser error ({type(exc).__name__}); file not evaluated"),))


def _keyword(text: str) -> str | None:
    head, colon, _ = text.partition(":")
    return head if colon and head in KEYWORDS else None


def _parse(text: str, path: str) -> FtpAccess:
    lines: list[AccessLine] = []
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        keyword = _keyword(line)
        if keyword is None:
            if _keyword(line.lstrip(" \t")) is not None:
                malformed.append(Malformed(path, number, line, "blanks before the keyword: ftpd reads lines that start with it"))
            continue
        if len(line) > MAX_LINE:
            malformed.append(Malformed(path, number, line[:80], f"longer than {MAX_LINE} characters: ftpd ignores it"))
            continue
        values = tuple(v.strip(" \t") for v in line.partition(":")[2].split(","))
        lines.append(AccessLine(keyword, tuple(v for v in values if v), number, line))
    return FtpAccess(path, tuple(lines), tuple(malformed))
