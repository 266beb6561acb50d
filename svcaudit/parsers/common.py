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
