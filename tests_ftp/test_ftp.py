"""FTP controls FTP-01 .. FTP-06 (seed: File Transfer Protocol (FTP) Service Considerations)."""

import pytest

from svcaudit.facts import ftp as ftpfacts
from svcaudit.controls.checks import mode_at_most, not_applicable, octal, owned_by, present, show, verdict
from svcaudit.facts.host import NotAssessed
from svcaudit.parsers.vsftpd import flag, value, where

#: FTP replies that mean a login step was accepted: 230 logged in, 331/332 go on with PASS/ACCT.
ACCEPTED = (230, 331, 332)


def _vsftpd_flag(conf, key: str) -> bool:
    try:
        return flag(conf, key)
    except ValueError as exc:
        raise NotAssessed(str(exc)) from None


def _vsftpd_tls_problems(conf) -> list[str]:
    problems = []
    if not _vsftpd_flag(conf, "ssl_enable"):
        problems.append(f"{where(conf, 'ssl_enable')}: ssl_enable={value(conf, 'ssl_enable')}: vsftpd serves plaintext FTP")
    for key in ("force_local_logins_ssl", "force_local_data_ssl"):
        if not _vsftpd_flag(conf, key):
            problems.append(f"{where(conf, key)}: {key}={value(conf, key)}: local users may log in or transfer without TLS")
    return problems


def _asked(live, port: int):
    """The FTP probe of this host, or None when nothing answers there (closed or silent port)."""
    probe = live.ftp(port)
    if probe.banner is None and probe.state in ("closed", "timeout"):
        return None, [f"{probe.address}:{probe.port}: {probe.state}" + (f" ({probe.detail})" if probe.detail else "")]
    if probe.banner is None:
        raise NotAssessed(f"{probe.address}:{probe.port}: FTP probe failed: {probe.detail}")
    return probe, []


def _unanswered(probe, questions: dict[str, object]) -> str:
    """An FTP service that answered its banner but not every question cannot be passed."""
    missing = [name for name, reply in questions.items() if reply is None]
    return f"{probe.address}:{probe.port}: no reply to {', '.join(missing)} ({probe.state}: {probe.detail})" if missing else ""


def _live_tls_problems(live, port: int) -> tuple[list[str], list[str]]:
    """What the FTP port itself says; a closed or silent port has nothing to say."""
    if not live.address:
        return [], [f"live probe not run: {live.reason}"]
    probe, notes = _asked(live, port)
    if probe is None:
        return [], notes
    where_ = f"{probe.address}:{probe.port}"
    problems = []
    if probe.user_before_tls and probe.user_before_tls.code in ACCEPTED:
        problems.append(f"{where_}: USER before AUTH TLS answered {probe.user_before_tls.text!r} (plaintext login accepted)")
    if probe.auth_tls and probe.auth_tls.code != 234:
        problems.append(f"{where_}: AUTH TLS answered {probe.auth_tls.text!r}, expected 234")
    missing = _unanswered(probe, {"USER": probe.user_before_tls, "AUTH TLS": probe.auth_tls})
    if missing and not problems:
        raise NotAssessed(missing)
    return problems, [missing] if missing else []


@pytest.mark.control("FTP-01")
def test_no_plaintext_ftp(facts, profile, live):
    """Plaintext FTP sends passwords in the clear: an enabled daemon must force TLS."""
    if profile.ftp.allow_plaintext:
        return  # the site accepts plaintext FTP ([ftp] allow_plaintext = true); the catalog has no N/A here
    problems: list[str] = []
    enabled = ftpfacts.enabled(facts)
    if enabled:
        inetd = ftpfacts.inetd_ftp(facts)
        conf = ftpfacts.vsftpd(facts)
        if inetd:
            problems += [f"{s.path}:{s.line}: {s.text}: ftpd from inetd cannot force TLS" for s in inetd]
        elif conf is not None:
            tls = _vsftpd_tls_problems(conf)
            problems += [f"FTP is on: {e}" for e in enabled] + tls if tls else []
        else:
            raise NotAssessed(f"an FTP daemon other than vsftpd is enabled ({'; '.join(enabled)}); its TLS settings are not read")
    live_problems, notes = _live_tls_problems(live, profile.ftp.port)
    verdict("no FTP daemon, or one that refuses USER before AUTH TLS and answers AUTH TLS with 234",
            problems + live_problems, notes)


