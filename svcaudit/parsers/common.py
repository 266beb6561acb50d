"""What every config parser reports for a line it cannot read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Malformed:
    """A line the daemon would reject or the parser cannot read; reported, never assumed compliant."""

    path: str
    line: int
    text: str
    reason: str
