"""FTP controls FTP-10 .. FTP-14 and FTP-16: the ftpd hardening rules of the DISA AIX 6.1 STIG and CIS AIX 7."""

import posixpath

import pytest

from svcaudit.controls.checks import octal, present, show, syslog_notes, unread
from svcaudit.controls.ftp import existing_ftpusers
from svcaudit.controls.paths import acl_findings, acl_notes, admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import ftp as ftpfacts
from svcaudit.facts import ftpd
from svcaudit.facts import sshd as sshdfacts
from svcaudit.facts.host import HostFacts
from svcaudit.facts.syslog import searched, syslog
from svcaudit.parsers.sshd import sftp_options, subsystems
from svcaudit.parsers.syslog import covers
from svcaudit.parsers.vsftpd import VsftpdConf, flag, value, where
from svcaudit.profile import Profile


def _require_enabled(facts: HostFacts) -> list[str]:
    """The evidence that an FTP daemon is enabled; N/A when none is."""
    enabled = ftpfacts.enabled(facts)
    if not enabled:
        not_applicable("no FTP daemon is enabled (no active ftp line in inetd.conf, no enabled or running FTP daemon)")
    return enabled


def _vsftpd_or_unread(facts: HostFacts, enabled: list[str]) -> tuple[VsftpdConf | None, list[str]]:
    conf = ftpfacts.vsftpd(facts)
    if conf is None:
        return None, [f"an FTP daemon other than vsftpd is enabled ({'; '.join(enabled)}); its configuration is not read"]
    return conf, []


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


def _aix_banner(facts: HostFacts, profile: Profile) -> tuple[list[str], list[str], list[str]]:
    """(problems, notes, unassessed) of AIX ftpd's banner, from the source the profile names."""
    words = profile.ftp.banner_words
    if profile.ftp.banner_source == "catalog":
        text, why = ftpd.catalog_greeting(facts)
        if text is None:
            return [], [], [why]
        where = f"{ftpd.FTPD_CATALOG} set 1 message 9"
        if ftpd.stock_greeting(text):
            return [f"{where}: {text!r} is AIX's stock greeting (host name and ftpd version, no warning)"], [], []
        return ftpd.banner_problems(text, words, where), [f"{where}: {text!r}"], []
    access = ftpd.ftpaccess(facts)
    ctl = facts.paths.ftp.ftpaccess_ctl
    if access is None:
        return [f"{ctl}: does not exist, so ftpd shows no herald"], [], []
    heralds = ftpd.herald_paths(access)
    if not heralds:
        return [f"{ctl}: no herald: line, so ftpd shows no banner before login"], unread(access.malformed, "ignored"), []
    problems: list[str] = []
    for line in access.named("herald"):
        herald = line.values[0] if line.values else ""
        where = f"{ctl}:{line.line}: {line.text}"
        if not herald or not facts.exists(herald):
            problems.append(f"{where}: {show(herald) or 'no path'} does not exist")
        else:
            problems += ftpd.banner_problems(facts.content(herald), words, f"{where} ({show(herald)})")
    return problems, unread(access.malformed, "ignored"), []


@pytest.mark.control("FTP-12")
def test_ftp_login_banner(facts: HostFacts, profile: Profile) -> None:
    enabled = _require_enabled(facts)
    words = profile.ftp.banner_words
    wanted = f"containing {', '.join(repr(w) for w in words)}" if words else "of the site's own (not empty, not the default)"
    if ftpfacts.inetd_ftp(facts):
        expected = f"AIX ftpd's banner ({profile.ftp.banner_source}) {wanted}"
        problems, notes, unassessed = _aix_banner(facts, profile)
        verdict(expected, problems, notes, unassessed=unassessed)
        return
    conf, unassessed = _vsftpd_or_unread(facts, enabled)
    problems = ftpd.vsftpd_banner(facts, conf, words) if conf else []
    verdict(f"an FTP login banner {wanted}", problems, unassessed=unassessed)


def _aix_umask(facts: HostFacts, required: int) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    for service in ftpfacts.inetd_ftp(facts):
        where = f"{service.path}:{service.line}: {service.text}"
        option = ftpd.ftpd_option(service, "u")
        problems += ftpd.umask_problem(option or None, required, where, "ftpd -u umask")
    names = {a.name for a in facts.accounts()}
    if "ftp" not in names:
        return problems, ["no ftp account in /etc/passwd: its umask is not checked"]
    text, origin = ftpd.account_umask(facts, "ftp")
    return problems + ftpd.umask_problem(text, required, origin, "the ftp account's umask"), [origin]


