"""Which of a host's accounts are system accounts: one answer for FTP-05 (ftpusers), CRON-11 and AT-05."""

from __future__ import annotations

from svcaudit.facts.host import HostFacts


def system_accounts(facts: HostFacts, below: int | None) -> list[str]:
    """Accounts of the host's /etc/passwd that are system accounts, in file order, each once: the platform's known
    names (IBM's and DISA's list on AIX, the Debian and RHEL base accounts on Linux) and every UID below `below`
    (None = the platform's threshold: AIX 100, Linux 1000). root is one; callers that exempt it say so."""
    limit = facts.paths.system_uid_below if below is None else below
    known = facts.paths.ftp.system_accounts
    return list(dict.fromkeys(a.name for a in facts.accounts() if a.name in known or a.uid < limit))
