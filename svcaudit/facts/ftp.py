"""What the FTP controls need from a host, and what they derive from it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from svcaudit.collect.batch import Request
from svcaudit.facts import aix_boot
from svcaudit.facts import services as servicefacts
from svcaudit.facts import tftp as tftpfacts
from svcaudit.facts.accounts import system_accounts as host_system_accounts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.ftpusers import FtpUsers, parse_ftpusers
from svcaudit.parsers.inetd import InetdService, enabled_services, parse_inetd
from svcaudit.parsers.pam import parse_pam_listfiles
from svcaudit.parsers.proftpd import (
    ProftpdConf,
    Resolved,
    anonymous_blocks,
    defines_from_options,
    parse_proftpd,
    resolve,
    tls_problems,
    tls_settings,
)
from svcaudit.parsers.pureftpd import PureFtpdConf, no_anonymous, parse_conf_dir, parse_conf_file, tls_level
from svcaudit.parsers.vsftpd import VsftpdConf, flag, parse_vsftpd, value, where
from svcaudit.parsers.xinetd import service_off
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    f = p.ftp
    reqs = [Request("stat", d) for d in f.daemons]
    reqs += [Request("read", c) for c in f.vsftpd_confs + f.ftpusers]
    if f.inetd_conf:
        reqs.append(Request("read", f.inetd_conf))
    reqs += [Request("read", pam) for pam in (f.pam_file, f.pam_vendor_file) if pam]
    if f.pureftpd_wrapper and f.pureftpd_conf_dir and f.pureftpd_conf:
        reqs += [Request("stat", f.pureftpd_wrapper), Request("listread", f.pureftpd_conf_dir), Request("read", f.pureftpd_conf)]
    reqs += [Request("read", c) for c in f.proftpd_confs + f.proftpd_options]
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """A deny file named by PAM or vsftpd's userlist_file may be anywhere; proftpd's Include files and
    DisplayConnect file, and pure-ftpd's FortunesFile, too."""
    named = [path for path, _ in _named_deny_files(facts)] + banner_files(facts)
    return [Request("read", path) for path in named if path not in facts.batch.stats] + _proftpd_includes(facts)


def banner_files(facts: HostFacts) -> list[str]:
    """Files an installed proftpd (DisplayConnect) or pure-ftpd (FortunesFile) shows when a client connects."""
    found: list[str] = []
    try:
        conf, _ = proftpd(facts)
        if conf is not None:
            found += [d.args[0] for d in conf.directives if d.name == "displayconnect" and d.args and d.args[0].startswith("/")]
        if facts.exists("/usr/sbin/pure-ftpd"):
            pure, _ = pureftpd(facts)
            values = pure.settings.get("FortunesFile") if pure else None
            found += [values[0].value] if values and values[0].value.startswith("/") else []
    except NotAssessed:
        return []
    return found


def installed(facts: HostFacts) -> bool:
    daemons = facts.paths.ftp.daemons
    return not daemons or any(facts.exists(d) for d in daemons)


def inetd_ftp(facts: HostFacts) -> tuple[InetdService, ...]:
    path = facts.paths.ftp.inetd_conf
    if not path or not facts.exists(path):
        return ()
    return enabled_services(parse_inetd(facts.content(path), path), "ftp")


def enabled(facts: HostFacts) -> list[str]:
    """Evidence that an FTP daemon starts: an active inetd ftp line, an xinetd service, an enabled unit or
    SysV link, a running process."""
    found = [f"{s.path}:{s.line}: {s.text}" for s in inetd_ftp(facts)]
    try:
        found += boot_ftpd(facts)
    except NotAssessed:
        if not found:
            raise
    return found + [sign for signs in enabled_daemons(facts).values() for sign in signs]


#: AIX's ftpd is an inetd subserver; an inittab entry or rc.d script that runs it starts it too.
AIX_STANDALONE_FTPD = ("/usr/sbin/ftpd",)


def boot_ftpd(facts: HostFacts) -> list[str]:
    """AIX inittab entries and rc.d scripts that run ftpd itself (NotAssessed when they cannot all be read)."""
    return aix_boot.boot_starts(facts, programs=AIX_STANDALONE_FTPD)


