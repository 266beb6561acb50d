"""Whether a daemon is enabled at boot or running: rc.tcpip and SRC on AIX, systemd and ps on Linux.

Boot enablement is read from files, so it works under --sysroot; running state
comes from `lssrc -a` and `ps`, which only a live host can answer.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from svcaudit.collect.batch import Request
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.services import StartLine, enabled_units, parse_lssrc, parse_ps, parse_rc_tcpip
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    reqs = [Request("cmd", "lssrc"), Request("cmd", "ps")]
    if p.rc_tcpip:
        reqs.append(Request("read", p.rc_tcpip))
    if p.systemd_dir:
        reqs.append(Request("list", p.systemd_dir))
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    return [Request("list", d) for d in _wants_dirs(facts)]


def _wants_dirs(facts: HostFacts) -> list[str]:
    top = facts.paths.systemd_dir
    record = facts.batch.listings.get(top) if top else None
    if not top or record is None or record.error:
        return []
    return [posixpath.join(top, n) for n in record.names if n.endswith(".wants")]


def start_lines(facts: HostFacts) -> tuple[StartLine, ...]:
    path = facts.paths.rc_tcpip
    if not path or not facts.exists(path):
        return ()
    return parse_rc_tcpip(facts.content(path), path)


def units_enabled(facts: HostFacts) -> frozenset[str]:
    listing = {d: facts.listing(d) for d in _wants_dirs(facts)}
    return enabled_units(listing)


def processes(facts: HostFacts) -> frozenset[str]:
    """Running command names; empty under --sysroot, where nothing runs."""
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


def evidence_of_service(
    facts: HostFacts,
    *,
    programs: Iterable[str] = (),
    subsystems: Iterable[str] = (),
    units: Iterable[str] = (),
    names: Iterable[str] = (),
) -> list[str]:
    """Every sign that the service is enabled or running, as evidence lines; empty = off."""
    programs, subsystems, units, names = set(programs), set(subsystems), set(units), set(names)
    found: list[str] = []
    for line in start_lines(facts):
        if line.enabled and line.program in programs:
            found.append(f"{line.path}:{line.line}: {line.text} (started at boot)")
    for name, status in sorted(active_subsystems(facts).items()):
        if name in subsystems and status == "active":
            found.append(f"lssrc: subsystem {name} is active")
    for unit in sorted(units_enabled(facts) & units):
        found.append(f"systemd unit {unit} is enabled ({facts.paths.systemd_dir}/*.wants)")
    for name in sorted(processes(facts) & names):
        found.append(f"process {name} is running")
    return found
