"""What the TFTP, .netrc, anonymous-account and inetd.conf controls need (FTP-07, -08, -09, -15, -17).

TFTP starts from inetd.conf, from xinetd (its main file and the directories that file
includes), from a systemd unit or SysV boot link, from an AIX SRC subsystem, or runs
as a process; each start says what confines the daemon and which account it runs as.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from svcaudit.collect.batch import Request
from svcaudit.facts import aix_boot as aixbootfacts
from svcaudit.facts import mail as mailfacts
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.accounts import Account
from svcaudit.parsers.inetd import enabled_services, parse_inetd
from svcaudit.parsers.stanza import StanzaFile, parse_stanzas, value_list
from svcaudit.parsers.tftp import (
    AccessCtl,
    ShellVars,
    TftpdArgs,
    exec_start,
    parse_access_ctl,
    parse_shell_vars,
    tftpd_args,
)
from svcaudit.parsers.xinetd import XinetdConf, included_file, parse_xinetd, service_off
from svcaudit.profile import Profile

#: The name FTP-09 searches for, in the collector's find syntax.
NETRC_NAMES = (".netrc",)
#: Program names of TFTP daemons, whatever the service is called.
TFTP_PROGRAMS = frozenset({"tftpd", "in.tftpd", "atftpd"})
#: The commands AIX's securetcpip bars from reading .netrc (tcpip: stanza of /etc/security/config).
NETRC_BARRED = ("ftp", "rexec")


def requests(p: Paths) -> list[Request]:
    t = p.tftp
    reqs = [Request("read", c) for c in t.inetd_confs + t.protected_confs]
    reqs += [Request("stat", d) for d in t.daemons]
    reqs += [Request("list", d) for d in t.rc_dirs]
    reqs += [Request("read", f) for f in (t.xinetd_conf, t.access_ctl, t.hpa_defaults, t.security_config) if f]
    if t.xinetd_dir:
        reqs.append(Request("listread", t.xinetd_dir))
    reqs += [Request("acl", c) for c in t.protected_confs]
    reqs += [Request("read", u) for u in t.unit_files] + [Request("list", d) for d in t.unit_dropins]
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """xinetd's other include directories and files, every home (for .netrc) and the .netrc search."""
    reqs: list[Request] = []
    for step in (_xinetd_requests, lambda f: _netrc_requests(f, profile)):
        try:
            reqs += step(facts)
        except NotAssessed:
            continue  # the control that needs it reports the reason
    return reqs


def _xinetd_requests(facts: HostFacts) -> list[Request]:
    main = _xinetd_main(facts)
    if main is None:
        return []
    return [Request("listread", d) for d, _ in main.includedirs] + [Request("read", f) for f, _ in main.includefiles]


def _netrc_requests(facts: HostFacts, profile: Profile) -> list[Request]:
    return [Request("list", home) for home in mailfacts.home_dirs(facts)] + [
        Request("find", root) for root in netrc_roots(facts, profile)
    ]


# -- .netrc (FTP-09) ---------------------------------------------------------------


def netrc_roots(facts: HostFacts, profile: Profile) -> list[str]:
    return mailfacts.search_roots(facts, profile.ftp.netrc_search, profile.ftp.netrc_search_roots)


def netrc_files(facts: HostFacts, profile: Profile) -> tuple[list[str], list[str]]:
    """Every .netrc in a home directory or below the search roots, and why the search is incomplete."""
    return mailfacts.files_in_homes(facts, netrc_roots(facts, profile), lambda name: name in NETRC_NAMES, ".netrc")


def security_config(facts: HostFacts) -> StanzaFile | None:
    path = facts.paths.tftp.security_config
    if not path or not facts.exists(path):
        return None
    return parse_stanzas(facts.content(path), path)


