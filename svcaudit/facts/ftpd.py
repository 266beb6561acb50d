"""What the ftpd hardening controls (FTP-10 .. FTP-14) need beyond svcaudit.facts.ftp.

AIX: /etc/ftpaccess.ctl and the herald file it names, ftpd's message catalog (read with a fixed
`dspcat` command), the ftp account's umask in /etc/security/user and the ftpd arguments of the
active inetd.conf line. Linux: vsftpd's, proftpd's and pure-ftpd's banner, umask and logging settings. Pure judgements
(a banner's text, a umask's bits) live here too, so the controls stay a few lines each.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from svcaudit.collect.batch import Request
from svcaudit.facts import ftp as ftpfacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.facts.syslog import searched, syslog
from svcaudit.parsers.ftpaccess import FtpAccess, parse_ftpaccess
from svcaudit.parsers.inetd import InetdService
from svcaudit.parsers.options import getopt
from svcaudit.parsers.proftpd import Directive, server_directives
from svcaudit.parsers.pureftpd import PureFtpdConf
from svcaudit.parsers.stanza import StanzaFile, parse_stanzas
from svcaudit.parsers.syslog import covers
from svcaudit.parsers.vsftpd import VsftpdConf, flag, value, where
from svcaudit.profile import Profile

#: The catalog the collector's `ftpdcat` command reads (collector.pl %COMMANDS), and what it asks for.
FTPD_CATALOG = "/usr/lib/nls/msg/en_US/ftpd.cat"
CATALOG_COMMAND = f"dspcat {FTPD_CATALOG} 1 9"
#: AIX ftpd's stock greeting in its catalog: host name and ftpd version, no warning.
_STOCK_GREETING = re.compile(r"%(?:\d+\$)?s ftp server \(%(?:\d+\$)?s\) ready\.?")
#: mkuser's built-in umask when /etc/security/user sets none (AIX Security: "umask ... default 022").
AIX_DEFAULT_UMASK = 0o022
#: AIX ftpd's getopt letters that take a value (ftpd: -t TimeOut, -T MaxTimeOut, -u OctalVal).
_FTPD_WITH_ARGUMENT = "tTu"


def requests(p: Paths) -> list[Request]:
    f = p.ftp
    reqs = [Request("read", path) for path in (f.ftpaccess_ctl, f.security_user) if path]
    return reqs + ([Request("acl", f.ftpaccess_ctl)] if f.ftpaccess_ctl else [])


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """The ftpusers file's ACL (FTP-10), the herald file ftpaccess.ctl names, vsftpd's banner_file,
    and dspcat when the catalog is judged."""
    reqs: list[Request] = []
    try:
        reqs.append(Request("acl", ftpfacts.ftpusers_path(facts)[0]))
        access = ftpaccess(facts)
        if access is not None:
            reqs += [Request("read", path) for path in herald_paths(access)]
        conf = ftpfacts.vsftpd(facts)
        if conf is not None and "banner_file" in conf.settings:
            reqs.append(Request("read", conf.settings["banner_file"].value))
    except NotAssessed:
        pass  # the controls say why
    if facts.paths.ftp.ftpaccess_ctl and profile.ftp.banner_source == "catalog" and not facts.sysroot:
        reqs.append(Request("cmd", "ftpdcat"))
    return reqs


@dataclass
class Findings:
    """A judgement's evidence: what fails, caveats, why it could not be judged, and the fix for what was found."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unassessed: list[str] = field(default_factory=list)
    fix: list[str] = field(default_factory=list)


# -- AIX ----------------------------------------------------------------------------------------------


def ftpaccess(facts: HostFacts) -> FtpAccess | None:
    """/etc/ftpaccess.ctl parsed, None when the platform has none or it does not exist."""
    path = facts.paths.ftp.ftpaccess_ctl
    if not path or not facts.exists(path):
        return None
    return parse_ftpaccess(facts.content(path), path)


def herald_paths(access: FtpAccess) -> list[str]:
    return [v for line in access.named("herald") for v in line.values[:1]]


def ftpd_option(service: InetdService, letter: str) -> str | None:
    """The value of ftpd's -LETTER on an inetd.conf line ("" for a flag), None when absent."""
    found, _ = getopt(service.args[1:], _FTPD_WITH_ARGUMENT)
    return found.get(letter)


def security_user(facts: HostFacts) -> StanzaFile | None:
    path = facts.paths.ftp.security_user
    if not path or not facts.exists(path):
        return None
    return parse_stanzas(facts.content(path), path)


