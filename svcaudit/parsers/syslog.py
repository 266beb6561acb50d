"""Parse syslogd / rsyslog configuration into routing rules.

Controls need to know whether messages of a facility (mail, cron) at a given
level reach a local file, and which files those are, so that the files' owner
and mode can be checked.  Inputs are AIX ``/etc/syslog.conf`` (classic BSD
syslogd) and Linux ``/etc/rsyslog.conf`` / ``/etc/rsyslog.d/*.conf`` (rsyslog
legacy selector syntax).

The parser is a pure function: text in, data out.  It never touches the
filesystem and never raises on bad input.  Anything it cannot read (malformed
selectors, RainerScript, property-based filters, unbalanced statements) is
reported as :class:`Unparsed` (that is :class:`~svcaudit.parsers.common.Malformed`), so a caller can show it as evidence
instead of
silently treating it as compliant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from svcaudit.parsers.common import Malformed

__all__ = [
    "LEVELS",
    "Rule",
    "Selector",
    "SyslogConf",
    "Unparsed",
    "covers",
    "file_rules_for",
    "merge",
    "parse_syslog_conf",
]

#: Syslog levels, most to least severe (index 0 is the most severe).
LEVELS: tuple[str, ...] = ("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug")

Kind = Literal["file", "remote", "users", "pipe", "discard", "other"]

_ALIASES: dict[str, str] = {"panic": "emerg", "error": "err", "warn": "warning"}
_SEVERITY: dict[str, int] = {name: index for index, name in enumerate(LEVELS)}
_ALL_LEVELS: frozenset[int] = frozenset(range(len(LEVELS)))
_LEVEL_PREFIXES: tuple[str, ...] = ("!=", "!", "=")  # longest first

_FACILITY_RE = re.compile(r"[a-z0-9]+")
_USERS_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*(?:,[A-Za-z_][A-Za-z0-9_.-]*)*")
_CALL_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_KEYWORD_RE = re.compile(
    r"(?:if|else|foreach|ruleset|call|call_indirect|set|unset|reset|stop|continue)(?=[\s(]|$)",
    re.IGNORECASE,
)
_QUOTED_RE = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.DOTALL)
_THEN_RE = re.compile(r"(?<![\w$])then(?!\w)", re.IGNORECASE)
_ENDS_OPEN_RE = re.compile(r"(?<![\w$])(?:then|else)\s*$", re.IGNORECASE)
_INCLUDE_FILE_RE = re.compile(r"\bfile\s*=\s*\"([^\"]*)\"", re.IGNORECASE)
_COMMENT_RE = re.compile(r"\s#")

#: RainerScript objects that configure rsyslog but never route a message.
_IGNORED_OBJECTS: frozenset[str] = frozenset(
    {
        "module",
        "input",
        "global",
        "template",
        "main_queue",
        "timezone",
        "lookup_table",
        "parser",
        "dyn_stats",
        "percentile_stats",
        "ratelimit",
    }
)
#: A multi-line statement longer than this is reported instead of swallowing the file.
_MAX_STATEMENT_LINES = 200
_REASON_EXCERPT = 60


@dataclass(frozen=True)
class Selector:
    """One ``facility[,facility].level`` term; order matters, later terms modify earlier ones."""

    facilities: tuple[str, ...]
    level: str


@dataclass(frozen=True)
class Rule:
    """A selector line with its destination, kept with its origin for evidence."""

    path: str
    line: int
    text: str
    selectors: tuple[Selector, ...]
    destination: str
    kind: Kind
    file: str | None


#: A line the parser could not evaluate: the one malformed-line type every parser uses.
Unparsed = Malformed


@dataclass(frozen=True)
class SyslogConf:
    """Everything read from one (or, after :func:`merge`, several) configuration files."""

    rules: tuple[Rule, ...]
    includes: tuple[str, ...]
    unparsed: tuple[Unparsed, ...]


# --------------------------------------------------------------------------- public API


def parse_syslog_conf(text: str, path: str) -> SyslogConf:
    """Parse one configuration file's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return SyslogConf(rules=(), includes=(), unparsed=(Unparsed(path, 0, "", reason),))


def covers(rule: Rule, facility: str, level: str) -> bool:
    """Tell whether ``rule`` receives messages of ``facility`` at ``level``.

    Selectors are applied left to right to a set of enabled levels, as
    sysklogd/rsyslog do.  An unknown level never matches.
    """
    wanted = _canonical_level(level)
    if wanted is None:
        return False
    facility = facility.strip().lower()
    enabled: frozenset[int] = frozenset()
    for selector in rule.selectors:
        if facility in selector.facilities or "*" in selector.facilities:
            enabled = _apply_level(selector.level, enabled)
    return _SEVERITY[wanted] in enabled