def netrc_not_disabled(facts: HostFacts) -> tuple[list[str], list[str]]:
    """AIX: why ftp and rexec may still read .netrc, from /etc/security/config's tcpip: stanza ([] when
    barred), and the lines of that file that could not be read (caveats)."""
    path = facts.paths.tftp.security_config
    if not path:
        return [], []
    conf = security_config(facts)
    if conf is None:
        return [f"{path}: does not exist, so ftp and rexec read .netrc (securetcpip has not been run)"], []
    notes = [m.evidence() for m in conf.malformed]
    stanza = conf.stanza("tcpip")
    if stanza is None:
        return [f"{path}: no tcpip: stanza, so ftp and rexec read .netrc (securetcpip has not been run)"], notes
    attr = stanza.attr("netrc")
    if attr is None:
        return [f"{path}:{stanza.line}: tcpip: has no netrc attribute, so ftp and rexec read .netrc"], notes
    missing = [c for c in NETRC_BARRED if c not in value_list(attr.value)]
    if missing:
        return [f"{path}:{attr.line}: {attr.text}: {' and '.join(missing)} may still read .netrc"], notes
    return [], notes


# -- TFTP starts (FTP-07) and what confines them (FTP-08) --------------------------------


@dataclass(frozen=True)
class TftpStart:
    """One sign that TFTP starts or runs, with what its configuration says when it says anything."""

    evidence: str
    kind: str  # inetd, xinetd, unit, rc, subsystem, process
    program: str = ""
    #: the daemon's arguments without its name; None when the start names none (a unit, a process).
    args: str | None = None
    #: the account inetd or xinetd runs it as ("" when the start does not say).
    user: str = ""


@dataclass
class TftpStarts:
    starts: list[TftpStart] = field(default_factory=list)
    #: configuration lines that could not be read (caveats).
    notes: list[str] = field(default_factory=list)


def _tftp_program(program: str) -> bool:
    return posixpath.basename(program) in TFTP_PROGRAMS


def _inetd_starts(facts: HostFacts, found: TftpStarts) -> None:
    for path in facts.paths.tftp.inetd_confs:
        if not facts.exists(path):
            continue
        conf = parse_inetd(facts.content(path), path)
        named = set(enabled_services(conf, "tftp"))
        for s in conf.services:
            if s in named or (s.enabled and _tftp_program(s.program)):
                args = " ".join(s.args[1:])
                found.starts.append(TftpStart(f"{path}:{s.line}: {s.text}", "inetd", s.program, args, s.user))
        found.notes += [m.evidence() for m in conf.malformed]


def _xinetd_main(facts: HostFacts) -> XinetdConf | None:
    path = facts.paths.tftp.xinetd_conf
    if not path or not facts.exists(path):
        return None
    return parse_xinetd(facts.content(path), path)


def xinetd_confs(facts: HostFacts) -> list[XinetdConf]:
    """xinetd's main file, then the files it includes (includedir skips names with a dot or a trailing ~)."""
    main = _xinetd_main(facts)
    if main is None:
        return []
    confs = [main]
    for directory, _ in main.includedirs:
        if not facts.exists(directory):
            continue
        for name in sorted(facts.listing(directory)):
            path = posixpath.join(directory, name)
            if included_file(name) and facts.stat(path).kind == "file":
                confs.append(parse_xinetd(facts.content(path), path))
    confs += [parse_xinetd(facts.content(f), f) for f, _ in main.includefiles if facts.exists(f)]
    return confs


def _xinetd_starts(facts: HostFacts, found: TftpStarts) -> None:
    confs = xinetd_confs(facts)
    defaults = tuple(a for conf in confs for a in conf.defaults)
    for conf in confs:
        found.notes += [m.evidence() for m in conf.malformed]
        for service in conf.services:
            server = (service.values("server") or ("",))[0]
            if service.name != "tftp" and not _tftp_program(server):
                continue
            if service_off(service, defaults):
                continue
            disable = service.attr("disable")
            why = f"disable = {' '.join(disable.values)}" if disable else "no 'disable = yes'"
            user = (service.values("user") or ("",))[0]
            args = " ".join(service.values("server_args") or ())
            evidence = f"{conf.path}:{service.line}: xinetd service {service.name} runs {server or '?'} ({why})"
            found.starts.append(TftpStart(evidence, "xinetd", server, args, user))


