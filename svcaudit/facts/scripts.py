"""The text of the scripts a job runs, for the umask controls (CRON-14, AT-08).

A job's program may be a script (its umask counts) or a binary (it has none to
read).  The second batch reads each resolved program with the collector's
`script` op, bounded by the read limit, which sends a binary's first block only; interpreters themselves (ksh, perl ...)
are never read.  Content with a NUL byte is a binary.  Other text is read as a
shell script when it starts with a shell's `#!` line or with none (the shell
runs a file without one); any other `#!` names another language.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Literal

from svcaudit.collect.batch import Request
from svcaudit.facts.host import HostFacts
from svcaudit.parsers.shellcmd import is_interpreter

_SHELLS = frozenset({"sh", "bsh", "ksh", "ksh93", "bash", "dash", "zsh", "csh", "tcsh", "psh", "rksh"})
_SHEBANG_RE = re.compile(r"#!\s*(\S+)(?:\s+(\S+))?")

Kind = Literal["shell", "other", "binary"]


@dataclass(frozen=True)
class Script:
    """A program's content: ``kind`` says how to read it; ``language`` names a non-shell interpreter."""

    path: str
    kind: Kind
    text: str
    language: str = ""


def reads(paths: list[str]) -> list[Request]:
    """Second-batch reads of the files a job may run, minus interpreters."""
    return [Request("script", path) for path in dict.fromkeys(paths) if not is_interpreter(path)]


def script(facts: HostFacts, path: str) -> Script:
    """What ``path`` holds; NotAssessed when it was not read or only in part (and is not a binary)."""
    record = facts.batch.contents.get(path)
    if record is not None and record.truncated and "\0" in (record.text or ""):
        return Script(path, "binary", "")
    text = facts.content(path)
    if "\0" in text:
        return Script(path, "binary", "")
    shebang = _SHEBANG_RE.match(text)
    if shebang is None:
        return Script(path, "shell", text)
    program = posixpath.basename(shebang.group(1))
    if program == "env" and shebang.group(2):
        program = shebang.group(2)
    return Script(path, "shell" if program in _SHELLS else "other", text, program)


def mentions_umask(text: str) -> bool:
    return re.search(r"\bumask\b", text) is not None
