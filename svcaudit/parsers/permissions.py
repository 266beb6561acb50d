"""Parse SUSE permission lists (permissions(5)): the owner, group and mode permctl (chkstat) gives each path.

SUSE documents the modes of setuid programs and of security-relevant files and directories in
/usr/share/permissions/permissions{,.easy,.secure,.paranoid} (older releases: /etc/permissions*),
and a site's own in /etc/permissions.local; `permctl --system` and every package's %post
(%set_permissions) apply them.  An entry is ``/path owner:group mode`` (a directory ends with
``/``); ``:package:`` lines, ``+capabilities``/``+acl`` lines and ``#`` comments are not entries.

Pure function: text in, data out; it never raises.  A line it cannot read is returned as
:class:`Malformed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["Entry", "PermissionList", "parse_permissions"]

_MODE_RE = re.compile(r"0?[0-7]{3,4}\Z")


@dataclass(frozen=True)
class Entry:
    path: str  # without the directory's trailing slash
    owner: str
    group: str
    mode: int
    file: str
    line: int

    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def text(self) -> str:
        return f"{self.owner}:{self.group} {self.mode:04o}"


@dataclass(frozen=True)
class PermissionList:
    path: str
    entries: dict[str, Entry]
    malformed: tuple[Malformed, ...]


def parse_permissions(text: str, path: str) -> PermissionList:
    entries: dict[str, Entry] = {}
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ":", "+")):
            continue
        words = line.split()
        owner, colon, group = words[1].partition(":") if len(words) >= 3 else ("", "", "")
        if len(words) != 3 or not words[0].startswith("/") or not colon or not _MODE_RE.match(words[2]):
            malformed.append(Malformed(path, number, raw, "not '/path owner:group mode'"))
            continue
        name = words[0].rstrip("/") or "/"
        entries[name] = Entry(name, owner, group, int(words[2], 8), path, number)
    return PermissionList(path, entries, tuple(malformed))