def _rc_starts(facts: HostFacts, found: TftpStarts) -> None:
    t = facts.paths.tftp
    links = re.compile(r"S[0-9]{2}(" + "|".join(re.escape(s) for s in t.rc_scripts) + r")")
    for directory in t.rc_dirs:
        if not facts.exists(directory):
            continue
        for name in facts.listing(directory):
            match = links.fullmatch(name)
            if match:
                found.starts.append(TftpStart(f"{directory}/{name}: SysV boot link (started at boot)", "rc", match.group(1)))


def _boot_starts(facts: HostFacts, found: TftpStarts) -> list[str]:
    """AIX: inittab entries and rc.d start scripts that run tftpd or start its subsystem (or its SRC group).

    Returns why what AIX starts at boot is not fully known (an unread inittab or script), for the caller to
    report when nothing else shows TFTP starting.
    """
    t = facts.paths.tftp
    try:
        signs = aixbootfacts.boot_signs(facts, programs=t.daemons, subsystems=t.subsystems)
    except NotAssessed as exc:
        return [str(exc)]
    found.starts += [TftpStart(sign.evidence, "boot", posixpath.basename(t.daemons[0]) if t.daemons else "") for sign in signs]
    return []


#: Units whose command line is tftp.service's (tftp.socket starts tftp.service).
TFTP_SERVICE_UNITS = frozenset({"tftp.service", "tftp.socket"})


def _unit_start(facts: HostFacts, link: str) -> TftpStart:
    """An enabled unit; for tftp.service and tftp.socket, with the command line tftp.service's ExecStart runs."""
    unit = posixpath.basename(link)
    shown = f"{link}: systemd unit enabled"
    if unit not in TFTP_SERVICE_UNITS:
        return TftpStart(shown, "unit", unit)
    t = facts.paths.tftp
    dropins = [d for d in t.unit_dropins if facts.exists(d) and facts.listing(d)]
    if dropins:
        return TftpStart(f"{shown} (drop-ins in {', '.join(dropins)} are not read)", "unit", unit)
    for path in t.unit_files:
        if facts.exists(path):
            found = exec_start(facts.content(path))
            if found is None:
                return TftpStart(f"{shown} ({path} has no ExecStart)", "unit", unit)
            command, line = found
            program, _, args = command.partition(" ")
            return TftpStart(f"{shown}; {path}:{line}: ExecStart={command}", "unit", program, args.strip())
    return TftpStart(f"{shown} (no tftp.service unit file in {', '.join(t.unit_files)})", "unit", unit)


def tftp_starts(facts: HostFacts) -> TftpStarts:
    """Every sign that a TFTP daemon starts or runs; NotAssessed when none is found but ps or lssrc failed."""
    return facts.derived("tftp_starts", lambda: _tftp_starts(facts))


def _tftp_starts(facts: HostFacts) -> TftpStarts:
    t = facts.paths.tftp
    found = TftpStarts()
    _inetd_starts(facts, found)
    _xinetd_starts(facts, found)
    _rc_starts(facts, found)
    unknown = _boot_starts(facts, found)
    for link in servicefacts.unit_links(facts, servicefacts.units_enabled(facts) & t.units):
        found.starts.append(_unit_start(facts, link))
    subsystems = {n for n, status in servicefacts.active_subsystems(facts).items() if n in t.subsystems and status == "active"}
    found.starts += [TftpStart(f"lssrc: subsystem {n} is active", "subsystem", n) for n in sorted(subsystems)]
    running = servicefacts.processes(facts) & t.processes
    found.starts += [TftpStart(f"process {n} is running", "process", n) for n in sorted(running)]
    if not found.starts:
        reasons, _ = servicefacts.running_state_unknown(facts, subsystems=t.subsystems, names=t.processes)
        reasons += unknown
        if reasons:
            raise NotAssessed("; ".join(reasons))
    found.notes += servicefacts.lssrc_notes(facts) if t.subsystems else []
    return found


