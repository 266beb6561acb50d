"""FTP controls FTP-10 .. FTP-14 and FTP-16: the ftpd hardening rules of the DISA AIX 6.1 STIG and CIS AIX 7."""

import pytest

from svcaudit.controls.checks import octal, present, show, syslog_notes
from svcaudit.controls.ftp import existing_ftpusers
from svcaudit.controls.paths import acl_findings, acl_notes, admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import ftp as ftpfacts
from svcaudit.facts import ftpd
from svcaudit.facts import sshd as sshdfacts
from svcaudit.facts.host import HostFacts
from svcaudit.probes.findings import ftp_banner
from svcaudit.probes.live import LiveProbes
from svcaudit.profile import Profile


def _require_enabled(facts: HostFacts) -> None:
    """N/A when no FTP daemon is enabled."""
    if not ftpfacts.enabled(facts):
        not_applicable("no FTP daemon is enabled (no active ftp line in inetd.conf, no enabled or running FTP daemon)")


@pytest.mark.control("FTP-10")
def test_ftpusers_group_and_acl(facts: HostFacts, profile: Profile) -> None:
    path = existing_ftpusers(facts)
    groups = admin_groups(facts, profile)
    acl, unassessed = acl_findings(facts, path)
    expected = f"{path} group one of {groups_phrase(groups)}, no extended ACL"
    verdict(expected, protected(facts, path, groups=groups) + acl, acl_notes(facts, path), unassessed=unassessed)


@pytest.mark.control("FTP-11")
def test_ftpaccess_ctl_protected(facts: HostFacts, profile: Profile) -> None:
    path = facts.paths.ftp.ftpaccess_ctl
    if path is None:
        not_applicable("Linux FTP daemons have no /etc/ftpaccess.ctl (AIX ftpd only)")
    if not ftpfacts.inetd_ftp(facts):
        not_applicable(f"AIX ftpd is not enabled (no active ftp line in {facts.paths.ftp.inetd_conf})")
    groups = admin_groups(facts, profile)
    ceiling = profile.ftp.ftpaccess_mode
    expected = f"{path} exists, owner root, group one of {groups_phrase(groups)}, mode <= {octal(ceiling)}, no extended ACL"
    if not present(facts, path):
        verdict(expected, [f"{show(path)}: does not exist"])
    acl, unassessed = acl_findings(facts, path)
    problems = protected(facts, path, owners={"root"}, groups=groups, ceiling=ceiling) + acl
    verdict(expected, problems, acl_notes(facts, path), unassessed=unassessed)


@pytest.mark.control("FTP-12")
def test_ftp_login_banner(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """The configuration names the banner; the FTP port, when it answers, shows what is really sent."""
    _require_enabled(facts)
    words = profile.ftp.banner_words
    wanted = f"containing {', '.join(repr(w) for w in words)}" if words else "of the site's own (not empty, not the default)"
    if ftpfacts.inetd_ftp(facts):
        expected = f"AIX ftpd's banner ({profile.ftp.banner_source}) {wanted}"
        found = ftpd.aix_banner(facts, profile.ftp.banner_source, words)
    else:
        expected = f"an FTP login banner {wanted}"
        found = ftpd.per_daemon(
            facts,
            lambda conf: ftpd.Findings(problems=ftpd.vsftpd_banner(facts, conf, words)),
            lambda: ftpd.proftpd_banner(facts, words),
            lambda: ftpd.pureftpd_banner(facts, words),
        )
    probe = ftp_banner(live, profile.ftp.port, words)
    problems, notes = found.problems + probe.problems, found.notes + probe.notes
    verdict(expected, problems, notes, unassessed=found.unassessed + probe.unassessed, fix=found.fix)


@pytest.mark.control("FTP-13")
def test_ftpd_umask(facts: HostFacts, profile: Profile) -> None:
    _require_enabled(facts)
    expected = f"files FTP creates get a umask with every bit of {octal(profile.ftp.umask)[1:]}"
    if ftpfacts.inetd_ftp(facts):
        found = ftpd.aix_umask(facts, profile.ftp.umask)
    else:
        required = profile.ftp.umask
        found = ftpd.per_daemon(
            facts,
            lambda conf: ftpd.vsftpd_umask(conf, required),
            lambda: ftpd.proftpd_umask(facts, required),
            lambda: ftpd.pureftpd_umask(facts, required),
        )
    verdict(expected, found.problems, found.notes, unassessed=found.unassessed, fix=found.fix)


@pytest.mark.control("FTP-14")
def test_ftpd_logging(facts: HostFacts) -> None:
    _require_enabled(facts)
    if ftpfacts.inetd_ftp(facts):
        found = ftpd.aix_logging(facts)
        notes = found.notes + syslog_notes(facts)
        verdict("ftpd runs with -l and syslog routes daemon.info to a destination", found.problems, notes, fix=found.fix)
        return
    found = ftpd.per_daemon(facts, ftpd.vsftpd_logging, lambda: ftpd.proftpd_logging(facts), lambda: ftpd.pureftpd_logging(facts))
    expected = (
        "the FTP daemon logs transfers (vsftpd xferlog_enable or syslog_enable, proftpd TransferLog, pure-ftpd syslog or AltLog)"
    )
    verdict(expected, found.problems, found.notes, unassessed=found.unassessed, fix=found.fix)


@pytest.mark.control("FTP-16")
def test_sftp_subsystem_umask_and_logging(facts: HostFacts, profile: Profile) -> None:
    path = facts.paths.ftp.sshd_config
    if not sshdfacts.installed(facts):
        not_applicable(f"sshd is not installed ({path} does not exist)")
    directives, malformed = sshdfacts.directives(facts)
    subsystem, notes = sshdfacts.global_sftp(directives)
    if subsystem is None:
        not_applicable(f"no sftp subsystem is configured in {path} (or the files it includes)")
    ftp = profile.ftp
    levels = [level.upper() for level in ftp.sftp_log_levels]
    found = sshdfacts.sftp_findings(subsystem, ftp.sftp_umask, ftp.sftp_log_facility, levels)
    expected = (
        f"the sftp subsystem runs with -u at least {octal(ftp.sftp_umask)[1:]}, "
        f"-f {ftp.sftp_log_facility} and -l {' or '.join(levels)}"
    )
    caveats, reasons = sshdfacts.unread_lines(malformed)
    verdict(expected, found.problems, notes + found.notes + caveats, unassessed=found.unassessed + reasons, fix=found.fix)
