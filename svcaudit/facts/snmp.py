"""What the SNMP controls need from a host, and what they derive from it."""

from __future__ import annotations

import posixpath

from svcaudit.collect.batch import Request
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.common import Malformed
from svcaudit.parsers.snmp import (
    Include,
    SnmpConf,
    includes,
    logging_files,
    option_config_files,
    option_log_files,
    parse_snmp_conf,
)
from svcaudit.profile import Profile

#: net-snmp's includeDir reads the files in the directory whose names end in this (snmpd.conf(5)).
INCLUDE_DIR_SUFFIX = ".conf"


def requests(p: Paths) -> list[Request]:
    s = p.snmp
    reqs = [Request("read", path) for path, _ in s.confs]
    reqs += [Request("stat", f) for f in s.mib_files]
    reqs += [Request("liststat", d) for d in s.mib_dirs]
    reqs += [Request("stat", f) for f in (s.agent_program, *s.agents, *s.agent_binaries, *s.log_files)]
    reqs += [Request("read", path) for path, _ in s.options_files]
    reqs += [Request("acl", path) for path, _ in s.confs] + [Request("acl", f) for f in s.mib_files]
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """Sub-directories of Linux MIB trees, the MIB paths a profile names instead, the files
    net-snmp includes, and the log files the configuration names."""
    reqs = [Request("liststat", d) for d in _subdirs(facts, facts.paths.snmp.mib_dirs)] if facts.paths.snmp.mib_recursive else []
    for path in profile.snmp.mib_paths:
        reqs += [Request("stat", path), Request("liststat", path)]
    for include in _collected_includes(facts):
        reqs.append(Request("listread" if include.keyword.casefold() == "includedir" else "read", include.target))
    reqs += [Request("stat", path) for _, path, _ in _named_logs(facts)]
    reqs += [Request("read", path) for _, path in _option_configs(facts)]
    return reqs + [Request("acl", path) for path in _mib_files_so_far(facts, profile)]


def _option_configs(facts: HostFacts) -> list[tuple[str, str]]:
    """(where, file) of the configuration files snmpd's options name with -c, in what was read so far."""
    found: list[tuple[str, str]] = []
    for path, variable in facts.paths.snmp.options_files:
        text = _read_if_collected(facts, path)
        if text is not None:
            found += [(f"{path}:{line}", conf) for line, conf in option_config_files(text, path, variable)[0]]
    return found


def all_configs(facts: HostFacts) -> tuple[list[SnmpConf], list[str]]:
    """Every SNMP configuration file read for SNMP-02/03/05/06: the platform's that exist, the files
    net-snmp's agent files include, and those snmpd's options name with -c; and why some could not be
    followed. NotAssessed when one cannot be read."""
    confs = configs(facts)
    unfollowed: list[str] = []
    flavors = dict(facts.paths.snmp.confs)
    for conf in list(confs):
        if conf.path in facts.paths.snmp.agent_confs and flavors.get(conf.path) == "net-snmp":
            for include in includes(conf):
                included, reasons = _included(facts, include)
                confs += included
                unfollowed += reasons
    for where, path in _option_configs(facts):
        if not path.startswith("/"):
            unfollowed.append(f"{where}: -c {path}: not followed (a relative path)")
        elif facts.exists(path):
            confs.append(parse_snmp_conf(facts.content(path), path, "net-snmp"))
    seen: dict[str, SnmpConf] = {}
    for conf in confs:
        seen.setdefault(conf.path, conf)
    return list(seen.values()), unfollowed


def _mib_files_so_far(facts: HostFacts, profile: Profile) -> list[str]:
    """The MIB files the listings collected so far show (the next round adds those of sub-directories)."""
    try:
        return mib_files(facts, profile)
    except NotAssessed:
        return []  # a directory not listed yet, or unreadable: SNMP-07 and SNMP-11 report it


def _read_if_collected(facts: HostFacts, path: str) -> str | None:
    """A file's text when it was read whole; None otherwise (the controls then report why)."""
    record = facts.batch.contents.get(path)
    if record is None or record.error or record.truncated:
        return None
    return record.text or ""


def _collected_includes(facts: HostFacts) -> list[Include]:
    """Absolute includes of the agent files read so far (one level: what they include is not followed)."""
    flavors = dict(facts.paths.snmp.confs)
    found: list[Include] = []
    for path in facts.paths.snmp.agent_confs:
        text = _read_if_collected(facts, path)
        if text is not None:
            found += [i for i in includes(parse_snmp_conf(text, path, flavors[path])) if i.target.startswith("/")]
    return found


def _named_logs(facts: HostFacts) -> list[tuple[str, str, str]]:
    """(where, log file, how) for log files the collected configuration names, in what was read so far."""
    s = facts.paths.snmp
    flavors = dict(s.confs)
    found: list[tuple[str, str, str]] = []
    for path in s.agent_confs:
        text = _read_if_collected(facts, path)
        if text is not None:
            conf = parse_snmp_conf(text, path, flavors[path])
            found += [(f"{path}:{line}", log, "logging file=") for line, log in logging_files(conf)]
    for path, variable in s.options_files:
        text = _read_if_collected(facts, path)
        if text is not None:
            found += [(f"{path}:{line}", log, f"{variable} -Lf") for line, log in option_log_files(text, path, variable)[0]]
    return found


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