def access_ctl(facts: HostFacts) -> AccessCtl | None:
    path = facts.paths.tftp.access_ctl
    if not path or not facts.exists(path):
        return None
    return parse_access_ctl(facts.content(path), path)


def hpa_defaults(facts: HostFacts) -> ShellVars | None:
    path = facts.paths.tftp.hpa_defaults
    if not path or not facts.exists(path):
        return None
    return parse_shell_vars(facts.content(path), path)


# -- accounts (FTP-08, FTP-15) -----------------------------------------------------


def account(facts: HostFacts, name: str) -> Account | None:
    found = [a for a in facts.accounts() if a.name == name]
    return found[0] if found else None


def shell_problem(a: Account, nologin_shells: list[str]) -> str:
    """Why the account's shell lets someone log in, or "" when it is one of `nologin_shells`."""
    if a.shell in nologin_shells:
        return ""
    shown = a.shell or "empty (the system's default shell, /bin/sh)"
    return f"/etc/passwd:{a.line}: account {a.name} has shell {shown}, expected one of {', '.join(nologin_shells)}"


# -- FTP-08: what confines an enabled TFTP daemon ------------------------------------------


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unassessed: list[str] = field(default_factory=list)

    def add(self, other: Findings) -> None:
        self.problems += other.problems
        self.notes += other.notes
        self.unassessed += other.unassessed


#: The account in.tftpd drops to when no -u/--user names one (in.tftpd(8)).
TFTPD_DEFAULT_USER = "nobody"
#: The account judged when no start names one (DISA: a dedicated tftp account).
TFTP_ACCOUNT = "tftp"


def configured(starts: list[TftpStart]) -> list[TftpStart]:
    """The starts whose configuration FTP-08 judges: a running process is the daemon some configured start
    runs, so it is judged by itself only when nothing configured starts TFTP."""
    found = [s for s in starts if s.kind != "process"]
    return found or starts


def tftp_accounts(facts: HostFacts, starts: list[TftpStart]) -> list[tuple[str, str]]:
    """(account, where it is named) for every account an enabled TFTP daemon runs as."""
    found: list[tuple[str, str]] = []
    hpa = hpa_defaults(facts)
    for start in configured(starts):
        if facts.paths.tftp.access_ctl:  # AIX tftpd runs as inetd's user field
            if start.user:
                found.append((start.user, start.evidence))
        elif start.args is not None and start.kind in ("inetd", "xinetd", "unit"):
            user = tftpd_args(start.args).user
            found.append((user or TFTPD_DEFAULT_USER, start.evidence + ("" if user else ", in.tftpd's default -u nobody")))
        elif hpa is not None and _hpa_start(start):
            user = hpa.get("TFTP_USERNAME")
            found.append((user or TFTPD_DEFAULT_USER, f"{hpa.where('TFTP_USERNAME')}: TFTP_USERNAME"))
    if not found:
        found.append((TFTP_ACCOUNT, "no enabled start names an account: the dedicated tftp account"))
    return list(dict.fromkeys(found))


def _hpa_start(start: TftpStart) -> bool:
    """A start that runs tftpd-hpa's init script or unit, or an in.tftpd process: /etc/default/tftpd-hpa configures it."""
    return start.program in ("tftpd-hpa", "tftpd-hpa.service", "in.tftpd") and start.kind in ("rc", "unit", "process")


def account_findings(facts: HostFacts, name: str, where: str, nologin_shells: list[str]) -> list[str]:
    """Why `name` is not a dedicated TFTP account with no login shell and its own home (V-849)."""
    a = account(facts, name)
    if a is None:
        return [f"{where}: account {name} does not exist in /etc/passwd"]
    shown = f"/etc/passwd:{a.line}: account {name} (TFTP runs as it: {where})"
    problems = []
    if a.uid == 0:
        problems.append(f"{shown}: uid 0, TFTP runs with root's rights")
    if name == "nobody":
        problems.append(f"{shown}: nobody is shared by every daemon that drops its rights, not a dedicated account")
    shell = shell_problem(a, nologin_shells)
    if shell:
        problems.append(shell)
    home = posixpath.normpath(a.home) if a.home.startswith("/") else ""
    sharing = [o.name for o in facts.accounts() if o.name != name and o.home and posixpath.normpath(o.home) == home]
    if home in ("", "/"):
        problems.append(f"{shown}: home {a.home or '(empty)'} is not a directory of its own")
    elif sharing:
        problems.append(f"{shown}: home {home} is shared with {', '.join(sharing)}")
    elif not facts.exists(home) or facts.stat(home).kind != "dir":
        problems.append(f"{shown}: home {home} does not exist as a directory")
    return problems


