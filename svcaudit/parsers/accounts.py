"""Parsers for passwd and group files: owner names must come from the target's own files."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class BadLine:
    line: int
    text: str
    reason: str


def parse_passwd(text: str) -> tuple[tuple[Account, ...], tuple[BadLine, ...]]:
    """name:pw:uid:gid:gecos:home:shell; NIS `+`/`-` lines are skipped, other odd lines reported."""
    accounts: list[Account] = []
    bad: list[BadLine] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith(("#", "+", "-")):
            continue
        fields = line.split(":")
        if len(fields) < 7 or not fields[0]:
            bad.append(BadLine(number, line, "expected 7 colon-separated fields"))
            continue
        try:
            uid, gid = int(fields[2]), int(fields[3])
        except ValueError:
            bad.append(BadLine(number, line, "uid or gid is not a number"))
            continue
        accounts.append(Account(fields[0], uid, gid, fields[5], ":".join(fields[6:]), number))
    return tuple(accounts), tuple(bad)


def parse_group(text: str) -> tuple[tuple[Group, ...], tuple[BadLine, ...]]:
    """name:pw:gid:member,member."""
    groups: list[Group] = []
    bad: list[BadLine] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith(("#", "+", "-")):
            continue
        fields = line.split(":")
        if len(fields) < 3 or not fields[0]:
            bad.append(BadLine(number, line, "expected name:password:gid:members"))
            continue
        try:
            gid = int(fields[2])
        except ValueError:
            bad.append(BadLine(number, line, "gid is not a number"))
            continue
        members = tuple(m for m in (fields[3].split(",") if len(fields) > 3 else []) if m)
        groups.append(Group(fields[0], gid, members, number))
    return tuple(groups), tuple(bad)
