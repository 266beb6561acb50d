"""Account controls FTP-09 and FTP-15 (DISA: no .netrc files; the anonymous FTP account has no shell)."""

import pytest

from svcaudit.controls.checks import show
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import tftp as tftpfacts
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


@pytest.mark.control("FTP-09")
def test_no_netrc_files(facts: HostFacts, profile: Profile) -> None:
    """A .netrc holds passwords for other hosts in clear text, and ftp and rexec log in with them unasked."""
    files, incomplete = tftpfacts.netrc_files(facts, profile)
    barred, notes = tftpfacts.netrc_not_disabled(facts)
    problems = [f"{show(f)}: a .netrc file" for f in files] + barred
    expected = "no .netrc file in any home directory" + (
        "; /etc/security/config tcpip: netrc = ftp, rexec" if facts.paths.tftp.security_config else ""
    )
    verdict(expected, problems, notes, unassessed=incomplete, unassessed_title="the .netrc search is incomplete")


@pytest.mark.control("FTP-15")
def test_anonymous_ftp_account_has_no_shell(facts: HostFacts, profile: Profile) -> None:
    """An anonymous FTP account with a shell is a login anyone may try, with a password everyone knows."""
    names = facts.paths.tftp.anonymous_accounts
    accounts = [a for name in names if (a := tftpfacts.account(facts, name))]
    if not accounts:
        not_applicable(f"no anonymous FTP account ({', '.join(names)}) in /etc/passwd")
    shells = profile.ftp.nologin_shells
    problems = [p for a in accounts if (p := tftpfacts.shell_problem(a, shells))]
    verdict(f"the {', '.join(a.name for a in accounts)} account's shell is one of {', '.join(shells)}", problems)
