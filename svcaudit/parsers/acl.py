"""Whether a file carries an extended ACL, from the text `aclget` (AIX) or `getfacl` (Linux) printed.

The collector runs the tool and ships its output and exit status; this module decides. It only ever
answers "none" for output it fully understood: anything else is "unknown" with the reason, never a pass.

- AIX `aclget`, AIXC type: ``extended permissions`` followed by ``disabled`` is none; ``enabled`` is
  extended (the STIG's own test, whether or not permit/deny/specify lines follow).
- AIX `aclget`, NFS4 type: an ACE for a named user (``u:``) or group (``g:``), or for a special who
  other than OWNER@, GROUP@ and EVERYONE@, is extended; ACEs for only those three (what the mode
  bits express) are none.
- Linux `getfacl --omit-header`: a named ``user:NAME:`` or ``group:NAME:`` entry, a ``mask::``
  entry or any ``default:`` entry is extended; only ``user::``, ``group::`` and ``other::`` is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

AclState = Literal["none", "extended", "unknown"]

_POSIX_ENTRY = re.compile(r"^(default:)?(user|group|mask|other):([^:]*):([rwxX-]{3})$")
_AIXC_BASE = re.compile(r"^(owner\([^)]*\)|group\([^)]*\)|others)\s*:\s*[rwx-]{3}$")
_AIXC_ENTRY = re.compile(r"^(permit|deny|specify)\s+[rwx-]{3}\s+[ug]:\s*\S.*$")
_NFS4_ACE = re.compile(r"^([ugs]):(\([^)]*\)|[^:\s]+):\s*([adlu])\s+([A-Za-z]+)(\s+[A-Za-z]+)?$")
_NFS4_PLAIN_WHO = frozenset({"(OWNER@)", "(GROUP@)", "(EVERYONE@)"})


@dataclass(frozen=True)
class AclReading:
    state: AclState
    detail: str


def unknown(reason: str) -> AclReading:
    return AclReading("unknown", reason)


def parse_acl_output(tool: str, rc: int, output: str, truncated: bool = False) -> AclReading:
    """What `tool` (run on one path) said about that path's ACL."""
    if rc != 0:
        return unknown(f"{tool} failed (exit status {rc}): {_first_line(output) or 'no message'}")
    if truncated:
        return unknown(f"{tool} printed more than the collector keeps; not evaluated")
    if tool == "aclget":
        return parse_aclget(output)
    if tool == "getfacl":
        return parse_getfacl(output)
    return unknown(f"no parser for the output of {tool or 'an unnamed tool'!r}")


def parse_getfacl(output: str) -> AclReading:
    """`getfacl --omit-header` text for one path (``#effective:`` comments and ``#`` lines ignored)."""
    base: set[str] = set()
    extended: list[str] = []
    for raw in output.splitlines():
        line = raw.split("\t#", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = _POSIX_ENTRY.match(line)
        if match is None:
            return unknown(f"getfacl printed a line that is not an ACL entry: {line[:120]!r}")
        default, tag, qualifier, _ = match.groups()
        if default or tag == "mask" or qualifier:
            extended.append(line)
        else:
            base.add(tag)
    if base != {"user", "group", "other"}:
        missing = ", ".join(f"{t}::" for t in ("user", "group", "other") if t not in base)
        return unknown(f"getfacl output lacks the base entries ({missing})")
    if extended:
        return AclReading("extended", ", ".join(extended))
    return AclReading("none", "only the user::, group:: and other:: entries")


def parse_aclget(output: str) -> AclReading:
    """`aclget FILE` text: AIXC (base/extended permissions) or NFS4 (one ACE a line), by its ACL_type header."""
    acl_type = ""
    for line in output.splitlines():
        words = line.lstrip("*").split()
        if len(words) == 2 and words[0] == "ACL_type":
            acl_type = words[1]
            break
    body = [line.strip() for line in output.splitlines() if line.strip() and not line.lstrip().startswith("*")]
    if acl_type == "NFS4":
        return _parse_nfs4(body)
    if acl_type in ("AIXC", ""):
        return _parse_aixc(body)
    return unknown(f"aclget reported ACL type {acl_type!r}, which this suite does not read")


def _parse_aixc(body: list[str]) -> AclReading:
    # IBM: the "base permissions" and "extended permissions" introducer lines are optional.
    switch = ""
    entries: list[str] = []
    for line in body:
        lowered = line.lower().rstrip(":").strip()
        if lowered.startswith("attributes") or lowered in ("base permissions", "extended permissions"):
            continue
        if not switch and _AIXC_BASE.match(line):
            continue
        if not switch and line in ("enabled", "disabled"):
            switch = line
            continue
        if switch and _AIXC_ENTRY.match(line):
            entries.append(" ".join(line.split()))
            continue
        return unknown(f"aclget printed a line this suite does not read: {line[:120]!r}")
    if switch == "disabled":
        note = f" ({len(entries)} entries present but not in effect)" if entries else ""
        return AclReading("none", f"extended permissions disabled{note}")
    if switch == "enabled":
        return AclReading("extended", "extended permissions enabled: " + ("; ".join(entries) or "no entries"))
    return unknown("aclget output has no 'extended permissions' enabled/disabled line")


def _parse_nfs4(body: list[str]) -> AclReading:
    extended: list[str] = []
    for line in body:
        match = _NFS4_ACE.match(line)
        if match is None:
            return unknown(f"aclget printed an NFS4 line this suite does not read: {line[:120]!r}")
        kind, who = match.group(1), match.group(2)
        if kind != "s" or who not in _NFS4_PLAIN_WHO:
            extended.append(" ".join(line.split()))
    if not body:
        return unknown("aclget printed an NFS4 ACL without entries")
    if extended:
        return AclReading("extended", "NFS4 ACL: " + "; ".join(extended))
    return AclReading("none", "NFS4 ACL with only OWNER@, GROUP@ and EVERYONE@ entries")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
