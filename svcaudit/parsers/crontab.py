"""Parse crontab files: schedules, the user column, environment lines and ``%``.

CRON-07 checks that no program cron runs is group- or world-writable, so it
needs the path of every program a cron entry executes.  This module reads the
crontab the way cron does (time fields, user field, environment lines, ``%``)
and hands each command to :mod:`svcaudit.parsers.shellcmd`, which reads it the
way cron's ``/bin/sh`` does (the same analysis MAIL-09 uses for alias programs).

Inputs are AIX crontabs (``extensions=False``: no environment lines, no
``@`` specials) and Linux Vixie/cronie/Debian crontabs, user crontabs as well
as ``/etc/crontab`` and ``/etc/cron.d/*`` (``system=True``: a user field);
cronie's ``-`` (no syslog) prefix is read with ``cronie=True``.  Environment
lines (``MAILTO=""``, ``CRON_TZ=``, ``RANDOM_DELAY=``) are settings, never
jobs, and cron has no backslash-newline continuation: a trailing backslash
stays in the command and the next line is read on its own.

The parser is a pure function: text in, data out.  It never touches the
filesystem and never raises on bad input.  A line cron would reject is
returned as :class:`Malformed`, so the caller can list it instead of passing
silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from svcaudit.parsers.common import Malformed
from svcaudit.parsers.shellcmd import Program, command_programs

__all__ = [
    "DEFAULT_PATH",
    "CronEntry",
    "Crontab",
    "Malformed",
    "Program",
    "command_programs",
    "parse_crontab",
]

#: The PATH cron gives a job when the crontab sets none (cronie, Vixie, AIX).
DEFAULT_PATH = "/usr/bin:/bin"


@dataclass(frozen=True)
class CronEntry:
    """A scheduled job with what it runs and the PATH that bare names resolve in."""

    line: int
    schedule: str
    user: str | None
    command: str
    path: str  # the PATH in effect for this entry, not a file
    programs: tuple[Program, ...]
    #: False for a cronie ``-`` line: cron runs the job without a syslog record of it.
    logged: bool = True


@dataclass(frozen=True)
class Crontab:
    """Everything read from one crontab file."""

    entries: tuple[CronEntry, ...]
    env: dict[str, str] = field(hash=False)  # built once, never mutated afterwards
    malformed: tuple[Malformed, ...]


# =========================================================================== crontab lines

_BLANKS = " \t"
_FIELD_RE = re.compile(r"([^ \t]+)[ \t]*")
_ASSIGNMENT_LINE_RE = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*|\"[^\"]*\"|'[^']*')[ \t]*=(?P<value>.*)\Z", re.DOTALL)
_NUMBER_RE = re.compile(r"[0-9]{1,4}\Z")  # bounded: int() refuses very long digit strings

_SPECIALS = frozenset({"@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")

#: name, lowest, highest and the names allowed instead of numbers (Linux only).
_TIME_FIELDS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day-of-month", 1, 31, ()),
    ("month", 1, 12, _MONTHS),
    ("day-of-week", 0, 7, _DAYS),
)
#: AIX counts the days of the week 0 (Sunday) to 6; Linux also takes 7 for Sunday.
_AIX_LAST_DAY = 6

_MISSING = "expected 5 time fields and a command"
_MISSING_WITH_USER = "expected 5 time fields, a user and a command"
_AIX_NO_ENV = "environment assignment lines are not supported by AIX cron"
_NO_LOG_UNPRIVILEGED = "only root and system crontabs may use the '-' (no syslog) prefix"
_NO_LOG_DETACHED = "'-' (no syslog) must come right before the minute field or @special"
_STAR_COMMAND = "a command or user cannot start with '*' (a sixth time field?)"


def parse_crontab(
    text: str,
    *,
    path: str = "",
    system: bool = False,
    extensions: bool = True,
    cronie: bool = False,
    privileged: bool = True,
) -> Crontab:
    """Read a crontab as cron does; ``path`` is only recorded in :class:`Malformed` evidence.

    ``system``: the sixth field names the user (``/etc/crontab``, ``/etc/cron.d``).
    ``extensions``: Linux cron, which takes ``NAME=value`` lines and ``@daily``
    style specials; without them (AIX) such lines are malformed and PATH lines
    have no effect, so every entry keeps :data:`DEFAULT_PATH`.
    ``cronie``: cronie (RHEL, SUSE) also takes a ``-`` right before the minute
    field or ``@special`` (the job is not logged to syslog), in system crontabs
    and in root's own (``privileged``); other users' lines with it are refused
    (cronie's ``load_entry``: "Only privileged user can disable logging").
    """
    entries: list[CronEntry] = []
    malformed: list[Malformed] = []
    env: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        content = line.lstrip(_BLANKS)
        if not content or content.startswith("#"):
            continue
        assignment = _assignment(content)
        if assignment is not None:
            if extensions:
                env[assignment[0]] = assignment[1]
            else:
                malformed.append(Malformed(path, number, line, _AIX_NO_ENV))
            continue
        search_path = env.get("PATH", DEFAULT_PATH)
        result = _entry(path, number, line, system=system, extensions=extensions, search_path=search_path)
        if cronie and isinstance(result, Malformed) and content.startswith("-"):
            result = _unlogged_entry(path, number, line, system=system, privileged=privileged, search_path=search_path)
        if isinstance(result, Malformed):
            malformed.append(result)
        else:
            entries.append(result)
    return Crontab(tuple(entries), env, tuple(malformed))


def _assignment(content: str) -> tuple[str, str] | None:
    """``NAME=value`` / ``NAME = "value"`` as cron reads it, or None for any other line."""
    match = _ASSIGNMENT_LINE_RE.match(content)
    if match is None:
        return None
    return _unquote(match["name"]), _unquote(match["value"].strip(_BLANKS))


def _unquote(text: str) -> str:
    """Drop one pair of matching quotes around a whole value, as cron does."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _entry(path: str, number: int, line: str, *, system: bool, extensions: bool, search_path: str) -> CronEntry | Malformed:
    """One job line: schedule, optional user, then the command up to the first ``%``."""
    content = line.lstrip(_BLANKS)
    missing = _MISSING_WITH_USER if system else _MISSING
    if content.startswith("@"):
        fields, rest = _take_fields(content, 1)
        schedule = fields[0]
        problem = _special_problem(schedule, extensions)
    else:
        fields, rest = _take_fields(content, 5)
        if len(fields) < 5:
            return Malformed(path, number, line, missing)
        schedule = " ".join(fields)
        problem = _time_problem(fields, extensions)
    if problem is not None:
        return Malformed(path, number, line, problem)
    if extensions and rest.startswith("*"):
        return Malformed(path, number, line, _STAR_COMMAND)
    user = None
    if system:
        users, rest = _take_fields(rest, 1)
        if not users:
            return Malformed(path, number, line, missing)
        user = users[0]
    command = _before_percent(rest)
    if not command.strip(_BLANKS):
        return Malformed(path, number, line, "empty command")
    return CronEntry(number, schedule, user, command, search_path, command_programs(command))


def _unlogged_entry(
    path: str, number: int, line: str, *, system: bool, privileged: bool, search_path: str
) -> CronEntry | Malformed:
    """cronie's ``-`` prefix: the rest of the line is an ordinary entry that cron does not log."""
    content = line.lstrip(_BLANKS)
    if content[1:2] in ("", " ", "\t"):
        return Malformed(path, number, line, _NO_LOG_DETACHED)
    if not (system or privileged):
        return Malformed(path, number, line, _NO_LOG_UNPRIVILEGED)
    result = _entry(path, number, content[1:], system=system, extensions=True, search_path=search_path)
    if isinstance(result, Malformed):
        return Malformed(path, number, line, result.reason)
    return replace(result, logged=False)


def _take_fields(text: str, count: int) -> tuple[list[str], str]:
    """Up to ``count`` blank-separated fields, and the rest with its leading blanks removed."""
    fields: list[str] = []
    rest = text.lstrip(_BLANKS)
    while len(fields) < count:
        match = _FIELD_RE.match(rest)
        if match is None:
            break
        fields.append(match[1])
        rest = rest[match.end() :]
    return fields, rest


def _special_problem(special: str, extensions: bool) -> str | None:
    """Why an ``@`` schedule is not accepted, or None."""
    if not extensions:
        return f"@ specials such as {special!r} are not supported by AIX cron"
    if special not in _SPECIALS:
        return f"unknown special {special!r}"
    return None


def _time_problem(fields: list[str], extensions: bool) -> str | None:
    """The first time field cron would reject, as a reason, or None."""
    for value, (name, low, high, names) in zip(fields, _TIME_FIELDS, strict=False):
        if not extensions:
            names = ()
            if name == "day-of-week":
                high = _AIX_LAST_DAY
        if not all(_valid_time_item(item, low, high, names) for item in value.split(",")):
            return f"bad {name} field {value!r}"
    return None


def _valid_time_item(item: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    """One list element: ``*``, ``N`` or ``N-M``, optionally followed by ``/step``."""
    base, slash, step = item.partition("/")
    if slash and not (_NUMBER_RE.match(step) and int(step) > 0):
        return False
    if base == "*":
        return True
    first, dash, last = base.partition("-")
    values = (first, last) if dash else (first,)
    return all(_valid_time_value(value, low, high, names) for value in values)


def _valid_time_value(value: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    """A number in range, or a month/day name where cron takes names."""
    if _NUMBER_RE.match(value):
        return low <= int(value) <= high
    return value.lower() in names


def _before_percent(rest: str) -> str:
    """The command up to the first unescaped ``%``; cron feeds what follows to stdin.

    ``\\%`` is a literal ``%``; any other backslash is kept for the shell, and
    the character after it is never taken as a terminator (as cron does).
    """
    out: list[str] = []
    index = 0
    while index < len(rest):
        char = rest[index]
        if char == "%":
            break
        if char == "\\" and index + 1 < len(rest):
            following = rest[index + 1]
            out.append("%" if following == "%" else char + following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)
