"""What SMTP-05..08 need from a host beyond the mail facts: sendmail.mc and sendmail's own version output."""

from __future__ import annotations

from svcaudit.collect.batch import Request
from svcaudit.facts import mail as mailfacts
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import Paths
from svcaudit.parsers import sendmail_service
from svcaudit.profile import Profile

#: The m4 source a sendmail.cf is generated from, where the host keeps one (Debian, RHEL; AIX ships none in /etc/mail).
SENDMAIL_MC = "/etc/mail/sendmail.mc"
#: The collector's fixed command that runs `sendmail -d0.1 -bt < /dev/null` (collector.pl do_sendmail_version).
VERSION_COMMAND = "sendmail_version"


def requests(p: Paths) -> list[Request]:
    return [Request("read", SENDMAIL_MC)]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """sendmail's version, asked only where a sendmail.cf exists and the binary can run (not under --sysroot)."""
    if facts.sysroot or not mailfacts.sendmail_cfs(facts):
        return []
    return [Request("cmd", VERSION_COMMAND)]


def sendmail_mc(facts: HostFacts) -> str | None:
    return facts.content(SENDMAIL_MC) if facts.exists(SENDMAIL_MC) else None


def binary_version(facts: HostFacts) -> tuple[str | None, str]:
    """The release sendmail's binary prints (`Version 8.17.1.9`) and the evidence, or None and why it is unknown."""
    if facts.sysroot:
        return None, "a mounted tree (--sysroot): sendmail's binary cannot be run there, and its file holds no marked version"
    record = facts.command(VERSION_COMMAND)
    if record is None:
        return None, "sendmail -d0.1 -bt was not run"
    if record.rc in (126, 127):  # no binary to run, or no fork: the collector says which
        return None, record.output.strip() or f"sendmail -d0.1 -bt could not run (status {record.rc})"
    lines = record.output.splitlines()
    binary = lines[0] if lines else "sendmail"
    found = sendmail_service.sendmail_version(record.output)
    if found is None:
        shown = " | ".join(lines[1:4]) or "no output"
        return None, f"{binary} -d0.1 -bt printed no Version line (status {record.rc}: {shown})"
    return found, f"{binary} -d0.1 -bt: Version {found}"
