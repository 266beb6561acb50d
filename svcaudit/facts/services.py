"""Whether a daemon is enabled at boot or running: rc.tcpip and SRC on AIX, systemd, SysV links and ps on Linux.

Boot enablement is read from files, so it works under --sysroot; running state
comes from `lssrc -a` and `ps`, which only a live host can answer. A command that
failed or said nothing is no answer: with no other sign of the service, the
control is not assessed (running_state_unknown), never passed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from svcaudit.collect.batch import Request
from svcaudit.facts import aix_boot
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.services import (
    ENABLING_DIRS,
    LSSRC,
    UNIT_SUFFIXES,
    Malformed,
    StartLine,
    enabled_units,
    parse_lssrc,
    parse_ps,
    parse_rc_tcpip,
)
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    reqs = [Request("cmd", "lssrc"), Request("cmd", "ps")]
    if p.rc_tcpip:
        reqs.append(Request("read", p.rc_tcpip))
    if p.systemd_dir:  # stat each entry: aliases and masks are links here
        reqs.append(Request("liststat", p.systemd_dir))
    reqs += [Request("list", d) for d in p.unit_dirs if d != p.systemd_dir]  # the packages' own *.wants
    reqs += [Request("liststat", d) for d in p.sysv_rc_dirs]
    reqs += [Request("stat", posixpath.join(d, unit)) for unit in sorted(_service_units(p)) for d in p.unit_dirs]
    return reqs


def _service_units(p: Paths) -> frozenset[str]:
    """The .service units of every daemon the controls ask about: their SysV scripts bear the same name."""
    return frozenset(u for u in p.ftp.units | p.snmp.units | p.mail.units if u.endswith(".service"))


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    return [Request("liststat", d) for d in _wants_dirs(facts)]


def _wants_dirs(facts: HostFacts) -> list[str]:
    """Every *.wants, *.requires and *.upholds directory of the unit directories, each real directory once."""
    found: list[str] = []
    seen: set[str] = set()
    for top in facts.paths.unit_dirs:
        record = facts.batch.listings.get(top)
        stat = facts.batch.stats.get(top)
        real = stat.real if stat and stat.real else top
        if record is None or record.error or real in seen:
            continue
        seen.add(real)
        found += [posixpath.join(top, n) for n in record.names if n.endswith(ENABLING_DIRS)]
    return found


@dataclass(frozen=True)
class UnitLink:
    """An entry of a *.wants directory: systemd starts the unit it names, and the unit its link resolves to.

    ``ftp.service -> /lib/systemd/system/vsftpd.service`` enables vsftpd.service through an alias.
    """

    path: str
    link: str
    units: frozenset[str]

    def evidence(self, unit: str) -> str:
        shown = f"{self.path} -> {self.link}" if self.link else self.path
        alias = "" if posixpath.basename(self.path) == unit else f" (linked as {posixpath.basename(self.path)})"
        return f"{shown}: systemd unit {unit} is enabled{alias}"


def enabling_links(facts: HostFacts) -> tuple[UnitLink, ...]:
    """The enabling links of every unit that is not masked."""
    return facts.derived("enabling_links", lambda: _enabling_links(facts))


def _enabling_links(facts: HostFacts) -> tuple[UnitLink, ...]:
    found: list[UnitLink] = []
    for directory in _wants_dirs(facts):
        names = facts.listing(directory)
        units = enabled_units({directory: names})
        for name in sorted(n for n in names if n in units):
            path = posixpath.join(directory, name)
            record = facts.stat(path)
            target = posixpath.basename(record.real) if record.real and record.kind == "file" else ""
            units = frozenset({name, target} - {""}) if target.endswith(UNIT_SUFFIXES) else frozenset({name})
            units = frozenset(u for u in units if not masked(facts, u))
            if units:
                found.append(UnitLink(path, record.link or "", units))
    return tuple(found)


def masked(facts: HostFacts, unit: str) -> bool:
    """``systemctl mask``: the unit's name in /etc/systemd/system links to /dev/null (or is an empty file),
    so nothing starts it, whatever links want it (systemd.unit(5))."""
    top = facts.paths.systemd_dir
    record = facts.batch.stats.get(posixpath.join(top, unit)) if top else None
    if record is None or record.error:
        return False
    return record.real == "/dev/null" or record.link == "/dev/null" or (record.kind == "file" and record.size == 0)


def start_lines(facts: HostFacts) -> tuple[StartLine, ...]:
    path = facts.paths.rc_tcpip
    if not path or not facts.exists(path):
        return ()
    return parse_rc_tcpip(facts.content(path), path)


def unit_links(facts: HostFacts, units: Iterable[str]) -> list[str]:
    """The enabling links of these units: ``/etc/systemd/system/sockets.target.wants/tftp.socket``."""
    wanted = set(units)
    return [link.path for link in enabling_links(facts) if link.units & wanted]


def units_enabled(facts: HostFacts) -> frozenset[str]:
    return frozenset(unit for link in enabling_links(facts) for unit in link.units)


def sysv_starts(facts: HostFacts, units: Iterable[str]) -> list[str]:
    """SysV start links (S??NAME in the runlevel directories) for NAME.service in ``units`` with no native unit file.

    systemd runs /etc/init.d/NAME at boot through systemd-sysv-generator when a runlevel
    directory links it as S??NAME and no native NAME.service exists (a native unit wins and is
    judged by its own *.wants link). A link whose script does not exist starts nothing.
    """
    wanted = {u.removesuffix(".service"): u for u in units if u.endswith(".service")}
    links: dict[str, list[tuple[str, str]]] = {}
    for directory in facts.paths.sysv_rc_dirs:
        if not facts.exists(directory):
            continue
        for name in sorted(facts.listing(directory)):
            start = _SYSV_START.fullmatch(name)
            if not start or start.group(1) not in wanted:
                continue
            path = posixpath.join(directory, name)
            record = facts.stat(path)
            if record.error:
                raise NotAssessed(f"{path}: cannot stat: {record.error}")
            if record.kind == "file":
                links.setdefault(start.group(1), []).append((path, f" -> {record.link}" if record.link else ""))
    found: list[str] = []
    for script, paths in sorted(links.items()):
        if _native_unit(facts, wanted[script]) or masked(facts, wanted[script]):
            continue
        (first, target), others = paths[0], [path for path, _ in paths[1:]]
        more = f" (and {', '.join(others)})" if others else ""
        found.append(f"{first}{target}{more}: SysV script {script} starts at boot (no native {wanted[script]})")
    return found


_SYSV_START = re.compile(r"S[0-9]{2}(.+)")


def _native_unit(facts: HostFacts, unit: str) -> bool:
    return any(facts.exists(posixpath.join(d, unit)) for d in facts.paths.unit_dirs)


def processes(facts: HostFacts) -> frozenset[str]:
    """Running command names; empty under --sysroot, where nothing runs (and when ps failed: see running_state_unknown)."""
    record = facts.command("ps")
    if facts.sysroot or record is None or record.rc != 0:
        return frozenset()
    return parse_ps(record.output)


def active_subsystems(facts: HostFacts) -> dict[str, str]:
    record = facts.command("lssrc")
    if facts.sysroot or record is None or record.rc != 0:
        return {}
    subsystems, _ = parse_lssrc(record.output)
    return {name: s.status for name, s in subsystems.items()}


#: The command lines the collector runs for ``ps`` and ``lssrc`` (collector.pl %COMMANDS).
_COMMAND_LINES = {"ps": "ps -e -o comm=", "lssrc": LSSRC}
_ERROR_CHARS = 300


def _command_failure(facts: HostFacts, name: str) -> str | None:
    """Why the output of ``name`` says nothing about what runs, or None when it answered."""
    shown = _COMMAND_LINES[name]
    record = facts.command(name)
    if record is None:
        return f"{shown}: not collected, so what runs is unknown"
    output = record.output.strip()
    if record.rc != 0:
        error = " / ".join(line.strip() for line in output.splitlines()[:3] if line.strip()) or "no output"
        if len(error) > _ERROR_CHARS:
            error = error[:_ERROR_CHARS] + "..."
        return f"{shown} failed (exit {record.rc}): {error!r}, so what runs is unknown"
    if not output:
        return f"{shown} printed nothing, so what runs is unknown"
    if name == "lssrc" and not parse_lssrc(record.output)[0]:
        return f"{shown} listed no subsystem, so what runs is unknown"
    return None


def running_state_unknown(
    facts: HostFacts, *, subsystems: Iterable[str] = (), names: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """Reasons the running state of these subsystems and processes is unknown, and caveats that do not change it.

    Nothing runs in an image (--sysroot). Otherwise a ``ps`` (when process names
    decide) or ``lssrc`` (when subsystems decide) that failed, printed nothing or
    listed nothing is a reason; so is an lssrc line that could not be read and
    names one of the subsystems. Other unread lssrc lines are caveats.
    """
    if facts.sysroot:
        return [], []
    wanted_subsystems, wanted_names = set(subsystems), set(names)
    reasons: list[str] = []
    notes: list[str] = []
    if wanted_names:
        failure = _command_failure(facts, "ps")
        if failure:
            reasons.append(failure)
    if wanted_subsystems:
        failure = _command_failure(facts, "lssrc")
        if failure:
            reasons.append(failure)
        else:
            for bad in lssrc_unread(facts):
                hidden = sorted(wanted_subsystems & set(bad.text.split()))
                if hidden:
                    reasons.append(f"{bad.evidence()}: it may be the row of {', '.join(hidden)}")
                else:
                    notes.append(bad.evidence())
    return reasons, notes


def lssrc_unread(facts: HostFacts) -> tuple[Malformed, ...]:
    """Lines of a successful ``lssrc -a`` that are not subsystem rows (caveats of a control that passes)."""
    record = facts.command("lssrc")
    if facts.sysroot or record is None or record.rc != 0:
        return ()
    return parse_lssrc(record.output)[1]


def lssrc_notes(facts: HostFacts) -> list[str]:
    """Every unread lssrc line as a caveat: a control calls this after evidence_of_service has decided."""
    return [bad.evidence() for bad in lssrc_unread(facts)]


def evidence_of_service(
    facts: HostFacts,
    *,
    programs: Iterable[str] = (),
    subsystems: Iterable[str] = (),
    units: Iterable[str] = (),
    names: Iterable[str] = (),
) -> list[str]:
    """Every sign that the service is enabled or running, as evidence lines; empty = off.

    Raises NotAssessed when nothing was found but ``ps`` or ``lssrc`` could not
    tell what runs (see running_state_unknown): "nothing is running" needs an answer.
    """
    programs, subsystems, units, names = set(programs), set(subsystems), set(units), set(names)
    found: list[str] = []
    for line in start_lines(facts):
        if line.enabled and line.program in programs:
            found.append(f"{line.path}:{line.line}: {line.text} (started at boot)")
    for name, status in sorted(active_subsystems(facts).items()):
        if name in subsystems and status == "active":
            found.append(f"lssrc: subsystem {name} is active")
    for link in enabling_links(facts):
        found += [link.evidence(unit) for unit in sorted(link.units & units)]
    found += sysv_starts(facts, units)
    reasons: list[str] = []
    try:
        found += aix_boot.boot_starts(facts, programs=programs, subsystems=subsystems)
    except NotAssessed as exc:
        reasons.append(str(exc))
    for name in sorted(processes(facts) & names):
        found.append(f"process {name} is running")
    if not found:
        reasons += running_state_unknown(facts, subsystems=subsystems, names=names)[0]
        if reasons:
            raise NotAssessed("; ".join(reasons))
    return found
