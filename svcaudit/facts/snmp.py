"""What the SNMP controls need from a host, and what they derive from it."""

from __future__ import annotations

import posixpath

from svcaudit.collect.batch import Request
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.snmp import SnmpConf, parse_snmp_conf
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    s = p.snmp
    reqs = [Request("read", path) for path, _ in s.confs]
    reqs += [Request("stat", f) for f in s.mib_files]
    reqs += [Request("liststat", d) for d in s.mib_dirs]
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """Sub-directories of Linux MIB trees, and the MIB paths a profile names instead."""
    reqs = [Request("liststat", d) for d in _subdirs(facts, facts.paths.snmp.mib_dirs)] if facts.paths.snmp.mib_recursive else []
    for path in profile.snmp.mib_paths:
        reqs += [Request("stat", path), Request("liststat", path)]
    return reqs


def _subdirs(facts: HostFacts, dirs: tuple[str, ...] | list[str]) -> list[str]:
    found = []
    for d in dirs:
        record = facts.batch.listings.get(d)
        if record is None or record.error:
            continue
        for name in record.names:
            path = posixpath.join(d, name)
            stat = facts.batch.stats.get(path)
            if stat is not None and stat.kind == "dir":
                found.append(path)
    return found


def config_paths(facts: HostFacts) -> list[tuple[str, str]]:
    return [(path, flavor) for path, flavor in facts.paths.snmp.confs if facts.exists(path)]


def configs(facts: HostFacts) -> list[SnmpConf]:
    return [parse_snmp_conf(facts.content(path), path, flavor) for path, flavor in config_paths(facts)]


def agent_running(facts: HostFacts) -> list[str]:
    s = facts.paths.snmp
    return servicefacts.evidence_of_service(facts, programs=s.agents, subsystems=s.subsystems, units=s.units, names=s.processes)


def mib_files(facts: HostFacts, profile: Profile) -> list[str]:
    """MIB files that exist: the profile's paths if it names any, else the platform's."""
    s = facts.paths.snmp
    files: list[str]
    dirs: list[str]
    suffixes: tuple[str, ...]
    if profile.snmp.mib_paths:
        files, dirs, suffixes = [], list(profile.snmp.mib_paths), ()
    else:
        files, dirs, suffixes = list(s.mib_files), list(s.mib_dirs), s.mib_suffixes
        if s.mib_recursive:
            dirs += _subdirs(facts, dirs)
    found = [f for f in files if facts.exists(f)]
    for d in dirs:
        if not facts.exists(d):
            continue
        if facts.stat(d).kind != "dir":
            found.append(d)
            continue
        for name in facts.listing(d):
            path = posixpath.join(d, name)
            if facts.stat(path).kind == "file" and (not suffixes or name.endswith(suffixes)):
                found.append(path)
    return list(dict.fromkeys(found))
