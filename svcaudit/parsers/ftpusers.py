"""Parse an ftpusers file: the accounts an FTP daemon refuses.

FTP-05 needs the set of account names the file denies.  AIX ``ftpd`` reads
``/etc/ftpusers``; Linux daemons read it through ``pam_listfile`` (Debian
``/etc/ftpusers``, RHEL ``/etc/vsftpd/ftpusers``).  Both compare a login name
with a whole line, so a line only denies the account it names exactly:
``rooted`` does not deny ``root`` and ``root adm`` denies nobody.

AIX's ftpd documentation does not define comments, and BSD-derived ftpd and
``pam_listfile`` compare the raw line.  So a line whose first character is
``#`` is ignored (it can never match a login name), but ``root   # superuser``
is reported as malformed and denies nobody: counting it as ``root`` could pass
FTP-05 while root can still log in.  Surrounding blanks are stripped.

:class:`Malformed` (from parsers.common) is re-exported here for the other FTP parsers
(inetd, vsftpd, pam).  The parser is a pure function that never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["Entry", "FtpUsers", "Malformed", "parse_ftpusers"]

#: Blanks that C programs (``isspace``) strip around a line.
_BLANKS = " \t\r\v\f"
_EXCERPT = 60


@dataclass(frozen=True)
class Entry:
    """One denied account name and the line that names it."""

    name: str
    line: int


@dataclass(frozen=True)
class FtpUsers:
    """Everything read from one ftpusers file."""

    path: str
    entries: tuple[Entry, ...]
    malformed: tuple[Malformed, ...]

    def names(self) -> frozenset[str]:
        """The account names the file denies (whole-line matches only)."""
        return frozenset(entry.name for entry in self.entries)


def parse_ftpusers(text: str, path: str) -> FtpUsers:
    """Read one account name per line; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return FtpUsers(path, (), (Malformed(path, 0, "", reason),))


def excerpt(text: str) -> str:
    """Keep reasons short even for huge lines (shared by the FTP parsers)."""
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "..."


def _parse(text: str, path: str) -> FtpUsers:
    """Walk the lines, keeping names and reporting lines that name no single account."""
    entries: list[Entry] = []
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip(_BLANKS)
        if not line or line.startswith("#"):
            continue
        problem = _problem(line)
        if problem is not None:
            malformed.append(Malformed(path, number, line, problem))
        else:
            entries.append(Entry(_name(line), number))
    return FtpUsers(path, tuple(entries), tuple(malformed))


def _name(line: str) -> str:
    """The name on a non-comment line: the whole line."""
    return line


def _problem(line: str) -> str | None:
    """Why a line does not name exactly one account, or None when it does."""
    if "\x00" in line:
        return "NUL character (the daemon reads the line only up to it)"
    if "#" in line:
        return "a '#' after the name: daemons compare the whole line, so this line denies no one"
    if any(char.isspace() for char in _name(line)):
        return "one account name per line (a line with blanks inside denies no one)"
    return None