@pytest.mark.control("FTP-13")
def test_ftpd_umask(facts: HostFacts, profile: Profile) -> None:
    enabled = _require_enabled(facts)
    required = profile.ftp.umask
    expected = f"files FTP creates get a umask with every bit of {octal(required)[1:]}"
    if ftpfacts.inetd_ftp(facts):
        problems, notes = _aix_umask(facts, required)
        verdict(expected, problems, notes)
        return
    conf, unassessed = _vsftpd_or_unread(facts, enabled)
    problems: list[str] = []
    if conf is not None:
        keys = ["local_umask"]
        try:
            uploads = flag(conf, "anonymous_enable") and flag(conf, "write_enable")
            if uploads and (flag(conf, "anon_upload_enable") or flag(conf, "anon_mkdir_write_enable")):
                keys.append("anon_umask")
        except ValueError as exc:
            unassessed.append(str(exc))
        for key in keys:
            problems += ftpd.umask_problem(value(conf, key), required, f"{where(conf, key)}", key)
    verdict(expected, problems, unassessed=unassessed)


@pytest.mark.control("FTP-14")
def test_ftpd_logging(facts: HostFacts) -> None:
    enabled = _require_enabled(facts)
    inetd = ftpfacts.inetd_ftp(facts)
    if inetd:
        problems = [
            f"{s.path}:{s.line}: {s.text}: ftpd runs without -l, so it logs no sessions"
            for s in inetd
            if ftpd.ftpd_option(s, "l") is None
        ]
        rules = [r for r in syslog(facts).rules if covers(r, "daemon", "info")]
        if not rules:
            problems.append(f"no syslog rule routes daemon.info anywhere ({', '.join(searched(facts))})")
        notes = [f"{r.path}:{r.line}: {r.text}" for r in rules[:3]] + syslog_notes(facts)
        verdict("ftpd runs with -l and syslog routes daemon.info to a destination", problems, notes)
        return
    conf, unassessed = _vsftpd_or_unread(facts, enabled)
    problems, notes = [], []
    if conf is not None:
        try:
            if not (flag(conf, "xferlog_enable") or flag(conf, "syslog_enable")):
                problems.append(f"{where(conf, 'xferlog_enable')}: xferlog_enable=NO and syslog_enable=NO: vsftpd logs nothing")
            if not flag(conf, "log_ftp_protocol"):
                notes.append(f"{where(conf, 'log_ftp_protocol')}: log_ftp_protocol=NO: FTP commands are not logged")
        except ValueError as exc:
            unassessed.append(str(exc))
    verdict("vsftpd logs transfers (xferlog_enable=YES or syslog_enable=YES)", problems, notes, unassessed=unassessed)


@pytest.mark.control("FTP-16")
def test_sftp_subsystem_umask_and_logging(facts: HostFacts, profile: Profile) -> None:
    path = facts.paths.ftp.sshd_config
    if not sshdfacts.installed(facts):
        not_applicable(f"sshd is not installed ({path} does not exist)")
    directives, malformed = sshdfacts.directives(facts)
    found = subsystems(directives, "sftp")
    scoped = [d for d in found if d.match] + [
        d for d in directives if d.match and d.keyword == "forcecommand" and d.args[:1] == ("internal-sftp",)
    ]
    notes = [f"{d.shown()}: applies to that Match block only; the global Subsystem is judged" for d in scoped]
    notes += unread(malformed, "ignored")
    active = [d for d in found if not d.match]
    if not active:
        not_applicable(f"no sftp subsystem is configured in {path} (or the files it includes)")
    subsystem = active[0]
    notes += [f"{d.shown()}: a second Subsystem sftp: sshd 9.2 refuses to start with it" for d in active[1:]]
    levels = [level.upper() for level in profile.ftp.sftp_log_levels]
    facility = profile.ftp.sftp_log_facility.upper()
    expected = (
        f"the sftp subsystem runs with -u at least {octal(profile.ftp.sftp_umask)[1:]}, "
        f"-f {facility} and -l {' or '.join(levels)}"
    )
    program = subsystem.args[1] if len(subsystem.args) > 1 else ""
    if posixpath.basename(program) not in ("sftp-server", "internal-sftp"):
        verdict(
            expected, [], notes, unassessed=[f"{subsystem.shown()}: {show(program)} is not sftp-server; its options are not read"]
        )
        return
    options = sftp_options(subsystem.args[2:])
    shown = subsystem.shown()
    problems = [f"{shown}: {p}" for p in options.problems]
    problems += ftpd.umask_problem(options.umask, profile.ftp.sftp_umask, shown, "-u umask")
    if options.facility is None:
        if facility != "AUTH":
            problems.append(f"{shown}: no -f: sftp-server logs to its default facility AUTH")
        else:
            notes.append(f"{shown}: no -f: sftp-server's default facility is AUTH")
    elif options.facility.upper() != facility:
        problems.append(f"{shown}: -f {options.facility}, expected {facility}")
    if options.level is None:
        problems.append(f"{shown}: no -l: sftp-server logs at its default level ERROR, so no file transfer is recorded")
    elif options.level.upper() not in levels:
        problems.append(f"{shown}: -l {options.level}, expected {' or '.join(levels)}")
    verdict(expected, problems, notes)
