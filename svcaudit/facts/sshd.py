"""sshd's configuration as sshd reads it, Include lines followed: for the sftp subsystem control (FTP-16).

The first batch reads /etc/ssh/sshd_config and every file of /etc/ssh/sshd_config.d (Debian's stock
file includes /etc/ssh/sshd_config.d/*.conf); follow-ups read what other Include lines name. A
pattern is matched against the collected listing of its directory, as glob(3) would: sorted, and
a leading dot only matched by a leading dot.
"""

from __future__ import annotations

import fnmatch
import posixpath

from svcaudit.collect.batch import Request
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.common import Malformed
from svcaudit.parsers.sshd import Directive, SshdConfig, expand, include_patterns, parse_sshd_config
from svcaudit.profile import Profile

_GLOB = frozenset("*?[")
#: Files followed for follow-up requests: a bound against an Include loop.
MAX_FILES = 64


def requests(p: Paths) -> list[Request]:
    return [Request("read", p.ftp.sshd_config), Request("listread", p.ftp.sshd_config_dir)]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """What the Include lines of the files read so far name."""
    reqs: list[Request] = []
    try:
        for conf in _read_so_far(facts):
            for pattern in include_patterns(conf):
                directory, name = posixpath.split(pattern)
                if _GLOB & set(name):
                    reqs.append(Request("listread", directory))
                elif not _GLOB & set(directory):
                    reqs.append(Request("read", pattern))
    except NotAssessed:
        pass  # the control says why
    return [r for r in reqs if r.arg not in facts.batch.stats]


def _read_so_far(facts: HostFacts) -> list[SshdConfig]:
    """The main file and every collected file an Include names (for follow-ups: nothing raises for the rest)."""
    main = facts.paths.ftp.sshd_config
    if not facts.exists(main):
        return []
    found = [parse_sshd_config(facts.content(main), main)]
    for conf in found[:MAX_FILES]:  # grows while it is walked: nested Include lines too
        for pattern in include_patterns(conf):
            try:
                found += _load(facts, pattern)
            except NotAssessed:
                continue
    return found


def installed(facts: HostFacts) -> bool:
    return facts.exists(facts.paths.ftp.sshd_config)


def directives(facts: HostFacts) -> tuple[tuple[Directive, ...], tuple[Malformed, ...]]:
    """Every directive sshd reads, in order; NotAssessed when an included file was not read."""
    main = facts.paths.ftp.sshd_config
    try:
        return expand(parse_sshd_config(facts.content(main), main), lambda pattern: _load(facts, pattern))
    except ValueError as exc:
        raise NotAssessed(str(exc)) from None


def _load(facts: HostFacts, pattern: str) -> list[SshdConfig]:
    directory, name = posixpath.split(pattern)
    if _GLOB & set(directory):
        raise NotAssessed(f"Include {pattern}: a wildcard in the directory part is not followed")
    if not _GLOB & set(name):
        return [parse_sshd_config(facts.content(pattern), pattern)] if facts.exists(pattern) else []
    if not facts.exists(directory):
        return []
    names = sorted(n for n in facts.listing(directory) if fnmatch.fnmatchcase(n, name) and (name[0] == "." or n[0] != "."))
    paths = [posixpath.join(directory, n) for n in names]
    return [parse_sshd_config(facts.content(path), path) for path in paths]