def enabled_daemons(facts: HostFacts) -> dict[str, list[str]]:
    """Each FTP daemon (path) that is enabled or running, with its signs: its own units and process name."""
    f = facts.paths.ftp
    found: dict[str, list[str]] = {}
    for daemon in f.daemons:
        name = posixpath.basename(daemon)
        units = {u for u in f.units if u.rsplit(".", 1)[0] == name}
        xinetd = xinetd_starts(facts, name)
        try:
            signs = xinetd + servicefacts.evidence_of_service(facts, units=units, names={name} & f.processes)
        except NotAssessed:
            if not xinetd:  # ps could not tell what runs, and nothing else says the daemon starts
                raise
            signs = xinetd
        if signs:
            found[daemon] = signs
    return found


def xinetd_starts(facts: HostFacts, program: str) -> list[str]:
    """xinetd services that run the program (their server's base name), unless disabled (xinetd.conf(5))."""
    confs = tftpfacts.xinetd_confs(facts)
    defaults = tuple(a for conf in confs for a in conf.defaults)
    found: list[str] = []
    for conf in confs:
        for service in conf.services:
            server = (service.values("server") or ("",))[0]
            if posixpath.basename(server) == program and not service_off(service, defaults):
                found.append(f"{conf.path}:{service.line}: xinetd service {service.name} runs {server}")
    return found


def daemon_tls(facts: HostFacts, daemon: str) -> tuple[list[str], list[str]]:
    """(problems, reasons it cannot be read) of an enabled daemon's TLS configuration (FTP-01)."""
    name = posixpath.basename(daemon)
    if name == "vsftpd":
        conf = vsftpd(facts)
        if conf is None:
            return [], [f"vsftpd is enabled but {daemon} does not exist; its TLS settings are not read"]
        try:
            return vsftpd_tls_problems(conf), []
        except ValueError as exc:
            return [], [str(exc)]
    if name == "pure-ftpd":
        pure, why = pureftpd(facts)
        if pure is None:
            return [], [why]
        try:
            level, shown = tls_level(pure)
        except ValueError as exc:
            return [], [str(exc)]
        return ([f"{shown}: {PURE_FTPD_TLS[level]}"] if level < 3 else []), []
    if name == "proftpd":
        return proftpd_tls(facts)
    return [], [f"{name} is enabled; its TLS settings are not read"]


#: What each pure-ftpd TLS level leaves in the clear (README.TLS).
PURE_FTPD_TLS = {
    0: "pure-ftpd serves plaintext FTP only (TLS 0)",
    1: "pure-ftpd accepts plaintext sessions beside TLS ones (TLS 1)",
    2: "pure-ftpd refuses plaintext sessions but not plaintext data connections (TLS 2; 3 forces both)",
}


def pureftpd(facts: HostFacts) -> tuple[PureFtpdConf | None, str]:
    """pure-ftpd's settings as the way it is started reads them, or None and why they cannot be read.

    Debian starts it through pure-ftpd-wrapper, which reads only the option files of
    /etc/pure-ftpd/conf; without the wrapper pure-ftpd reads pure-ftpd.conf when started with it.
    """
    f = facts.paths.ftp
    if not (f.pureftpd_wrapper and f.pureftpd_conf_dir and f.pureftpd_conf):
        return None, "pure-ftpd's configuration has no known place on this platform"
    if facts.exists(f.pureftpd_wrapper):
        directory = f.pureftpd_conf_dir
        if not facts.exists(directory):
            return None, f"{f.pureftpd_wrapper} reads {directory}, which does not exist"
        files = {name: facts.content(posixpath.join(directory, name)) for name in facts.listing(directory)}
        return parse_conf_dir(files, directory), ""
    if facts.exists(f.pureftpd_conf):
        return parse_conf_file(facts.content(f.pureftpd_conf), f.pureftpd_conf), ""
    return None, f"pure-ftpd has neither {f.pureftpd_wrapper} nor {f.pureftpd_conf}: its command-line flags are not read"


