"""Small judgements shared by controls, each returning evidence lines instead of asserting.

A control gathers the evidence lines of everything it looked at and fails once
with all of them (`verdict`), so one run shows every offending path, not just the first.
`svcaudit.controls.paths.protected` combines these for a whole path.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from svcaudit.collect.batch import StatRecord
from svcaudit.controls.verdict import CONTEXT, Context, not_applicable, verdict
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.syslog import syslog
from svcaudit.parsers.common import Malformed

__all__ = [
    "CONTEXT",
    "Context",
    "mode_at_most",
    "mode_excess",
    "not_applicable",
    "octal",
    "owned_by",
    "present",
    "show",
    "syslog_notes",
    "unread",
    "verdict",
    "writable_by_others",
]


def show(path: str) -> str:
    """A path as evidence: printable paths as they are, odd bytes escaped."""
    return path if path.isprintable() else ascii(path)[1:-1]


def shell_word(path: str) -> str:
    """A path as one word of a suggested command: quoted for the shell, so a name read from the target
    (`;`, `$( )`, spaces) is never run when the fix is pasted; a path with unprintable bytes is not
    offered as a word at all (it is named escaped, for the administrator to type)."""
    if not path.isprintable():
        return f"<the file shown as {ascii(path)[1:-1]}>"
    return shlex.quote(path)


def unread(lines: Iterable[Malformed], what: str = "not read") -> list[str]:
    """Lines a parser could not read, as caveats: `path:line: not read (reason): text`."""
    return [m.evidence(what) for m in lines]


def syslog_notes(facts: HostFacts) -> list[str]:
    """syslog lines the parser could not evaluate: a caveat of every verdict drawn from the configuration."""
    return unread(syslog(facts).unparsed, "not evaluated")


def octal(mode: int) -> str:
    return f"{mode:04o}"


def mode_excess(mode: int, ceiling: int) -> int:
    """Permission bits set beyond the ceiling (setuid, setgid, sticky included)."""
    return mode & ~ceiling & 0o7777


def present(facts: HostFacts, path: str) -> StatRecord | None:
    """The stat of an existing path, None when absent, NotAssessed when unknowable."""
    return facts.stat(path) if facts.exists(path) else None


def mode_at_most(facts: HostFacts, path: str, ceiling: int) -> list[str]:
    record = facts.stat(path)
    if record.mode is None:
        raise NotAssessed(f"{show(path)}: no mode collected")
    excess = mode_excess(record.mode, ceiling)
    if excess:
        return [f"{show(path)}: mode {octal(record.mode)}, expected <= {octal(ceiling)} (extra bits {octal(excess)})"]
    return []


def owned_by(facts: HostFacts, path: str, owners: Iterable[str] | None, groups: Iterable[str] | None = None) -> list[str]:
    """Owner must be one of `owners` (root also by uid 0), if given, and group one of `groups`, if given."""
    record = facts.stat(path)
    user = facts.user_name(record.uid)
    group = facts.group_name(record.gid)
    problems: list[str] = []
    if owners is not None:
        owners = set(owners)
        if not (user in owners or ("root" in owners and record.uid == 0)):
            problems.append(f"owner {user} (uid {record.uid}), expected {_choices(owners)}")
    if groups is not None:
        groups = set(groups)
        if group not in groups:
            problems.append(f"group {group} (gid {record.gid}), expected {_choices(groups)}")
    return [f"{show(path)}: {p}" for p in problems]


def writable_by_others(facts: HostFacts, path: str, *, group_too: bool) -> list[str]:
    record = facts.stat(path)
    if record.mode is None:
        raise NotAssessed(f"{show(path)}: cannot stat: {record.error or record.kind}")
    bits = 0o022 if group_too else 0o002
    if record.mode & bits:
        who = "group- and world-" if record.mode & 0o022 == 0o022 else ("world-" if record.mode & 0o002 else "group-")
        return [
            f"{show(path)}: {who}writable (mode {octal(record.mode)}, "
            f"owner {facts.user_name(record.uid)}:{facts.group_name(record.gid)})"
        ]
    return []


def _choices(names: set[str]) -> str:
    ordered = sorted(names)
    return ordered[0] if len(ordered) == 1 else "one of " + ", ".join(ordered)
