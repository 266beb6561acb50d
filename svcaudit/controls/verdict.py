"""The one verdict policy every control ends with.

A control gathers what it found and calls `verdict` once:

- problems: the control fails, every problem listed under the expectation that was not met
  (`expected:` / `found:`), then its caveats (`also:`) and the fix: the lines the control worked out
  from what it found (the file, line and syntax in use), else the catalog's fix (`fix:`);
- no problems but reasons it could not be assessed (a command not followed, a probe that went
  silent): the control is not assessed, never passed, and the message lists the reasons and caveats;
- neither: the control passes, and its caveats are recorded in `CONTEXT` for the reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import NoReturn

import pytest

from svcaudit.facts.host import NotAssessed


@dataclass(frozen=True)
class Context:
    """Set by the plugin before each control runs: what a failure message should add."""

    fix: str = ""
    note: str = ""
    #: Caveats of a passing control (a line that could not be parsed, a file skipped): the plugin reports them.
    notes: tuple[str, ...] = ()


CONTEXT: ContextVar[Context] = ContextVar("svcaudit_control_context", default=Context())  # noqa: B039 (frozen, immutable)


def printable(line: str) -> str:
    """A line of evidence as plain text: control characters (a terminal escape sequence read from a file
    included) and undecodable bytes are shown escaped, `\\x1b`, never sent to a terminal or report raw."""
    return line if line.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in line)


def not_applicable(reason: str) -> NoReturn:
    """Skip the control as N/A: the record's own reason, never a missing file that is the finding."""
    __tracebackhide__ = True
    pytest.skip(f"N/A: {reason}")


def _indented(title: str, lines: Iterable[str]) -> list[str]:
    return [title] + [f"  {line}" for line in lines]


def not_assessed_message(reasons: list[str], notes: list[str], title: str = "") -> str:
    """One reason alone is the message; several go under the title (or a plain one)."""
    if len(reasons) == 1 and not title:
        lines = [reasons[0]]
    else:
        lines = _indented(f"{title or 'could not be assessed'}:", reasons)
    extra = [n for n in notes if n not in reasons]
    if extra:
        lines += _indented("also:", extra)
    return "\n".join(lines)


def verdict(
    expected: str,
    problems: list[str],
    notes: Iterable[str] = (),
    *,
    unassessed: Iterable[str] = (),
    unassessed_title: str = "",
    fix: Iterable[str] = (),
) -> None:
    """Fail with every problem; else leave the control not assessed for any reason given; else pass with the notes.

    `fix`: remediation lines for exactly what was found (`in /etc/mail/sendmail.cf line 12, change OL5 to OL9`);
    they come before the catalog's general fix, which follows as `fix (general):`.
    """
    __tracebackhide__ = True
    problems = [printable(p) for p in problems]
    caveats = list(dict.fromkeys(printable(n) for n in notes))
    reasons = list(dict.fromkeys(printable(r) for r in unassessed))
    if problems:
        lines = [f"expected: {expected}", "found:"] + [f"  {p}" for p in problems]
        extra = caveats + [r for r in reasons if r not in caveats]
        if extra:
            lines += _indented("also:", extra)
        context = CONTEXT.get()
        specific = list(dict.fromkeys(fix))
        lines += [f"fix: {line}" for line in specific]
        if context.fix:
            lines.append(f"fix (general): {context.fix}" if specific else f"fix: {context.fix}")
        if context.note:
            lines.append(context.note)
        raise AssertionError("\n".join(lines))
    if reasons:
        raise NotAssessed(not_assessed_message(reasons, caveats, unassessed_title))
    context = CONTEXT.get()
    CONTEXT.set(replace(context, notes=context.notes + tuple(n for n in caveats if n not in context.notes)))