def pureftpd_anonymous(facts: HostFacts) -> tuple[list[str], list[str], list[str]]:
    """(problems, notes, unread) of pure-ftpd's anonymous logins: NoAnonymous, else an ftp account lets anyone in."""
    conf, why = pureftpd(facts)
    if conf is None:
        return [], [], [why]
    try:
        off, shown = no_anonymous(conf)
    except ValueError as exc:
        return [], [], [str(exc)]
    if off:
        return [], [f"pure-ftpd: {shown}"], []
    ftp = [a for a in facts.accounts() if a.name == "ftp"]
    if ftp:
        account = f"/etc/passwd:{ftp[0].line}: account ftp (uid {ftp[0].uid})"
        return [f"pure-ftpd: {shown}, and {account} exists: anyone may log in as ftp or anonymous"], [], []
    return [], [f"pure-ftpd: {shown}, but there is no ftp account, so no anonymous login works"], []


def _proftpd_main(facts: HostFacts) -> str | None:
    return next((c for c in facts.paths.ftp.proftpd_confs if facts.exists(c)), None)


def _proftpd_read(facts: HostFacts, path: str, missing: list[Request]) -> ProftpdConf | None:
    try:
        return parse_proftpd(facts.content(path), path)
    except NotAssessed:
        missing.append(Request("read", path))
        return None


def _proftpd_listing(facts: HostFacts, path: str, missing: list[Request]) -> list[str] | None:
    if path not in facts.batch.stats:
        missing.append(Request("listread", path))
        return None
    if facts.stat(path).kind != "dir":
        return None
    try:
        return facts.listing(path)
    except NotAssessed:
        missing.append(Request("listread", path))
        return None


def _proftpd_resolved(facts: HostFacts, missing: list[Request]) -> tuple[Resolved | None, str]:
    f = facts.paths.ftp
    main = _proftpd_main(facts) if f.proftpd_confs and facts.exists("/usr/sbin/proftpd") else None
    if main is None:
        return None, f"proftpd's configuration ({' or '.join(f.proftpd_confs)}) does not exist"
    conf = _proftpd_read(facts, main, missing)
    if conf is None:
        return None, f"{main} not read"
    return resolve(
        conf, lambda p: _proftpd_read(facts, p, missing), lambda d: _proftpd_listing(facts, d, missing), _proftpd_defines(facts)
    ), main


def _proftpd_defines(facts: HostFacts) -> frozenset[str] | None:
    """-D definitions of the command line: OPTIONS (Debian) or PROFTPD_OPTIONS (RHEL) in the options file; None
    when such a file exists but cannot be read."""
    found: set[str] = set()
    for path in facts.paths.ftp.proftpd_options:
        if not facts.exists(path):
            continue
        try:
            text = facts.content(path)
        except NotAssessed:
            return None
        for line in text.splitlines():
            key, _, value = line.strip().partition("=")
            if key in ("OPTIONS", "PROFTPD_OPTIONS"):
                found |= defines_from_options(value.strip().strip("'\""))
    return frozenset(found)


def _proftpd_includes(facts: HostFacts) -> list[Request]:
    missing: list[Request] = []
    try:
        _proftpd_resolved(facts, missing)
    except NotAssessed:
        return []
    return list(dict.fromkeys(missing))


def proftpd(facts: HostFacts) -> tuple[Resolved | None, str]:
    """proftpd's configuration as it reads it, and the main file's path (or why it cannot be read)."""
    return _proftpd_resolved(facts, [])


def proftpd_tls(facts: HostFacts) -> tuple[list[str], list[str]]:
    """(problems, reasons not read) of FTP-01 for proftpd: every server needs TLSEngine on and TLSRequired on."""
    conf, main = proftpd(facts)
    if conf is None:
        return [], [main]
    problems, undecided = tls_problems(tls_settings(conf), main)
    if conf.unread or undecided:
        return [], conf.unread + undecided
    return problems, []


