"""FTP controls FTP-01 .. FTP-06 (seed: File Transfer Protocol (FTP) Service Considerations)."""

import pytest

from svcaudit.controls.checks import octal, present, show, unread
from svcaudit.controls.ftp import existing_ftpusers, require_ftp
from svcaudit.controls.paths import admin_groups, groups_phrase, protected
from svcaudit.controls.starts import start_fixes
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import ftp as ftpfacts
from svcaudit.facts.host import HostFacts
from svcaudit.probes.findings import ftp_anonymous, ftp_tls
from svcaudit.probes.live import LiveProbes
from svcaudit.profile import Profile

PLAINTEXT_TLS = (
    "no FTP daemon, or one that forces TLS on every login and transfer (local and anonymous),"
    " refuses USER before AUTH TLS and answers AUTH TLS with 234"
)


def _configured_tls(facts: HostFacts, profile: Profile) -> tuple[list[str], list[str]]:
    """What the configuration of an enabled FTP daemon says about TLS: problems, and why it cannot be read."""
    enabled = ftpfacts.enabled(facts)
    if not enabled:
        return [], []
    if not profile.ftp.allow_tls_daemon:
        return [f"FTP is on: {e}" for e in enabled] + [
            "the profile allows no FTP daemon, TLS or not ([ftp] allow_tls_daemon = false)"
        ], []
    inetd = ftpfacts.inetd_ftp(facts)
    if inetd:
        return [f"{s.path}:{s.line}: {s.text}: ftpd from inetd cannot force TLS" for s in inetd], []
    if facts.paths.family == "aix" and not ftpfacts.enabled_daemons(facts):
        return [f"{e}: AIX ftpd cannot force TLS" for e in enabled], []
    problems: list[str] = []
    unread: list[str] = []
    for daemon, signs in ftpfacts.enabled_daemons(facts).items():
        found, why = ftpfacts.daemon_tls(facts, daemon)
        problems += [f"FTP is on: {s}" for s in signs] + found if found else []
        unread += [f"{w} ({'; '.join(signs)})" for w in why]
    return problems, unread


@pytest.mark.control("FTP-01")
def test_no_plaintext_ftp(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """Plaintext FTP sends passwords in the clear: an enabled daemon must force TLS."""
    if profile.ftp.allow_plaintext:  # the record has no N/A here: the site's choice is a pass with a caveat
        verdict(PLAINTEXT_TLS, [], ["not checked: the profile accepts plaintext FTP ([ftp] allow_plaintext = true)"])
        return
    problems, unread = _configured_tls(facts, profile)
    probe = ftp_tls(live, profile.ftp.port)
    fixes = start_fixes(facts, programs=ftpfacts.AIX_STANDALONE_FTPD, units=facts.paths.ftp.units) if problems else []
    verdict(PLAINTEXT_TLS, problems + probe.problems, probe.notes, unassessed=unread + probe.unassessed, fix=fixes)


@pytest.mark.control("FTP-02")
def test_ftpusers_exists(facts: HostFacts) -> None:
    """ftpd only refuses the accounts it is told to: without the file, system accounts may log in."""
    require_ftp(facts)
    path, why = ftpfacts.ftpusers_path(facts)
    if not present(facts, path):
        verdict(f"{path} exists ({why})", [f"{show(path)}: does not exist"])


@pytest.mark.control("FTP-03")
def test_ftpusers_owned_by_root(facts: HostFacts, profile: Profile) -> None:
    path = existing_ftpusers(facts)
    groups = admin_groups(facts, profile)
    verdict(f"{path} owner root, group one of {groups_phrase(groups)}", protected(facts, path, owners={"root"}, groups=groups))


@pytest.mark.control("FTP-04")
def test_ftpusers_mode(facts: HostFacts, profile: Profile) -> None:
    path = existing_ftpusers(facts)
    ceiling = profile.ftp.ftpusers_mode
    verdict(f"{path} mode <= {octal(ceiling)}", protected(facts, path, ceiling=ceiling))


@pytest.mark.control("FTP-05")
def test_ftpusers_denies_system_accounts(facts: HostFacts, profile: Profile) -> None:
    """Every system account must be a whole line of ftpusers; a substring does not deny anyone."""
    path = existing_ftpusers(facts)
    parsed = ftpfacts.ftpusers(facts, path)
    missing = [name for name in ftpfacts.system_accounts(facts, profile) if name not in parsed.names()]
    notes = unread(parsed.malformed, "ignored")
    verdict(f"{path} lists every system account", [f"{show(path)}: does not deny {', '.join(missing)}"] if missing else [], notes)


@pytest.mark.control("FTP-06")
def test_no_anonymous_ftp(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """Each platform by its own rule: AIX ftpd by its ftp/anonymous accounts, Linux daemons by their configuration."""
    found = ftpfacts.anonymous_ftp(facts)
    if found.not_applicable:
        not_applicable(found.not_applicable)
    probe = ftp_anonymous(live, profile.ftp.port)
    verdict(
        f"no anonymous FTP login ({found.rule})",
        found.problems + probe.problems,
        found.notes + probe.notes,
        unassessed=found.unassessed + probe.unassessed,
    )