def account_umask(facts: HostFacts, name: str) -> tuple[str, str]:
    """(umask as written, where it comes from): the account's stanza, else default:, else AIX's built-in 022."""
    stanzas = security_user(facts)
    path = facts.paths.ftp.security_user or "/etc/security/user"
    if stanzas is None:
        return f"{AIX_DEFAULT_UMASK:03o}", f"{path} does not exist: AIX's built-in umask"
    for stanza in (name, "default"):
        found = section.attr("umask") if (section := stanzas.stanza(stanza)) else None
        if found is not None:
            return found.value, f"{path}:{found.line}: {stanza}: umask = {found.value}"
    return f"{AIX_DEFAULT_UMASK:03o}", f"{path}: neither {name}: nor default: sets umask: AIX's built-in umask"


def catalog_greeting(facts: HostFacts) -> tuple[str | None, str]:
    """(message 9 of set 1 of ftpd.cat, "") or (None, why it could not be read)."""
    record = facts.command("ftpdcat")
    if record is None:
        if facts.sysroot:
            return None, f"{FTPD_CATALOG} is read by running `{CATALOG_COMMAND}`, and a --sysroot scan runs no commands"
        return None, f"`{CATALOG_COMMAND}` was not run"
    if record.rc != 0:
        return None, f"`{CATALOG_COMMAND}` failed (exit {record.rc}): {record.output.strip()[:200]}"
    return record.output.rstrip("\n"), ""


def stock_greeting(text: str) -> bool:
    return bool(_STOCK_GREETING.fullmatch(normalised(text)))


# -- judgements shared by both platforms ---------------------------------------------------------------


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def banner_problems(text: str, words: list[str], where: str) -> list[str]:
    """Why a banner does not do: empty, or missing a required phrase (case and blanks ignored)."""
    if not text.strip():
        return [f"{where}: the banner is empty"]
    have = normalised(text)
    missing = [w for w in words if normalised(w) not in have]
    return [f"{where}: the banner does not contain {', '.join(repr(w) for w in missing)}"] if missing else []


def octal_umask(text: str) -> int | None:
    """A umask written in octal (``077``, ``0077``, ``27``), None when it is not one."""
    return int(text, 8) if re.fullmatch(r"[0-7]{1,4}", text) and int(text, 8) <= 0o777 else None


def strict_enough(umask: int, required: int) -> bool:
    """Every bit of the required umask is set: nothing it withholds is granted."""
    return umask & required == required


def umask_problem(text: str | None, required: int, where: str, what: str) -> list[str]:
    """An evidence line when the umask written as `text` is missing, unreadable or looser than `required`."""
    if text is None:
        return [f"{where}: no {what}"]
    value = octal_umask(text)
    if value is None:
        return [f"{where}: {what} {text!r} is not an octal umask"]
    if not strict_enough(value, required):
        return [f"{where}: {what} {value:03o} is looser than {required:03o} (bits {required & ~value:03o} not withheld)"]
    return []


# -- vsftpd ----------------------------------------------------------------------------------------------


def vsftpd_banner(facts: HostFacts, conf: VsftpdConf, words: list[str]) -> list[str]:
    """vsftpd.conf(5): banner_file, when set, overrides ftpd_banner; with neither, vsftpd greets "(vsFTPd x.y.z)"."""
    if "banner_file" in conf.settings:
        setting = conf.settings["banner_file"]
        where = f"{conf.path}:{setting.line}: banner_file={setting.value}"
        if not facts.exists(setting.value):
            return [f"{where}: the file does not exist, so vsftpd shows no banner"]
        return banner_problems(facts.content(setting.value), words, f"{where} ({setting.value})")
    if "ftpd_banner" in conf.settings:
        setting = conf.settings["ftpd_banner"]
        return banner_problems(setting.value, words, f"{conf.path}:{setting.line}: ftpd_banner")
    return [f"{conf.path}: neither banner_file nor ftpd_banner is set: vsftpd greets with its version, (vsFTPd 3.x)"]


# -- umask (FTP-13) ------------------------------------------------------------------------------------------