# --------------------------------------------------------------------------- SNMP-08 .. SNMP-13


def agent_configs(facts: HostFacts) -> tuple[list[SnmpConf], list[str]]:
    """The files the agent reads (platform's agent files that exist, and the files net-snmp includes
    from them), and reasons some configuration could not be followed. NotAssessed when unreadable."""
    flavors = dict(facts.paths.snmp.confs)
    confs: list[SnmpConf] = []
    unfollowed: list[str] = []
    for path in agent_conf_paths(facts)[0]:
        if not facts.exists(path):
            continue
        conf = parse_snmp_conf(facts.content(path), path, flavors[path])
        confs.append(conf)
        for include in includes(conf):
            included, reasons = _included(facts, include)
            confs += included
            unfollowed += reasons
    return confs, unfollowed


def agent_conf_paths(facts: HostFacts) -> tuple[tuple[str, ...], list[str]]:
    """The agent files the agent in use reads, and a note for each existing one it does not read.

    AIX runs the agent /usr/sbin/snmpd links to: an SNMPv3 agent (snmpdv3ne, snmpdv3e) reads only
    /etc/snmpdv3.conf, snmpdv1 only /etc/snmpd.conf (IBM: snmpdv3 and snmpdv1 daemon documentation,
    snmpv3_ssw). When the link names neither, or the program is no link, every agent file is judged.
    """
    s = facts.paths.snmp
    flavor, link = _agent_flavor(facts)
    if flavor is None:
        return s.agent_confs, []
    flavors = dict(s.confs)
    kept = tuple(p for p in s.agent_confs if flavors[p] == flavor)
    notes = [
        f"{p}: not read by the agent in use ({s.agent_program} -> {link})"
        for p in s.agent_confs
        if p not in kept and facts.exists(p)
    ]
    return kept, notes


#: The configuration flavor each kind of AIX agent reads.
_AIX_AGENT_FLAVOR = {"v3": "aix-v3", "v1": "aix-v1"}


def _agent_flavor(facts: HostFacts) -> tuple[str | None, str]:
    s = facts.paths.snmp
    if not (s.v3_agents or s.v1_agents) or not facts.exists(s.agent_program):
        return None, ""
    link = facts.stat(s.agent_program).link or ""
    target = posixpath.basename(link)
    if target in s.v3_agents:
        return _AIX_AGENT_FLAVOR["v3"], link
    if target in s.v1_agents:
        return _AIX_AGENT_FLAVOR["v1"], link
    return None, link


def _included(facts: HostFacts, include: Include) -> tuple[list[SnmpConf], list[str]]:
    where = f"{include.path}:{include.line} {include.keyword} {include.target}"
    if include.keyword.casefold() == "includesearch" or not include.target.startswith("/"):
        return [], [f"{where}: not followed (only absolute includeFile and includeDir paths are read)"]
    if include.keyword.casefold() == "includefile":
        paths = [include.target] if facts.exists(include.target) else []
    elif not facts.exists(include.target):
        paths = []
    else:
        names = facts.listing(include.target)
        paths = [posixpath.join(include.target, n) for n in names if n.endswith(INCLUDE_DIR_SUFFIX)]
        paths = [p for p in paths if facts.stat(p).kind == "file"]
    confs = [parse_snmp_conf(facts.content(p), p, "net-snmp") for p in paths]
    nested = [
        f"{i.path}:{i.line} {i.keyword} {i.target}: not followed (an include inside an included file)"
        for c in confs
        for i in includes(c)
    ]
    return confs, nested


def agent_installed(facts: HostFacts) -> bool:
    return facts.exists(facts.paths.snmp.agent_program)


def installed_programs(facts: HostFacts) -> list[str]:
    """The SNMP agent programs that exist (AIX: bos.net.tcp.snmp and bos.net.tcp.snmpd ship them)."""
    s = facts.paths.snmp
    return [p for p in dict.fromkeys((s.agent_program, *s.agents, *s.agent_binaries)) if facts.exists(p)]


def log_files(facts: HostFacts) -> list[tuple[str, str]]:
    """(log file, why it is checked) for every SNMP daemon log that exists: the platform's and those
    the configuration names (AIX ``logging file=``, net-snmp ``-Lf`` in the options file)."""
    named = [(log, f"named at {where} ({how})") for where, log, how in _named_logs(facts)]
    listed = [(log, "the daemon's default log") for log in facts.paths.snmp.log_files]
    seen: dict[str, tuple[str, str]] = {}  # real path -> (path as named, why); AIX /usr/tmp is /var/tmp
    for log, why in listed + named:
        if facts.exists(log):
            seen.setdefault(facts.stat(log).real or log, (log, why))
    return list(seen.values())


def options_unread(facts: HostFacts) -> list[Malformed]:
    """Assignments of snmpd's options that could not be split into words."""
    found: list[Malformed] = []
    for path, variable in facts.paths.snmp.options_files:
        if facts.exists(path):
            found += option_log_files(facts.content(path), path, variable)[1]
    return found
