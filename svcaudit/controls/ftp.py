"""The N/A rules several FTP controls share: no FTP daemon installed, no ftpusers file to judge."""

from __future__ import annotations

from svcaudit.controls.checks import present
from svcaudit.controls.verdict import not_applicable
from svcaudit.facts import ftp as ftpfacts
from svcaudit.facts.host import HostFacts


def require_ftp(facts: HostFacts) -> None:
    """N/A on a Linux host without an FTP daemon (AIX ftpd is part of the base system)."""
    __tracebackhide__ = True
    if not ftpfacts.installed(facts):
        not_applicable(f"no FTP daemon is installed (none of {', '.join(facts.paths.ftp.daemons)})")


def existing_ftpusers(facts: HostFacts) -> str:
    """The ftpusers file FTP-02 chooses, when it exists; N/A otherwise (FTP-02 reports a missing one)."""
    __tracebackhide__ = True
    require_ftp(facts)
    path, _ = ftpfacts.ftpusers_path(facts)
    if not present(facts, path):
        not_applicable(f"{path} does not exist (FTP-02 reports it)")
    return path
