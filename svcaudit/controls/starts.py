"""Remediation for the way a daemon is started: the inittab entry, start script or unit link that was found.

MAIL-01, SNMP-01 and FTP-01 name every sign that a daemon is on (facts/services.py, facts/aix_boot.py); the
record's general fix (chrctcp, stopsrc, systemctl disable) does not undo an inittab entry, an rc.d script or a
link the package itself put under /lib/systemd/system, so each of those gets its own line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from svcaudit.controls.checks import shell_word, show
from svcaudit.facts import aix_boot
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts, NotAssessed


def start_fixes(
    facts: HostFacts, *, programs: Iterable[str] = (), subsystems: Iterable[str] = (), units: Iterable[str] = ()
) -> list[str]:
    """One fix line per inittab entry, start script and package-owned unit link that starts the daemon."""
    fixes: list[str] = []
    try:
        signs = aix_boot.boot_signs(facts, programs=programs, subsystems=subsystems)
    except NotAssessed:
        signs = []
    for sign in signs:
        if sign.name:
            fixes.append(
                f"rmitab {shell_word(sign.name)} (removes the entry at {show(sign.path)}:{sign.line}; "
                f'or chitab it with the action "off")'
            )
        else:
            fixes.append(f"rm {shell_word(sign.path)} (or rename it so that its name no longer starts with S)")
    wanted = set(units)
    top = (facts.paths.systemd_dir or "").rstrip("/") + "/"
    try:
        links = servicefacts.enabling_links(facts)
    except NotAssessed:
        links = ()
    for link in links:
        hit = sorted(link.units & wanted)
        if hit and not link.path.startswith(top):
            fixes.append(
                f"systemctl mask --now {shell_word(hit[0])} ({show(posixpath.dirname(link.path))} is the package's own:"
                " systemctl disable leaves its link in place)"
            )
    return list(dict.fromkeys(fixes))
