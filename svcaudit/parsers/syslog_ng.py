"""Read where syslog-ng sends each facility: its filters, destinations and log paths, as syslog rules.

The mail and cron controls ask one question of a syslog configuration: which local files receive a
facility's messages (:mod:`svcaudit.parsers.syslog` answers it for syslogd and rsyslog).  syslog-ng
(SUSE can run it instead of rsyslog; /etc/syslog-ng/syslog-ng.conf) says it in three parts::

    filter f_mail { facility(mail); };
    destination mail { file("/var/log/mail" perm(0640)); };
    log { source(src); filter(f_mail); destination(mail); };

This module reads only that: ``filter`` statements built from ``facility()``, ``level()``/
``priority()``, ``filter()``, ``and``, ``or``, ``not`` and parentheses; ``destination`` statements
(``file()`` is a local file; ``network()``, ``tcp()``, ``udp()``, ``syslog()`` are remote;
``usertty()`` is users; ``program()``/``pipe()`` are pipes); and top-level ``log`` paths with their
``filter()``, ``destination()`` and ``flags(final)``.  Each log path and file destination becomes a
:class:`~svcaudit.parsers.syslog.Rule` whose selectors are the facility/level pairs the filters let
through, so the same ``covers`` answers for syslog-ng too.

A filter part the audit cannot evaluate (``program()``, ``match()``, ``message()``, ``host()``...)
is unknown: a log path whose mail or cron messages depend on one is reported as
:class:`~svcaudit.parsers.syslog.Unparsed`, never guessed; for other facilities it counts as
receiving them (a file that may get other messages is not taken as cron's own).  Nested log paths,
junctions and ``flags(fallback)`` are reported the same way.

The parser is a pure function: text in, data out; it never raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.syslog import LEVELS, Kind, Rule, Selector, SyslogConf, Unparsed

__all__ = ["FACILITIES", "parse_syslog_ng_conf"]

#: The facilities syslog-ng knows by name (syslog-ng's facility() documentation).
FACILITIES: tuple[str, ...] = (
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "security",
    "console",
    "solaris-cron",
    *(f"local{n}" for n in range(8)),
)
#: The facilities the controls judge: an unknown filter result for these leaves the log path unread.
JUDGED = frozenset({"mail", "cron"})
_ALIASES = {"warn": "warning", "error": "err", "panic": "emerg", "authpriv": "authpriv", "security": "auth"}
_TOKEN_RE = re.compile(
    r"""\s+|\#[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{}();,]|[^\s{}();,"'\#]+""",
    re.DOTALL,
)
_REMOTE = frozenset({"network", "tcp", "udp", "tcp6", "udp6", "syslog", "unix-dgram", "unix-stream", "http"})


@dataclass(frozen=True)
class _Token:
    text: str
    line: int


@dataclass(frozen=True)
class _Statement:
    keyword: str
    name: str
    body: list[_Token]
    line: int
    text: str


#: A filter's verdict for one (facility, level): True, False, or None when it depends on what the audit cannot see.
Verdict = bool | None