def merge(confs: Iterable[SyslogConf]) -> SyslogConf:
    """Combine a main file and its includes, keeping rules in the order syslogd reads them."""
    rules: list[Rule] = []
    includes: list[str] = []
    unparsed: list[Unparsed] = []
    for conf in confs:
        rules.extend(conf.rules)
        includes.extend(conf.includes)
        unparsed.extend(conf.unparsed)
    return SyslogConf(tuple(rules), tuple(includes), tuple(unparsed))


def file_rules_for(conf: SyslogConf, facility: str, level: str) -> tuple[Rule, ...]:
    """Return the local-file rules that receive ``facility`` at ``level`` (files to check)."""
    return tuple(rule for rule in conf.rules if rule.kind == "file" and covers(rule, facility, level))


# --------------------------------------------------------------------------- levels


def _canonical_level(level: str) -> str | None:
    """Map a level name or alias to its LEVELS name, or None when unknown."""
    name = level.strip().lower()
    name = _ALIASES.get(name, name)
    return name if name in _SEVERITY else None


def _apply_level(level: str, enabled: frozenset[int]) -> frozenset[int]:
    """Apply one selector's (already normalised) level to the enabled set."""
    if level == "none":
        return frozenset()
    if level == "*":
        return _ALL_LEVELS
    if level == "!*":
        return frozenset()
    negate = level.startswith("!")
    exact = level.lstrip("!").startswith("=")
    severity = _SEVERITY[level.lstrip("!=")]
    # "L" and "!L" both mean "L and everything more severe"; "=L" and "!=L" mean just L.
    affected = frozenset({severity}) if exact else frozenset(range(severity + 1))
    return enabled - affected if negate else enabled | affected


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    """A logical line: comments removed, continuations joined, 1-based start line."""

    number: int
    text: str