def proftpd_anonymous(facts: HostFacts) -> tuple[list[str], list[str], list[str]]:
    """(problems, notes, unread) of FTP-06 for proftpd: an <Anonymous> block that is on lets anonymous users in."""
    conf, main = proftpd(facts)
    if conf is None:
        return [], [], [main]
    on, maybe = anonymous_blocks(conf)
    problems = [f"proftpd: {d.where()}: anonymous logins are on" for d in on]
    unread = conf.unread + [f"proftpd: {d.where()}: under {d.undecided}" for d in maybe]
    if problems:
        return problems, [], unread
    return [], [f"proftpd: {main} and its includes have no <Anonymous> block that is on"], unread


def vsftpd(facts: HostFacts) -> VsftpdConf | None:
    """vsftpd's configuration when vsftpd is installed: its first existing config file."""
    if "/usr/sbin/vsftpd" not in facts.paths.ftp.daemons or not facts.exists("/usr/sbin/vsftpd"):
        return None
    for path in facts.paths.ftp.vsftpd_confs:
        if facts.exists(path):
            return parse_vsftpd(facts.content(path), path)
    return parse_vsftpd("", facts.paths.ftp.vsftpd_confs[0])


def _named_deny_files(facts: HostFacts) -> list[tuple[str, str]]:
    """(path, why) for deny lists the installed daemon is configured to read."""
    f = facts.paths.ftp
    named: list[tuple[str, str]] = []
    # PAM reads /etc/pam.d/NAME, and the vendor directory's only when /etc has none
    pams = [pam for pam in (f.pam_file, f.pam_vendor_file) if pam and facts.batch.contents.get(pam) and facts.exists(pam)]
    if pams:
        listfiles, _ = parse_pam_listfiles(facts.content(pams[0]), pams[0])
        named += [
            (e.file, f"{e.path}:{e.line} pam_listfile sense=deny")
            for e in listfiles
            if e.sense == "deny" and e.item == "user" and e.type in ("auth", "") and e.file
        ]
    conf = vsftpd(facts)
    if conf is not None:
        try:
            if flag(conf, "userlist_enable") and flag(conf, "userlist_deny"):
                named.append((value(conf, "userlist_file"), f"{conf.path} userlist_enable=YES userlist_deny=YES"))
        except ValueError:
            pass
    return named


def ftpusers_path(facts: HostFacts) -> tuple[str, str]:
    """The deny file this host's FTP daemon reads, and why we think so."""
    named = _named_deny_files(facts)
    if named:
        return named[0]
    candidates = facts.paths.ftp.ftpusers
    for path in candidates:
        if facts.exists(path):
            return path, "the platform's ftpusers file"
    return candidates[0], "the platform's ftpusers file"


def ftpusers(facts: HostFacts, path: str) -> FtpUsers:
    return parse_ftpusers(facts.content(path), path)


def system_accounts(facts: HostFacts, profile: Profile) -> list[str]:
    """Accounts FTP must refuse: known system names, UIDs below the threshold, and the profile's list."""
    return list(dict.fromkeys(host_system_accounts(facts, profile.ftp.system_uid_below) + list(profile.ftp.deny_users)))


def anonymous_accounts(facts: HostFacts) -> list[str]:
    return [f"/etc/passwd:{a.line}: account {a.name} (uid {a.uid})" for a in facts.accounts() if a.name in ("ftp", "anonymous")]


# -- what a vsftpd.conf lets through (pure: a VsftpdConf in, evidence lines out) ------------------------------


def _shown(conf: VsftpdConf, key: str) -> str:
    """``path:line: key=value``, or ``path: key=value (not set, vsftpd's compiled default)``."""
    if key in conf.settings:
        return f"{where(conf, key)}: {key}={value(conf, key)}"
    return f"{conf.path}: {key}={value(conf, key)} (not set: vsftpd's compiled default)"


