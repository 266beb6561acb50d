"""TFTP controls FTP-07 and FTP-08 (DISA: TFTP disabled, or authorised and confined)."""

import pytest

from svcaudit.controls.checks import octal
from svcaudit.controls.paths import protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import tftp as tftpfacts
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


@pytest.mark.control("FTP-07")
def test_tftp_disabled_unless_authorised(facts: HostFacts, profile: Profile) -> None:
    """TFTP has no authentication: anyone who reaches the port reads what the daemon can read."""
    if profile.services.tftp == "required":
        not_applicable('the profile authorises TFTP ([services] tftp = "required")')
    found = tftpfacts.tftp_starts(facts)
    verdict("no TFTP daemon enabled or running", [s.evidence for s in found.starts], found.notes)


@pytest.mark.control("FTP-08")
def test_tftp_hardened(facts: HostFacts, profile: Profile) -> None:
    """Where TFTP runs it must serve one directory, as a dedicated account with no login shell."""
    starts = tftpfacts.tftp_starts(facts).starts
    if not starts:
        not_applicable("no TFTP daemon is enabled or running (FTP-07 passes)")
    t = facts.paths.tftp
    ceiling = profile.ftp.tftpd_mode
    found = tftpfacts.Findings()
    found.problems += [p for d in t.daemons if facts.exists(d) for p in protected(facts, d, ceiling=ceiling)]
    accounts = tftpfacts.tftp_accounts(facts, starts)
    for name, where in accounts:
        found.problems += tftpfacts.account_findings(facts, name, where, profile.ftp.nologin_shells)
    if t.access_ctl:
        homes = [a.home for name, _ in accounts if (a := tftpfacts.account(facts, name)) and a.home.startswith("/")]
        found.add(tftpfacts.aix_confinement(facts, homes))
    else:
        found.add(tftpfacts.linux_confinement(facts, starts))
    expected = (
        f"TFTP confined to one directory, daemon mode <= {octal(ceiling)},"
        " run as a dedicated account with no login shell and a home of its own"
    )
    verdict(expected, found.problems, found.notes, unassessed=found.unassessed)
