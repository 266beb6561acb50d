"""The one umask judgement of the job controls: CRON-14 (cron, V-4360) and AT-08 (at, V-4366).

A ``umask`` looser than 077 (one that leaves any group or other bit open) in a job's command line, in
an at job's preamble, or in a shell script the job runs is a problem; a ``umask`` whose operand is
known only at run time (``umask $MASK``) or cannot be read leaves the control not assessed, and so
does a script that could not be read whole (a binary is recognised and has no umask to judge).  A
script in another language (perl, python ...) that mentions ``umask`` is not analysed: it is listed
for review by hand (not assessed), never passed.
"""

from __future__ import annotations

import re

from svcaudit.controls.checks import show
from svcaudit.facts import scripts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.parsers.shellcmd import UmaskCall, umask_calls

__all__ = ["Findings", "UmaskCall", "in_commands", "in_script", "judge"]
from svcaudit.parsers.umask import umask_effect

Findings = tuple[list[str], list[str]]  # problems, reasons not assessed


def judge(where: str, call: UmaskCall, context: str = "") -> Findings:
    """One ``umask`` call at ``where`` (path:line): a problem if it loosens the mask, a reason if unknown."""
    said = f"{where}: {call.text}" + (f" ({context})" if context else "")
    if call.dynamic:
        return [], [f"{said}: the mask is known only at run time"]
    effect = umask_effect(call.args)
    if effect.outcome == "loosens":
        return [f"{said}: {effect.why}"], []
    if effect.outcome == "unknown":
        return [], [f"{said}: {effect.why}"]
    return [], []


def in_commands(path: str, text: str, first_line: int = 1) -> Findings:
    """Every ``umask`` in shell text read from ``path`` whose first line is line ``first_line``."""
    problems: list[str] = []
    unassessed: list[str] = []
    lines = text.split("\n")
    start = 0
    for call in umask_calls(text):
        start = _line_of(lines, call, start)
        found, unknown = judge(f"{show(path)}:{first_line + start}", call)
        problems += found
        unassessed += unknown
    return problems, unassessed


def in_script(facts: HostFacts, named: str, path: str) -> Findings:
    """The umask calls of the script at ``path`` that a job (``named``: where and as whom) runs."""
    try:
        content = scripts.script(facts, path)
    except NotAssessed as exc:
        return [], [f"{named}: runs {show(path)}, whose umask calls cannot be checked: {exc}"]
    if content.kind == "binary":
        return [], []
    if content.kind == "other":
        if scripts.mentions_umask(content.text):
            return [], [f"{named}: runs {show(path)}, a {content.language} script that mentions umask: review it by hand"]
        return [], []
    problems, unassessed = in_commands(path, content.text)
    return [f"{named}: runs {p}" for p in problems], [f"{named}: runs {u}" for u in unassessed]


def _line_of(lines: list[str], call: UmaskCall, start: int) -> int:
    """Index of the first line from ``start`` that holds this umask call (``start`` if none is found)."""
    words = [re.escape(word) for word in call.text.split()[1:]]
    pattern = re.compile(r"\bumask\b" + "".join(r".*" + w for w in words))
    return next((i for i in range(start, len(lines)) if pattern.search(lines[i])), start)