def aix_umask(facts: HostFacts, required: int) -> Findings:
    """ftpd's -u on every active inetd.conf ftp line, and the ftp account's umask when the account exists."""
    found = Findings()
    for service in ftpfacts.inetd_ftp(facts):
        where = f"{service.path}:{service.line}: {service.text}"
        found.problems += umask_problem(ftpd_option(service, "u") or None, required, where, "ftpd -u umask")
        found.fix.append(f"in {service.path} line {service.line}: ftpd -l -u{required:03o}")
    if "ftp" not in {a.name for a in facts.accounts()}:
        found.notes.append("no ftp account in /etc/passwd: its umask is not checked")
        return found
    stanzas = security_user(facts)
    for bad in stanzas.malformed if stanzas else ():  # a umask line not read may be the one that counts
        (found.unassessed if "umask" in bad.text else found.notes).append(bad.evidence("not read"))
    if found.unassessed:
        return found
    text, origin = account_umask(facts, "ftp")
    account = umask_problem(text, required, origin, "the ftp account's umask")
    found.problems += account
    found.notes += [] if account else [origin]
    found.fix += [f"chuser umask={required:03o} ftp"] if account else []
    return found


def vsftpd_umask(conf: VsftpdConf, required: int) -> Findings:
    """local_umask, and anon_umask when anonymous users can upload (anonymous_enable, write_enable and
    anon_upload_enable or anon_mkdir_write_enable)."""
    found = Findings()
    keys = ["local_umask"]
    try:
        anonymous_writes = flag(conf, "anonymous_enable") and flag(conf, "write_enable")
        if anonymous_writes and (flag(conf, "anon_upload_enable") or flag(conf, "anon_mkdir_write_enable")):
            keys.append("anon_umask")
    except ValueError as exc:
        found.unassessed.append(str(exc))
    for key in keys:
        found.problems += umask_problem(value(conf, key), required, where(conf, key), key)
    found.fix.append(f"in {conf.path}: {' and '.join(f'{key}={required:03o}' for key in keys)}")
    return found


# -- banner (FTP-12) ----------------------------------------------------------------------------------------


def aix_banner(facts: HostFacts, source: str, words: list[str]) -> Findings:
    """AIX ftpd's banner from the herald: file(s) of ftpaccess.ctl, or from message 9 of set 1 of ftpd.cat."""
    if source == "catalog":
        text, why = catalog_greeting(facts)
        if text is None:
            return Findings(unassessed=[why])
        where = f"{FTPD_CATALOG} set 1 message 9"
        if stock_greeting(text):
            return Findings(problems=[f"{where}: {text!r} is AIX's stock greeting (host name and ftpd version, no warning)"])
        return Findings(problems=banner_problems(text, words, where), notes=[f"{where}: {text!r}"])
    access = ftpaccess(facts)
    ctl = facts.paths.ftp.ftpaccess_ctl
    if access is None:
        return Findings(problems=[f"{ctl}: does not exist, so ftpd shows no herald"])
    found = Findings()
    for bad in access.malformed:  # a herald line ftpd may or may not read decides the verdict: never a pass
        (found.unassessed if "herald" in bad.text else found.notes).append(bad.evidence("not read"))
    heralds = access.named("herald")
    if not heralds and not found.unassessed:
        found.problems.append(f"{ctl}: no herald: line, so ftpd shows no banner before login")
    for line in heralds:  # every one named must do: which of several ftpd shows is not documented
        herald = line.values[0] if line.values else ""
        where = f"{ctl}:{line.line}: {line.text}"
        if not herald or not facts.exists(herald):
            found.problems.append(f"{where}: {herald or 'no path'} does not exist")
        else:
            found.problems += banner_problems(facts.content(herald), words, f"{where} ({herald})")
    return found


# -- logging (FTP-14) ---------------------------------------------------------------------------------------


def aix_logging(facts: HostFacts) -> Findings:
    """-l on every active inetd.conf ftp line, and a syslog rule that takes daemon.info anywhere."""
    found = Findings()
    for s in ftpfacts.inetd_ftp(facts):
        if ftpd_option(s, "l") is None:
            found.problems.append(f"{s.path}:{s.line}: {s.text}: ftpd runs without -l, so it logs no sessions")
            found.fix.append(f"in {s.path} line {s.line}: add -l to the ftpd arguments")
    conf = syslog(facts)
    rules = [r for r in conf.rules if covers(r, "daemon", "info")]
    if not rules:
        found.problems.append(f"no syslog rule routes daemon.info anywhere ({', '.join(searched(facts))})")
        found.fix.append(f"in {searched(facts)[0]}: daemon.info /var/adm/ftpd.log (touch the file; refresh -s syslogd)")
    found.notes += [f"{r.path}:{r.line}: {r.text}" for r in rules[:3]]  # syslog's unread lines: the control adds them
    return found


