"""The two tiers of the self-tests, and the guard that keeps slow work out of the fast one.

A test is in the `daemons` tier when it starts a real daemon (sshd, snmpd, vsftpd,
sendmail) or runs the suite in a subprocess over a scenario tree; every other test is in
the fast tier (`pytest tests_meta -m "not daemons"`). tests_meta/conftest.py marks the
tests at collection and tells this module, before each test sets up, which tier it is
in; the machinery that starts daemons and subprocess suites calls `require_daemons_tier`
first, so a test the marking rules missed fails with the fix instead of quietly making
the fast tier slow.
"""

from __future__ import annotations

MARKER = "daemons"  # registered with its description in pyproject.toml

_fast_test: str | None = None  # node id of the running test when it is in the fast tier


def entering(nodeid: str, *, fast: bool) -> None:
    """Called before a test's fixtures are set up."""
    global _fast_test
    _fast_test = nodeid if fast else None


def leaving() -> None:
    global _fast_test
    _fast_test = None


class TierError(RuntimeError):
    """Daemon or subprocess-suite work was asked for by a test of the fast tier."""


def require_daemons_tier(what: str) -> None:
    if _fast_test is not None:
        raise TierError(
            f"{_fast_test} {what} but is not marked {MARKER!r}: decorate it with @pytest.mark.{MARKER}, "
            f"or teach the marking rules in tests_meta/conftest.py how to see it"
        )
