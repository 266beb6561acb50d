"""What a ``umask`` call does to the group and other bits of the file-creation mask.

CRON-14 (V-4360) and AT-08 (V-4366) forbid a job to set a umask looser than
077: one that lets the group or others keep any permission on the files the
job creates.  The user bits do not matter to that rule.

Forms (POSIX ``umask``, ksh, bash): ``umask`` alone or ``umask -S`` alone only
print the mask; ``umask 022`` / ``umask 0022`` set it in octal; ``umask -S
u=rwx,g=,o=`` and ``umask u=rwx,g=,o=`` set it symbolically, where the letters
name the permissions *kept* (the opposite of the octal digits).  Symbolic
``+`` adds kept permissions, ``-`` removes them, ``=`` sets them.

A pure function: operands in, a judgement out.  It never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["UmaskEffect", "umask_effect"]

Outcome = Literal["loosens", "keeps", "prints", "unknown"]

_OCTAL_RE = re.compile(r"[0-7]{1,4}\Z")
_CLAUSE_RE = re.compile(r"([ugoa]*)([-+=])([rwx]*)\Z")
_PRINT_OPTIONS = frozenset({"-S", "-p"})


@dataclass(frozen=True)
class UmaskEffect:
    """``loosens``: group or others keep a permission; ``keeps``: the mask is 077 or stricter for them (or
    only tightened); ``prints``: nothing is set; ``unknown``: the operand cannot be read (why says why)."""

    outcome: Outcome
    why: str


def umask_effect(args: tuple[str, ...]) -> UmaskEffect:
    """Judge the operands of one ``umask`` call (without the word ``umask``)."""
    operands = list(args)
    while operands[:1] and operands[0] in _PRINT_OPTIONS:
        operands.pop(0)
    if operands[:1] == ["--"]:
        operands.pop(0)
    elif operands[:1] and operands[0].startswith("-"):
        return UmaskEffect("unknown", f"unknown option in: umask {' '.join(args)}")
    if not operands:
        return UmaskEffect("prints", "prints the mask, sets nothing")
    if len(operands) > 1:
        return UmaskEffect("unknown", f"more than one operand: umask {' '.join(args)}")
    mode = operands[0]
    if _OCTAL_RE.match(mode):
        return _octal(int(mode, 8))
    return _symbolic(mode)


def _octal(mask: int) -> UmaskEffect:
    value = f"{mask:04o}"
    if mask & 0o077 == 0o077:
        return UmaskEffect("keeps", f"mask {value} clears every group and other permission")
    return UmaskEffect("loosens", f"mask {value} is looser than 0077: group or others keep {_kept(mask)}")


def _kept(mask: int) -> str:
    """The group/other permissions a mask leaves, as ``g=rx,o=rx``."""
    parts = []
    for who, shift in (("g", 3), ("o", 0)):
        bits = ~(mask >> shift) & 0o7
        if bits:
            parts.append(who + "=" + "".join(letter for letter, bit in (("r", 4), ("w", 2), ("x", 1)) if bits & bit))
    return ",".join(parts)


def _symbolic(mode: str) -> UmaskEffect:
    """Track what group and others are known to keep; None = inherited (this call does not decide it)."""
    kept: dict[str, set[str] | None] = {"g": None, "o": None}
    for clause in mode.split(","):
        match = _CLAUSE_RE.match(clause)
        if match is None:
            return UmaskEffect("unknown", f"cannot read the symbolic mode {mode!r}")
        who, op, perms = match.group(1) or "a", match.group(2), set(match.group(3))
        for cls in ("g", "o"):
            if cls not in who and "a" not in who:
                continue
            current = kept[cls]
            if op == "=":
                kept[cls] = set(perms)
            elif op == "+":
                kept[cls] = (current or set()) | perms
            elif current is not None:
                kept[cls] = current - perms
            elif perms == {"r", "w", "x"}:
                kept[cls] = set()
    open_classes = [f"{cls}+{''.join(sorted(p))}" for cls, p in kept.items() if p]
    if open_classes:
        return UmaskEffect("loosens", f"symbolic mode {mode!r} lets {' and '.join(open_classes)} through")
    return UmaskEffect("keeps", f"symbolic mode {mode!r} keeps group and others out (or only tightens)")