def vsftpd_logging(conf: VsftpdConf) -> Findings:
    """xferlog_enable=YES or syslog_enable=YES; log_ftp_protocol=NO is a caveat."""
    found = Findings()
    try:
        if not (flag(conf, "xferlog_enable") or flag(conf, "syslog_enable")):
            found.problems.append(f"{where(conf, 'xferlog_enable')}: xferlog_enable=NO and syslog_enable=NO: vsftpd logs nothing")
            found.fix.append(f"in {conf.path}: xferlog_enable=YES")
        if not flag(conf, "log_ftp_protocol"):
            found.notes.append(f"{where(conf, 'log_ftp_protocol')}: log_ftp_protocol=NO: FTP commands are not logged")
    except ValueError as exc:
        found.unassessed.append(str(exc))
    return found


# -- proftpd and pure-ftpd (FTP-12 .. FTP-14) -------------------------------------------------------------------
#
# proftpd: ServerIdent (mod_core: default on, "ProFTPD <version> Server (<ServerName>)"), Umask (default 022),
# TransferLog (default /var/log/xferlog; NONE turns it off) and SystemLog/syslog. pure-ftpd (README): its stock
# greeting "Welcome to Pure-FTPd", FortunesFile for a banner of the site's, Umask (-U, default 133:022),
# syslog (facility ftp; SyslogFacility none turns it off) and AltLog.

PROFTPD_DEFAULT_UMASK = "022"
PUREFTPD_DEFAULT_UMASK = "133:022"


def _proftpd_servers(facts: HostFacts, names: tuple[str, ...]) -> tuple[dict[str, dict[str, Directive]], str, Findings]:
    """proftpd's servers with the named directives, its main file, and findings that say why it cannot be read."""
    conf, main = ftpfacts.proftpd(facts)
    if conf is None:
        return {}, main, Findings(unassessed=[main])
    servers = server_directives(conf, names)
    unsure = conf.unread + [u for _, doubts in servers.values() for u in doubts]
    if unsure:
        return {}, main, Findings(unassessed=unsure)
    return {server: found for server, (found, _) in servers.items()}, main, Findings()


def proftpd_banner(facts: HostFacts, words: list[str]) -> Findings:
    servers, main, found = _proftpd_servers(facts, ("serverident", "displayconnect"))
    for server, settings in servers.items():
        ident = settings.get("serverident")
        value = [a.lower() for a in ident.args[:1]] if ident else []
        if ident is None or (value == ["on"] and len(ident.args) < 2):
            shown = ident.where() if ident else f"{main}: ServerIdent not set"
            found.problems.append(f"{server}: {shown}: proftpd greets with ProFTPD and its version")
        elif value == ["on"]:
            found.problems += banner_problems(" ".join(ident.args[1:]), words, f"{server}: {ident.where()}")
        elif "displayconnect" in settings and settings["displayconnect"].args:
            found.problems += _banner_file(
                facts, settings["displayconnect"].args[0], words, f"{server}: {settings['displayconnect'].where()}"
            )
        else:
            found.problems.append(f"{server}: {ident.where()}: proftpd says only 'Server ready.', no banner of the site's")
    found.fix += [] if not found.problems else [f'in {main}: ServerIdent on "<the site\'s banner>"']
    return found


def proftpd_umask(facts: HostFacts, required: int) -> Findings:
    servers, main, found = _proftpd_servers(facts, ("umask",))
    for server, settings in servers.items():
        umask = settings.get("umask")
        where = f"{server}: {umask.where()}" if umask else f"{server}: {main}: Umask not set (proftpd's default 022)"
        texts = list(umask.args[:2]) if umask else [PROFTPD_DEFAULT_UMASK]
        for text, what in zip(texts, ("Umask for files", "Umask for directories"), strict=False):
            found.problems += umask_problem(text, required, where, what)
    found.fix += [] if not found.problems else [f"in {main}: Umask {required:03o} {required:03o}"]
    return found


def proftpd_logging(facts: HostFacts) -> Findings:
    servers, main, found = _proftpd_servers(facts, ("transferlog", "extendedlog", "systemlog"))
    for server, settings in servers.items():
        transfer, extended, system = (settings.get(n) for n in ("transferlog", "extendedlog", "systemlog"))
        if transfer is not None and [a.lower() for a in transfer.args[:1]] == ["none"] and extended is None:
            found.problems.append(f"{server}: {transfer.where()}: proftpd logs no transfers")
        found.notes += [d.where() for d in (transfer, extended, system) if d is not None]
    found.fix += [] if not found.problems else [f"in {main}: TransferLog /var/log/proftpd/xferlog"]
    return found