def parse_syslog_ng_conf(text: str, path: str) -> SyslogConf:
    """Parse one syslog-ng configuration file's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return SyslogConf(rules=(), includes=(), unparsed=(Unparsed(path, 0, "", reason),))


def _parse(text: str, path: str) -> SyslogConf:
    includes: list[str] = []
    lines = text.split("\n")
    kept: list[str] = []
    for raw in lines:
        stripped = raw.strip()
        if stripped.startswith("@"):
            word, _, rest = stripped.partition(" ")
            if word == "@include":
                includes.append(rest.strip().strip("\"'"))
            kept.append("")  # @version, @include, @define: pragmas, not statements
        else:
            kept.append(raw)
    tokens = _tokens("\n".join(kept))
    statements, unparsed = _statements(tokens, path, lines)
    filters = {s.name: s for s in statements if s.keyword == "filter"}
    destinations = {s.name: s for s in statements if s.keyword == "destination"}
    rules: list[Rule] = []
    consumed: set[tuple[str, int]] = set()  # (facility, level) taken by an earlier flags(final) path
    for statement in statements:
        if statement.keyword != "log":
            continue
        found, problem = _log_rules(statement, filters, destinations, consumed, path)
        if problem:
            unparsed.append(Unparsed(path, statement.line, statement.text, problem))
        rules += found
    return SyslogConf(tuple(rules), tuple(includes), tuple(unparsed))


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    line = 1
    for match in _TOKEN_RE.finditer(text):
        value = match.group(0)
        if value.strip() and not value.startswith("#"):
            out.append(_Token(value, line))
        line += value.count("\n")
    return out


def _statements(tokens: list[_Token], path: str, lines: list[str]) -> tuple[list[_Statement], list[Unparsed]]:
    """``keyword [name] { ... };`` at the top level; anything else is reported."""
    statements: list[_Statement] = []
    unparsed: list[Unparsed] = []
    index = 0
    while index < len(tokens):
        start = tokens[index]
        head = []
        while index < len(tokens) and tokens[index].text not in ("{", ";"):
            head.append(tokens[index].text)
            index += 1
        if index >= len(tokens) or tokens[index].text == ";":
            if head:
                unparsed.append(Unparsed(path, start.line, _line(lines, start.line), "not a syslog-ng statement"))
            index += 1
            continue
        depth, body_start = 0, index + 1
        while index < len(tokens):
            if tokens[index].text == "{":
                depth += 1
            elif tokens[index].text == "}":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        if depth != 0:
            unparsed.append(Unparsed(path, start.line, _line(lines, start.line), "unbalanced braces"))
            break
        body = tokens[body_start:index]
        index += 1
        if index < len(tokens) and tokens[index].text == ";":
            index += 1
        keyword = head[0] if head else ""
        name = head[1] if len(head) > 1 else ""
        statements.append(_Statement(keyword, name, body, start.line, _line(lines, start.line)))
    return statements, unparsed


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def _calls(body: list[_Token]) -> list[tuple[str, list[str]]] | None:
    """``name(args); name(args);`` as (name, argument words); None when the body holds anything else."""
    calls: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(body):
        if body[index].text == ";":
            index += 1
            continue
        if index + 1 >= len(body) or body[index + 1].text != "(":
            return None
        name, depth, args = body[index].text, 0, []
        index += 1
        while index < len(body):
            text = body[index].text
            depth += text == "("
            depth -= text == ")"
            if depth == 0:
                break
            if text not in ("(", ")") or depth > 1:
                args.append(text)
            index += 1
        calls.append((name, args))
        index += 1
    return calls


def _log_rules(
    statement: _Statement,
    filters: dict[str, _Statement],
    destinations: dict[str, _Statement],
    consumed: set[tuple[str, int]],
    path: str,
) -> tuple[list[Rule], str]:
    calls = _calls(statement.body)
    if calls is None:
        return [], "nested log paths, junctions or inline objects are not evaluated"
    names = {name for name, _ in calls}
    if names - {"source", "filter", "destination", "flags"}:
        return [], f"log path items {', '.join(sorted(names - {'source', 'filter', 'destination', 'flags'}))} not evaluated"
    flags = {arg.strip(",") for name, args in calls if name == "flags" for arg in args}
    if "fallback" in flags:
        return [], "flags(fallback) is not evaluated"
    wanted = [args[0] for name, args in calls if name == "filter" and args]
    accepted: dict[str, set[int]] = {}
    for facility in FACILITIES:
        for level in range(len(LEVELS)):
            verdict = _all_filters(wanted, filters, facility, level, set())
            if verdict is None and facility in JUDGED:
                return [], f"whether {facility} messages reach it depends on a filter the audit cannot evaluate"
            if verdict is not False and (facility, level) not in consumed:
                accepted.setdefault(facility, set()).add(level)
    if "final" in flags:
        consumed.update((f, lv) for f, levels in accepted.items() for lv in levels)
    selectors = _selectors(accepted)
    rules: list[Rule] = []
    for name, args in calls:
        if name != "destination" or not args:
            continue
        for kind, file in _destination(destinations.get(args[0])):
            rules.append(Rule(path, statement.line, statement.text, selectors, args[0], kind, file))
    return rules, ""


def _selectors(accepted: dict[str, set[int]]) -> tuple[Selector, ...]:
    """The facility/level pairs as rsyslog-style selectors: ``*.*`` when all, else ``facility.=level`` each."""
    if all(len(accepted.get(f, ())) == len(LEVELS) for f in FACILITIES):
        return (Selector(("*",), "*"),)
    out: list[Selector] = []
    for facility, levels in accepted.items():
        if len(levels) == len(LEVELS):
            out.append(Selector((facility,), "*"))
        else:
            out += [Selector((facility,), "=" + LEVELS[level]) for level in sorted(levels)]
    return tuple(out) or (Selector(("*",), "none"),)


def _destination(statement: _Statement | None) -> list[tuple[Kind, str | None]]:
    if statement is None:
        return [("other", None)]
    calls = _calls(statement.body)
    if calls is None:
        return [("other", None)]
    found: list[tuple[Kind, str | None]] = []
    for name, args in calls:
        target = args[0].strip("\"'") if args else ""
        if name == "file" and target.startswith("/") and "$" not in target:
            found.append(("file", target))
        elif name in _REMOTE:
            found.append(("remote", None))
        elif name == "usertty":
            found.append(("users", None))
        elif name in ("program", "pipe"):
            found.append(("pipe", None))
        else:
            found.append(("other", None))
    return found


def _all_filters(names: list[str], filters: dict[str, _Statement], facility: str, level: int, seen: set[str]) -> Verdict:
    """AND of the named filters (no filter: every message)."""
    result: Verdict = True
    for name in names:
        result = _and(result, _named(name, filters, facility, level, seen))
    return result


def _named(name: str, filters: dict[str, _Statement], facility: str, level: int, seen: set[str]) -> Verdict:
    statement = filters.get(name)
    if statement is None or name in seen:
        return None
    words = [t.text for t in statement.body]
    while words and words[-1] == ";":
        words.pop()
    parser = _Expression(words, filters, facility, level, seen | {name})
    result = parser.expression()
    return result if parser.done() else None


class _Expression:
    """Three-valued evaluation of one filter expression for one facility and level."""

    def __init__(self, words: list[str], filters: dict[str, _Statement], facility: str, level: int, seen: set[str]):
        self.words, self.index = words, 0
        self.filters, self.facility, self.level, self.seen = filters, facility, level, seen
        self.broken = False

    def done(self) -> bool:
        return not self.broken and self.index == len(self.words)

    def _peek(self) -> str:
        return self.words[self.index].lower() if self.index < len(self.words) else ""

    def expression(self) -> Verdict:
        result = self._term()
        while self._peek() == "or":
            self.index += 1
            result = _or(result, self._term())
        return result

    def _term(self) -> Verdict:
        result = self._factor()
        while self._peek() == "and":
            self.index += 1
            result = _and(result, self._factor())
        return result

    def _factor(self) -> Verdict:
        word = self._peek()
        if word == "not":
            self.index += 1
            value = self._factor()
            return None if value is None else not value
        if word == "(":
            self.index += 1
            value = self.expression()
            if self._peek() != ")":
                self.broken = True
            self.index += 1
            return value
        if not word or self.index + 1 >= len(self.words) or self.words[self.index + 1] != "(":
            self.broken = True
            self.index = len(self.words)
            return None
        self.index += 2
        args: list[str] = []
        depth = 1
        while self.index < len(self.words):
            text = self.words[self.index]
            depth += text == "("
            depth -= text == ")"
            self.index += 1
            if depth == 0:
                break
            if text != ",":
                args.append(text.strip("\"'").lower())
        return self._call(word, args)

    def _call(self, name: str, args: list[str]) -> Verdict:
        if name == "facility":
            names = {_ALIASES.get(a, a) for arg in args for a in arg.split(",") if a}
            return _ALIASES.get(self.facility, self.facility) in names
        if name in ("level", "priority"):
            return self.level in _levels(args)
        if name == "filter" and args:
            return _named(args[0], self.filters, self.facility, self.level, self.seen)
        return None  # program(), match(), message(), host(), netmask(), tags(): not known from configuration


def _levels(args: list[str]) -> set[int]:
    """level(info), level(warning..emerg), level(err, crit): the severity indexes named."""
    out: set[int] = set()
    for arg in args:
        for part in arg.split(","):
            low, dots, high = part.partition("..")
            first, last = _level(low), _level(high) if dots else _level(low)
            if first is not None and last is not None:
                out.update(range(min(first, last), max(first, last) + 1))
    return out


def _level(name: str) -> int | None:
    name = _ALIASES.get(name.strip(), name.strip())
    return LEVELS.index(name) if name in LEVELS else None


def _and(left: Verdict, right: Verdict) -> Verdict:
    if left is False or right is False:
        return False
    if left is None or right is None:
        return None
    return True


def _or(left: Verdict, right: Verdict) -> Verdict:
    if left is True or right is True:
        return True
    if left is None or right is None:
        return None
    return False
