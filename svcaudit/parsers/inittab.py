"""Parse AIX ``/etc/inittab``: which commands init runs when the host enters its run level.

inittab(4) on AIX: ``Identifier:RunLevel:Action:Command``, one entry per line, a
backslash before the newline continues the entry, and a colon at the start of a
line is the comment character (``:snmpd:2:once:...`` is commented out).  The
command is handed to the shell, so what it runs is read with
:mod:`svcaudit.parsers.shellcmd`.

A pure function: text in, data out.  A line with fewer than four fields is
returned as :class:`Malformed`, never dropped, so a control that needs to know
what starts can refuse to pass over it.
"""

from __future__ import annotations

from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["BOOT_ACTIONS", "InittabEntry", "Malformed", "default_level", "parse_inittab", "starts_at"]

#: Actions that run the command when init enters a matching run level (inittab(4)); ``off``,
#: ``ondemand``, ``powerfail``, ``powerwait`` and ``hold`` start nothing at boot, ``initdefault``
#: only names the level.
BOOT_ACTIONS = frozenset({"respawn", "wait", "once", "boot", "bootwait", "sysinit"})
#: Actions init runs whatever the run level field says.
_ANY_LEVEL_ACTIONS = frozenset({"boot", "bootwait", "sysinit"})
#: AIX boots to run level 2 unless an initdefault entry says otherwise.
AIX_DEFAULT_LEVEL = "2"


@dataclass(frozen=True)
class InittabEntry:
    """One entry; ``line`` is the first physical line, ``text`` the entry with continuations joined."""

    path: str
    line: int
    text: str
    identifier: str
    levels: str
    action: str
    command: str


def parse_inittab(text: str | None, path: str) -> tuple[tuple[InittabEntry, ...], tuple[Malformed, ...]]:
    """Entries and unreadable lines; comments (a leading ``:``) and blank lines are neither."""
    if not isinstance(text, str):
        return (), ()
    entries: list[InittabEntry] = []
    unread: list[Malformed] = []
    for number, logical in _logical_lines(text):
        if not logical.strip() or logical.startswith(":"):
            continue
        fields = logical.split(":", 3)
        if len(fields) < 4:
            unread.append(Malformed(path, number, logical.strip(), "not Identifier:RunLevel:Action:Command"))
            continue
        identifier, levels, action, command = (field.strip() for field in fields)
        entries.append(InittabEntry(path, number, logical.strip(), identifier, levels, action.lower(), command))
    return tuple(entries), tuple(unread)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Physical lines joined where a backslash precedes the newline, each with its first line number."""
    joined: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        if not pending:
            start = number
        if raw.endswith("\\"):
            pending.append(raw[:-1])
            continue
        joined.append((start, "".join([*pending, raw])))
        pending = []
    if pending:
        joined.append((start, "".join(pending)))
    return joined


def default_level(entries: tuple[InittabEntry, ...]) -> str:
    """The run level init enters at boot: the first ``initdefault`` entry's digit, else AIX's 2."""
    for entry in entries:
        if entry.action == "initdefault":
            digits = [c for c in entry.levels if c.isdigit()]
            if digits:
                return digits[0]
    return AIX_DEFAULT_LEVEL


def starts_at(entry: InittabEntry, level: str) -> bool:
    """True when init runs the entry's command on entering ``level`` (an empty field means every level)."""
    if entry.action not in BOOT_ACTIONS or not entry.command:
        return False
    if entry.action in _ANY_LEVEL_ACTIONS or not entry.levels:
        return True
    return level in entry.levels