def _pureftpd_conf(facts: HostFacts) -> tuple[PureFtpdConf | None, Findings]:
    conf, why = ftpfacts.pureftpd(facts)
    return conf, Findings(unassessed=[why] if conf is None else [])


def _pureftpd_value(conf: PureFtpdConf, key: str) -> tuple[str | None, str]:
    values = conf.settings.get(key)
    return (values[0].value, values[0].evidence()) if values else (None, f"{conf.source}: {key} not set")


def pureftpd_banner(facts: HostFacts, words: list[str]) -> Findings:
    conf, found = _pureftpd_conf(facts)
    if conf is None:
        return found
    value, where = _pureftpd_value(conf, "FortunesFile")
    if value is None:
        found.problems.append(f"{where}: pure-ftpd greets with its stock 'Welcome to Pure-FTPd' banner, not the site's")
        found.fix.append(f"{conf.source}: FortunesFile naming a file that holds the site's banner")
    elif value.startswith("/") and facts.exists(value):
        # pure-ftpd shows one of the file's fortunes (separated by lines of '%') at random: each must do
        fortunes = [f for f in re.split(r"(?m)^%\s*$", facts.content(value)) if f.strip()] or [""]
        for fortune in fortunes:
            found.problems += banner_problems(fortune, words, f"{where} ({value})")
    else:
        found.problems.append(f"{where}: the file does not exist, so pure-ftpd shows its stock banner")
    return found


def _banner_file(facts: HostFacts, path: str, words: list[str], where: str) -> list[str]:
    if not path.startswith("/") or not facts.exists(path):
        return [f"{where}: {path} does not exist, so no banner of the site's is shown"]
    return banner_problems(facts.content(path), words, f"{where} ({path})")


def pureftpd_umask(facts: HostFacts, required: int) -> Findings:
    conf, found = _pureftpd_conf(facts)
    if conf is None:
        return found
    value, where = _pureftpd_value(conf, "Umask")
    if value is None:
        value, where = PUREFTPD_DEFAULT_UMASK, f"{where} (pure-ftpd's default {PUREFTPD_DEFAULT_UMASK})"
    parts = re.split(r"[:\s]+", value.strip())
    for text, what in zip(parts, ("Umask for files", "Umask for directories"), strict=False):
        found.problems += umask_problem(text, required, where, what)
    found.fix += [] if not found.problems else [f"{conf.source}: Umask {required:03o}:{required:03o}"]
    return found


def pureftpd_logging(facts: HostFacts) -> Findings:
    conf, found = _pureftpd_conf(facts)
    if conf is None:
        return found
    facility, where = _pureftpd_value(conf, "SyslogFacility")
    altlog, altlog_where = _pureftpd_value(conf, "AltLog")
    if (facility or "").lower() == "none" and altlog is None:
        found.problems.append(f"{where}: pure-ftpd logs nothing to syslog, and {altlog_where}")
        found.fix.append(f"{conf.source}: remove SyslogFacility none, or set AltLog")
    found.notes += [w for v, w in ((facility, where), (altlog, altlog_where)) if v is not None]
    return found


def per_daemon(
    facts: HostFacts,
    vsftpd: Callable[[VsftpdConf], Findings],
    proftpd: Callable[[], Findings],
    pureftpd: Callable[[], Findings],
) -> Findings:
    """Each enabled Linux FTP daemon judged by its own configuration, the findings put together."""
    found = Findings()
    for daemon, signs in ftpfacts.enabled_daemons(facts).items():
        name = posixpath.basename(daemon)
        conf = ftpfacts.vsftpd(facts) if name == "vsftpd" else None
        if name == "vsftpd":
            missing = f"vsftpd is enabled ({'; '.join(signs)}) but {daemon} does not exist"
            part = vsftpd(conf) if conf else Findings(unassessed=[missing])
        elif name == "proftpd":
            part = proftpd()
        elif name == "pure-ftpd":
            part = pureftpd()
        else:
            part = Findings(unassessed=[f"{name} is enabled ({'; '.join(signs)}); its configuration is not read"])
        for kept, more in zip(
            (found.problems, found.notes, found.unassessed, found.fix),
            (part.problems, part.notes, part.unassessed, part.fix),
            strict=True,
        ):
            kept += more
    return found
