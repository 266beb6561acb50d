"""What every parser reports for a line it cannot read, and how a control shows it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Malformed:
    """A line the daemon would reject or the parser cannot read; reported, never assumed compliant.

    ``line`` 0 with an empty ``text`` stands for the whole file (the parser gave up on it).
    """

    path: str
    line: int
    text: str
    reason: str

    def evidence(self, what: str = "not read") -> str:
        """``path:line: not read (reason): text``, the one way controls show a line they skipped
        (`what` says what became of it: "not read", "ignored", "not evaluated")."""
        if self.line == 0 and not self.text:
            return f"{self.path}: {what} ({self.reason})"
        return f"{self.path}:{self.line}: {what} ({self.reason}): {self.text}"


def getopt(args: list[str] | tuple[str, ...], with_argument: str, flags: str | None = None) -> tuple[dict[str, str], list[str]]:
    """Options of an argument vector (program name excluded) as C's getopt reads them: ``-u077``,
    ``-u 077`` and ``-lu077`` alike; the last value of an option wins; operands are skipped (glibc
    moves them aside) and ``--`` ends the options. A flag is recorded with the value "".
    Returns (option letter -> value, problems); with `flags` given, any other letter is a problem."""
    found: dict[str, str] = {}
    problems: list[str] = []
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word == "--":
            break
        if not word.startswith("-") or word == "-":
            continue
        letters = word[1:]
        while letters:
            letter, letters = letters[0], letters[1:]
            if letter not in with_argument:
                if flags is not None and letter not in flags:
                    problems.append(f"unknown option -{letter}")
                found[letter] = ""
            elif letters:
                found[letter], letters = letters, ""
            elif rest:
                found[letter] = rest.pop(0)
            else:
                problems.append(f"-{letter} without its argument")
    return found, problems
