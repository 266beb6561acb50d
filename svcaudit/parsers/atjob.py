"""Read a pending at job file: the preamble at(1) writes, and the user's own commands.

AT-07 judges the programs a pending job runs and AT-08 the umask it sets, so
both need the commands the user gave at(1), apart from the environment
preamble at(1) writes before them.  Two layouts:

* Linux ``at`` (Debian and RHEL, the same upstream; real files in
  tests_meta/realworld/debian12/generated/at)::

      #!/bin/sh
      # atrun uid=0 gid=0
      # mail root 0
      umask 22
      PATH=/usr/local/sbin:...; export PATH
      cd /root || {
               echo 'Execution directory inaccessible' >&2
               exit 1
      }
      <the user's commands>

  Some builds hand the commands to ``${SHELL:-/bin/sh} << 'marcinDELIMITER...'``
  instead; the here-document body is then the user's commands.
* AIX (System V cron, reconstructed from the proto(4) documentation, not from a
  real AIX file): a ``: at job`` or ``: batch job`` header, ``NAME=value;
  export NAME`` lines, then /var/adm/cron/.proto as shipped (``cd $d``,
  ``ulimit $l``, ``umask $m``) with ``$<`` replaced by the user's commands.

The preamble is the leading run of comment lines, ``: ...`` headers,
``NAME=value; export NAME`` assignments (backslash-newline continued),
``ulimit``, ``cd DIR`` (with Linux at's ``|| { ... }`` block) and the first
``umask`` line, which is the submitter's umask recorded by at(1).  Everything
after it is the user's.

A pure function: text in, data out; it never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AtJob", "parse_atjob"]

_ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(.*); export \1\Z", re.DOTALL)
_UMASK_RE = re.compile(r"umask\s+(\S+)\s*\Z")
_CD_BLOCK_RE = re.compile(r"cd\s+.*\|\|\s*\{\s*\Z")
_HEREDOC_RE = re.compile(r"\$\{SHELL:-/bin/sh\}\s*<<\s*'?([A-Za-z0-9_]+)'?\s*\Z")


@dataclass(frozen=True)
class AtJob:
    """A job file split in two: ``umask`` is the value at(1) recorded (None if none), ``commands`` the user's
    text and ``command_line`` the job-file line it starts on; ``path`` is the job's PATH (None: not set)."""

    umask: str | None
    umask_line: int
    commands: str
    command_line: int
    path: str | None


def parse_atjob(text: str) -> AtJob:
    lines = text.split("\n")
    index = 0
    umask: str | None = None
    umask_line = 0
    path: str | None = None
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        logical, end = _logical(lines, index)
        assignment = _ASSIGN_RE.match(logical.strip())
        if not stripped or stripped.startswith("#") or stripped.startswith(":"):
            index += 1
        elif assignment is not None:
            if assignment.group(1) == "PATH":
                path = _unescape(assignment.group(2))
            index = end
        elif umask is None and (match := _UMASK_RE.match(stripped)):
            umask, umask_line = match.group(1), index + 1
            index += 1
        elif _CD_BLOCK_RE.match(stripped):
            index = _after_block(lines, index + 1)
        elif stripped.startswith(("cd ", "ulimit ")):
            index += 1
        else:
            break
    body_start = index
    body = lines[index:]
    heredoc = _HEREDOC_RE.match(body[0].strip()) if body else None
    if heredoc is not None:
        delimiter = heredoc.group(1)
        rest = body[1:]
        end_at = next((i for i, line in enumerate(rest) if line == delimiter), len(rest))
        body, body_start = rest[:end_at], index + 1
    return AtJob(umask, umask_line, "\n".join(body), body_start + 1, path)


def _logical(lines: list[str], index: int) -> tuple[str, int]:
    """The line at ``index`` joined with the lines a trailing backslash continues it onto; and the next index."""
    parts = [lines[index]]
    while _continued(parts[-1]) and index + 1 < len(lines):
        index += 1
        parts.append(lines[index])
    return "\n".join(parts), index + 1


def _continued(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1


def _after_block(lines: list[str], index: int) -> int:
    """Index past the ``}`` line that closes Linux at's ``cd DIR || {`` block."""
    while index < len(lines):
        if lines[index].strip() == "}":
            return index + 1
        index += 1
    return index


def _unescape(value: str) -> str:
    """at(1) writes values with a backslash before each special character; backslash-newline is a newline."""
    return re.sub(r"\\(.)", r"\1", value, flags=re.DOTALL)