def vsftpd_tls_problems(conf: VsftpdConf) -> list[str]:
    """Every way vsftpd lets a session run without TLS (FTP-01); ValueError on a boolean vsftpd cannot read.

    vsftpd.conf(5) and prelogin.c/postlogin.c: with ssl_enable=NO nothing is encrypted; with YES, local
    users are forced by force_local_logins_ssl and force_local_data_ssl (compiled default YES), anonymous
    users only by force_anon_logins_ssl and force_anon_data_ssl (compiled default NO), which apply only
    when anonymous_enable lets anonymous users in. allow_anon_ssl (default NO) lets anonymous users use
    TLS at all; it is named with an anonymous problem, but the two force keys decide whether they must.
    """
    if not flag(conf, "ssl_enable"):
        return [f"{_shown(conf, 'ssl_enable')}: vsftpd serves plaintext FTP"]
    problems = [
        f"{_shown(conf, key)}: local users may {what} without TLS"
        for key, what in (("force_local_logins_ssl", "log in"), ("force_local_data_ssl", "transfer files"))
        if not flag(conf, key)
    ]
    if flag(conf, "anonymous_enable"):
        why = f"anonymous logins are on ({_shown(conf, 'anonymous_enable')})"
        allow = (
            "" if flag(conf, "allow_anon_ssl") else f"; {_shown(conf, 'allow_anon_ssl')}: anonymous users may not even use TLS"
        )
        problems += [
            f"{_shown(conf, key)}: anonymous sessions {what} in the clear; {why}{allow}"
            for key, what in (("force_anon_logins_ssl", "log in"), ("force_anon_data_ssl", "transfer files"))
            if not flag(conf, key)
        ]
    return problems


#: How each platform's FTP daemon decides whether anonymous logins work: named in FTP-06's evidence.
AIX_ANONYMOUS_RULE = "AIX: ftpd allows anonymous logins when an ftp or anonymous account exists"
LINUX_ANONYMOUS_RULE = "Linux: the FTP daemon's configuration decides; an ftp account alone lets nobody in"


@dataclass
class AnonymousFtp:
    """FTP-06's findings: which rule judged, what it found, and why it could not judge."""

    rule: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unassessed: list[str] = field(default_factory=list)
    #: the N/A reason, when the platform's rule has nothing to judge.
    not_applicable: str = ""


def vsftpd_anonymous(conf: VsftpdConf) -> tuple[list[str], list[str]]:
    """(problems, notes) of vsftpd's anonymous_enable; ValueError on a boolean vsftpd cannot read."""
    shown = f"vsftpd: {_shown(conf, 'anonymous_enable')}"
    if flag(conf, "anonymous_enable"):
        return [f"{shown}: anyone may log in as anonymous (as the {value(conf, 'ftp_username')} account)"], []
    return [], [shown]


def anonymous_ftp(facts: HostFacts) -> AnonymousFtp:
    """FTP-06 by the platform's own rule: AIX ftpd by its accounts, Linux daemons by their configuration."""
    f = facts.paths.ftp
    accounts = anonymous_accounts(facts)
    if not f.daemons:  # ftpd is part of the base OS: AIX's rule
        return AnonymousFtp(AIX_ANONYMOUS_RULE, problems=[f"{a}: ftpd lets anyone log in as it" for a in accounts])
    found = AnonymousFtp(LINUX_ANONYMOUS_RULE)
    installed_daemons = [d for d in f.daemons if facts.exists(d)]
    harmless = [f"{a}: enables no anonymous FTP by itself on Linux" for a in accounts]
    if not installed_daemons:
        found.not_applicable = "; ".join([f"no FTP daemon is installed (none of {', '.join(f.daemons)})", *harmless])
        return found
    found.notes += harmless
    for daemon in installed_daemons:
        if daemon == "/usr/sbin/vsftpd":
            conf = vsftpd(facts)
            if conf is None:  # cannot happen: installed means vsftpd() reads or defaults its configuration
                found.unassessed.append(f"{daemon}: configuration not found")
                continue
            try:
                problems, notes = vsftpd_anonymous(conf)
            except ValueError as exc:
                found.unassessed.append(str(exc))
                continue
            found.problems += problems
            found.notes += notes
        elif daemon.endswith("/proftpd"):
            problems, notes, unread = proftpd_anonymous(facts)
            found.problems += problems
            found.notes += notes
            found.unassessed += unread
        elif daemon.endswith("/pure-ftpd"):
            problems, notes, unread = pureftpd_anonymous(facts)
            found.problems += problems
            found.notes += notes
            found.unassessed += unread
        else:
            found.unassessed.append(f"{daemon} is installed and its anonymous-login settings are not read")
    return found