def aix_confinement(facts: HostFacts, homes: list[str]) -> Findings:
    """AIX tftpd: /etc/tftpaccess.ctl must exist and allow nothing outside the TFTP account's home."""
    found = Findings()
    ctl = access_ctl(facts)
    path = facts.paths.tftp.access_ctl or ""
    if ctl is None:
        found.problems.append(f"{path}: does not exist, so tftpd serves every world-readable file")
        return found
    found.notes += [m.evidence("ignored") for m in ctl.malformed]
    homes = [h for h in (posixpath.normpath(h) for h in homes) if h != "/"]  # a home of / confines nothing
    allowed = ctl.allowed()
    if not allowed:
        found.notes.append(f"{path}: no allow: entry, so tftpd serves nothing")
    if not homes:
        if allowed:
            found.unassessed.append(f"{path}: the TFTP account has no home to compare the allow: entries with")
        return found
    for entry in allowed:
        target = posixpath.normpath(entry.path)
        if not any(target == h or target.startswith(h.rstrip("/") + "/") for h in homes):
            found.problems.append(f"{path}:{entry.line}: {entry.text}: outside the TFTP home ({', '.join(homes)})")
    return found


def linux_confinement(facts: HostFacts, starts: list[TftpStart]) -> Findings:
    """in.tftpd must run with --secure on one directory other than /; other daemons' settings are not read."""
    found = Findings()
    hpa = hpa_defaults(facts)
    hpa_judged = False
    for start in configured(starts):
        if posixpath.basename(start.program).startswith("atftpd"):
            found.unassessed.append(f"{start.evidence}: atftpd's confinement is not read")
        elif start.args is not None and start.kind in ("inetd", "xinetd", "unit"):
            if posixpath.basename(start.program) != "in.tftpd":
                server = start.program or "the server"
                found.unassessed.append(f"{start.evidence}: {server} is not in.tftpd; its options are not read")
                continue
            _judge_args(found, start.evidence, tftpd_args(start.args), None)
        elif _hpa_start(start):
            if hpa_judged:
                continue  # one defaults file, however many links and units start it
            hpa_judged = True
            if hpa is None:
                missing = facts.paths.tftp.hpa_defaults
                found.unassessed.append(f"{start.evidence}: {missing} does not exist; the daemon's options are unknown")
                continue
            found.notes += [m.evidence("ignored") for m in hpa.malformed]
            shown = f"{hpa.where('TFTP_OPTIONS')}: TFTP_OPTIONS={hpa.get('TFTP_OPTIONS') or ''!r}"
            directory = hpa.get("TFTP_DIRECTORY")
            _judge_args(found, shown, tftpd_args(hpa.get("TFTP_OPTIONS") or ""), directory.split() if directory else [])
        else:
            found.unassessed.append(f"{start.evidence}: the options of the daemon it starts are not read")
    return found


def _judge_args(found: Findings, shown: str, args: TftpdArgs, directories: list[str] | None) -> None:
    if args.unread:
        found.unassessed.append(f"{shown}: {args.unread}")
        return
    dirs = list(args.directories) + (directories or [])
    if not args.secure:
        found.problems.append(f"{shown}: no --secure (-s): clients may fetch any file the daemon can read")
    elif len(dirs) != 1 or posixpath.normpath(dirs[0]) == "/":
        found.problems.append(f"{shown}: --secure needs exactly one directory other than /, found {' '.join(dirs) or 'none'}")
