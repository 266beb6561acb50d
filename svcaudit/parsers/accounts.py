"""Parsers for passwd and group files: owner names must come from the target's own files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

#: A uid or gid as libc reads it: ASCII digits, no sign, bounded (unicode digits and huge numbers are not ids).
_ID = re.compile(r"[0-9]{1,10}")


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int
    home: str
    shell: str
    line: int


@dataclass(frozen=True)
class Group:
    name: str
    gid: int
    members: tuple[str, ...]
    line: int


def _records(text: str, path: str, min_fields: int, shape: str) -> Iterator[tuple[int, str, list[str]] | Malformed]:
    """Colon-separated records with their line numbers; NIS `+`/`-` and comment lines skipped."""
    # Lines end at "\n" only, as libc reads them (str.splitlines also splits on \v, \f, \x85 ...).
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith(("#", "+", "-")):
            continue
        fields = line.split(":")
        if len(fields) < min_fields or not fields[0]:
            yield Malformed(path, number, line, f"expected {shape}")
        else:
            yield number, line, fields


def parse_passwd(text: str, path: str = "/etc/passwd") -> tuple[tuple[Account, ...], tuple[Malformed, ...]]:
    """name:pw:uid:gid:gecos:home:shell; odd lines are reported, not guessed at."""
    accounts: list[Account] = []
    bad: list[Malformed] = []
    for record in _records(text, path, 7, "7 colon-separated fields"):
        if isinstance(record, Malformed):
            bad.append(record)
            continue
        number, line, fields = record
        if not (_ID.fullmatch(fields[2]) and _ID.fullmatch(fields[3])):
            bad.append(Malformed(path, number, line, "uid or gid is not a number"))
            continue
        accounts.append(Account(fields[0], int(fields[2]), int(fields[3]), fields[5], ":".join(fields[6:]), number))
    return tuple(accounts), tuple(bad)


def parse_group(text: str, path: str = "/etc/group") -> tuple[tuple[Group, ...], tuple[Malformed, ...]]:
    """name:pw:gid:member,member."""
    groups: list[Group] = []
    bad: list[Malformed] = []
    for record in _records(text, path, 3, "name:password:gid:members"):
        if isinstance(record, Malformed):
            bad.append(record)
            continue
        number, line, fields = record
        if not _ID.fullmatch(fields[2]):
            bad.append(Malformed(path, number, line, "gid is not a number"))
            continue
        members = tuple(m for m in (fields[3].split(",") if len(fields) > 3 else []) if m)
        groups.append(Group(fields[0], int(fields[2]), members, number))
    return tuple(groups), tuple(bad)