def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment that follows whitespace, outside quoted strings."""
    if "#" not in line:
        return line
    if '"' not in line and "'" not in line:
        match = _COMMENT_RE.search(line)
        return line[: match.start()] if match else line
    quote: str | None = None
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif quote is not None:
            escaped = char == "\\"
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and index > 0 and line[index - 1].isspace():
            return line[:index]
    return line


def _logical_lines(text: str) -> list[_Line]:
    """Split text into logical lines, joining a trailing ``\\`` with the next line."""
    lines: list[_Line] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        content = "" if stripped.startswith("#") else _strip_comment(stripped).strip()
        if not pending:
            start = number
        if content.endswith("\\"):
            pending.append(content[:-1].strip())
            continue
        pending.append(content)
        joined = " ".join(part for part in pending if part)
        pending = []
        if joined:
            lines.append(_Line(start, joined))
    leftover = " ".join(part for part in pending if part)
    if leftover:
        lines.append(_Line(start, leftover))
    return lines


def _excerpt(text: str) -> str:
    """Keep reasons short even for huge lines."""
    return text if len(text) <= _REASON_EXCERPT else text[:_REASON_EXCERPT] + "..."


# --------------------------------------------------------------------------- parse driver


class _Collector:
    """Accumulates results for one file while its lines are walked."""

    block: int = 0  # line of the open `!prog`/`+host` block, 0 when none

    def __init__(self, path: str) -> None:
        self.path = path
        self.rules: list[Rule] = []
        self.includes: list[str] = []
        self.unparsed: list[Unparsed] = []

    def reject(self, number: int, text: str, reason: str) -> None:
        """Record something that could not be evaluated."""
        self.unparsed.append(Unparsed(self.path, number, text, reason))

    def result(self) -> SyslogConf:
        """Freeze what was collected."""
        return SyslogConf(tuple(self.rules), tuple(self.includes), tuple(self.unparsed))


class _Invalid(ValueError):
    """A legacy line is malformed; the message is the Unparsed reason."""


def _parse(text: str, path: str) -> SyslogConf:
    """Walk the logical lines, one statement at a time."""
    lines = _logical_lines(text)
    out = _Collector(path)
    index = 0
    while index < len(lines):
        index = _parse_statement(lines, index, out)
    return out.result()


def _block_start(text: str) -> bool | None:
    """A BSD `!prog` / `+host` line: True opens a filtered block, False (`!*`, `+*`) closes it, None otherwise."""
    if not text or text[0] not in "!+" or text.startswith("!="):
        return None
    return text[1:].strip() not in ("*", "")


def _parse_statement(lines: list[_Line], index: int, out: _Collector) -> int:
    """Parse the statement starting at ``lines[index]``; return the next index."""
    line = lines[index]
    if line.text.startswith("$"):
        _parse_directive(line, out)
        return index + 1
    if _is_rainerscript(line.text):
        return _parse_rainerscript(lines, index, out)
    _parse_legacy(line, out)
    return index + 1


# --------------------------------------------------------------------------- $ directives


def _parse_directive(line: _Line, out: _Collector) -> None:
    """Keep ``$IncludeConfig`` patterns; other legacy directives do not route messages."""
    words = line.text[1:].split(None, 1)
    name = words[0].lower() if words else ""
    argument = words[1].strip() if len(words) > 1 else ""
    if not name:
        out.reject(line.number, line.text, "empty $ directive")
    elif name == "includeconfig":
        if argument:
            out.includes.append(argument)
        else:
            out.reject(line.number, line.text, "$IncludeConfig without a pattern")


# --------------------------------------------------------------------------- RainerScript


def _is_rainerscript(text: str) -> bool:
    """Tell whether a line starts something other than a legacy selector rule."""
    if text[0] in ":&{}" or _CALL_RE.match(text) or _KEYWORD_RE.match(text):
        return True
    _, destination = _split_field(text)
    return destination.startswith("{") or _CALL_RE.match(destination) is not None


@dataclass(frozen=True)
class _Depth:
    """Nesting state while scanning a possibly multi-line statement."""

    parens: int = 0
    braces: int = 0
    quote: str | None = None
    negative: bool = False

    @property
    def balanced(self) -> bool:
        """True when every parenthesis, brace and quote opened so far is closed."""
        return self.parens == 0 and self.braces == 0 and self.quote is None


def _scan(text: str, depth: _Depth) -> _Depth:
    """Advance the nesting state over ``text`` (quote-aware)."""
    parens, braces, quote, negative = depth.parens, depth.braces, depth.quote, depth.negative
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif quote is not None:
            escaped = char == "\\"
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "()":
            parens += 1 if char == "(" else -1
        elif char in "{}":
            braces += 1 if char == "{" else -1
        negative = negative or parens < 0 or braces < 0
    return _Depth(parens, braces, quote, negative)


def _expects_more(text: str) -> bool:
    """An ``if`` needs its ``then``; a trailing ``then``/``else`` needs its action."""
    bare = _QUOTED_RE.sub('""', text)
    if re.match(r"if(?=[\s(]|$)", bare, re.IGNORECASE) and not _THEN_RE.search(bare):
        return True
    return _ENDS_OPEN_RE.search(bare) is not None


@dataclass(frozen=True)
class _Statement:
    """A collected multi-line statement, or the reason it could not be collected."""

    text: str
    next_index: int
    error: str | None = None


def _collect_statement(lines: list[_Line], start: int) -> _Statement:
    """Join lines until parentheses, braces and quotes balance (linear: each line is looked at once)."""
    depth = _Depth()
    parts: list[str] = []
    index = start
    opens_if = re.match(r"if(?=[\s(]|$)", _QUOTED_RE.sub('""', lines[start].text), re.IGNORECASE) is not None
    then_seen = False
    while index < len(lines) and index - start < _MAX_STATEMENT_LINES:
        text = lines[index].text
        parts.append(text)
        depth = _scan(text, depth)
        bare = _QUOTED_RE.sub('""', text)
        then_seen = then_seen or _THEN_RE.search(bare) is not None
        index += 1
        if depth.negative:
            return _Statement(lines[start].text, start + 1, "unbalanced closing parenthesis or brace")
        open_end = (opens_if and not then_seen) or _ENDS_OPEN_RE.search(bare) is not None
        if depth.balanced and not open_end:
            return _Statement("\n".join(parts), index)
    return _Statement(lines[start].text, start + 1, "unbalanced parentheses, braces or quotes")


def _parse_rainerscript(lines: list[_Line], index: int, out: _Collector) -> int:
    """Handle one RainerScript statement: ignore config objects, keep includes, report the rest."""
    number = lines[index].number
    statement = _collect_statement(lines, index)
    if statement.error is not None:
        out.reject(number, statement.text, f"{statement.error}; statement not evaluated")
        return statement.next_index
    call = _CALL_RE.match(statement.text)
    name = call.group(1).lower() if call else ""
    if name in _IGNORED_OBJECTS:
        pass
    elif name == "include":
        _parse_include(number, statement.text, out)
    elif statement.text.startswith(":"):
        out.reject(number, statement.text, "property-based filter is not evaluated")
    else:
        out.reject(number, statement.text, "RainerScript is not evaluated")
    return statement.next_index


def _parse_include(number: int, text: str, out: _Collector) -> None:
    """Keep ``include(file="...")``; ``include(text=...)`` cannot be followed."""
    match = _INCLUDE_FILE_RE.search(text)
    if match and match.group(1):
        out.includes.append(match.group(1))
    else:
        out.reject(number, text, "include() without file= is not evaluated")


# --------------------------------------------------------------------------- legacy rules


def _parse_legacy(line: _Line, out: _Collector) -> None:
    """Parse ``SELECTORS DESTINATION [EXTRA...]`` or record why it cannot be."""
    block = _block_start(line.text)
    if block is not None:
        out.block = line.number if block else 0
        if block:
            out.reject(line.number, line.text, "program/host block specification is not evaluated")
        return
    if out.block:
        # Rules below `!prog` apply to that program only: never count them as logging everything.
        out.reject(line.number, line.text, "inside a program/host block (a !prog or +host line above); applies only there")
        return
    try:
        out.rules.append(_legacy_rule(line, out.path))
    except _Invalid as exc:
        out.reject(line.number, line.text, str(exc))


def _legacy_rule(line: _Line, path: str) -> Rule:
    """Build a Rule from a legacy selector line; raise _Invalid when malformed."""
    if line.text[0] in "!+":
        raise _Invalid("program/host block specification is not evaluated")
    selector_field, rest = _split_field(line.text)
    selectors = tuple(_parse_selector(raw) for raw in selector_field.split(";"))
    if not rest:
        raise _Invalid(f"selector {_excerpt(selector_field)!r} has no destination")
    destination, _ = _split_field(rest)
    kind, file = _classify_destination(destination)
    return Rule(path, line.number, line.text, selectors, destination, kind, file)


def _split_field(text: str) -> tuple[str, str]:
    """Split off the first blank-separated field, tolerating blanks after ``;`` or ``,``."""
    tokens = text.split()
    count = 1
    while count < len(tokens) and tokens[count - 1][-1] in ";,":
        count += 1
    return "".join(tokens[:count]), " ".join(tokens[count:])


def _parse_selector(raw: str) -> Selector:
    """Parse ``fac[,fac].level``; raise _Invalid with a readable reason."""
    shown = _excerpt(raw)
    if not raw:
        raise _Invalid("empty selector (stray ';')")
    facility_part, dot, level_part = raw.lower().partition(".")
    if not dot:
        raise _Invalid(f"selector {shown!r} has no level (expected facility.level)")
    if not level_part:
        raise _Invalid(f"selector {shown!r} has an empty level")
    facilities = tuple(facility_part.split(","))
    for facility in facilities:
        if facility != "*" and not _FACILITY_RE.fullmatch(facility):
            raise _Invalid(f"selector {shown!r} has an invalid facility {_excerpt(facility)!r}")
    level = _normalise_level(level_part)
    if level is None:
        raise _Invalid(f"selector {shown!r} has an unknown level {_excerpt(level_part)!r}")
    return Selector(facilities, level)


def _normalise_level(text: str) -> str | None:
    """Return the level with aliases resolved and its prefix kept, or None if unknown."""
    if text in ("*", "none", "!*"):
        return text
    prefix = next((p for p in _LEVEL_PREFIXES if text.startswith(p)), "")
    name = _canonical_level(text[len(prefix) :])
    return None if name is None else prefix + name


def _classify_destination(destination: str) -> tuple[Kind, str | None]:
    """Decide where a destination sends messages; return (kind, local file or None)."""
    target = destination.split(";", 1)[0]  # drop an rsyslog ";Template" suffix
    if target in ("~", "stop"):
        return "discard", None
    if target.startswith("@"):
        return "remote", None
    if target.startswith("|"):
        return "pipe", None
    if target.lower().startswith(":omusrmsg:") or target == "*":
        return "users", None
    if target.startswith(("/", "-/")):
        return "file", target.removeprefix("-")
    if _USERS_RE.fullmatch(target):
        return "users", None
    return "other", None