def _require_ftp(facts) -> None:
    if not ftpfacts.installed(facts):
        not_applicable(f"no FTP daemon is installed (none of {', '.join(facts.paths.ftp.daemons)})")


def _existing_ftpusers(facts) -> str:
    _require_ftp(facts)
    path, _ = ftpfacts.ftpusers_path(facts)
    if not present(facts, path):
        not_applicable(f"{path} does not exist (FTP-02 reports it)")
    return path


@pytest.mark.control("FTP-02")
def test_ftpusers_exists(facts):
    """ftpd only refuses the accounts it is told to: without the file, system accounts may log in."""
    _require_ftp(facts)
    path, why = ftpfacts.ftpusers_path(facts)
    if not present(facts, path):
        verdict(f"{path} exists ({why})", [f"{show(path)}: does not exist"])


@pytest.mark.control("FTP-03")
def test_ftpusers_owned_by_root(facts, profile):
    path = _existing_ftpusers(facts)
    groups = facts.paths.sysgroups | set(profile.sysgroups.extra)
    verdict(f"{path} owner root, group one of {', '.join(sorted(groups))}", owned_by(facts, path, {"root"}, groups))


@pytest.mark.control("FTP-04")
def test_ftpusers_mode(facts, profile):
    path = _existing_ftpusers(facts)
    ceiling = profile.ftp.ftpusers_mode
    verdict(f"{path} mode <= {octal(ceiling)}", mode_at_most(facts, path, ceiling))


@pytest.mark.control("FTP-05")
def test_ftpusers_denies_system_accounts(facts, profile):
    """Every system account must be a whole line of ftpusers; a substring does not deny anyone."""
    path = _existing_ftpusers(facts)
    parsed = ftpfacts.ftpusers(facts, path)
    missing = [name for name in ftpfacts.system_accounts(facts, profile) if name not in parsed.names()]
    notes = [f"{m.path}:{m.line}: ignored ({m.reason}): {m.text}" for m in parsed.malformed]
    verdict(f"{path} lists every system account", [f"{show(path)}: does not deny {', '.join(missing)}"] if missing else [], notes)


@pytest.mark.control("FTP-06")
def test_no_anonymous_ftp(facts, profile, live):
    accounts = ftpfacts.anonymous_accounts(facts)
    if not ftpfacts.installed(facts) and not accounts:
        not_applicable("no FTP daemon is installed and there is no ftp or anonymous account")
    conf = ftpfacts.vsftpd(facts)
    problems: list[str] = []
    if conf is not None:
        if _vsftpd_flag(conf, "anonymous_enable"):
            problems.append(f"{where(conf, 'anonymous_enable')}: anonymous_enable={value(conf, 'anonymous_enable')}")
    else:
        problems += [f"{a}: ftpd lets anyone log in as it" for a in accounts]
    notes: list[str] = [] if live.address else [f"live probe not run: {live.reason}"]
    probe, closed = _asked(live, profile.ftp.port) if live.address else (None, [])
    notes += closed
    if probe is not None:
        if probe.anonymous and probe.anonymous.code == 230:
            problems.append(f"{probe.address}:{probe.port}: USER anonymous logged in: {probe.anonymous.text!r}")
        missing = _unanswered(probe, {"USER anonymous": probe.anonymous})
        if missing and not problems:
            raise NotAssessed(missing)
        notes += [missing] if missing else []
    verdict("no anonymous FTP login", problems, notes)
