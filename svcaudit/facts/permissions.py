"""SUSE's permission lists: the owner, group and mode permctl gives a path, for the fix lines of the mode controls.

The suite judges the files as they are on the host; the lists are SUSE's documented source of those modes, which
`permctl --system` (and each package's %post) puts back. A fix for a listed path therefore names
/etc/permissions.local, where a site's own entry wins, besides the chmod/chown.
"""

from __future__ import annotations

from svcaudit.collect.batch import Request
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.permissions import Entry, PermissionList, parse_permissions
from svcaudit.profile import Profile

LOCAL = "/etc/permissions.local"


def requests(p: Paths) -> list[Request]:
    return [Request("read", path) for path in p.permissions_files]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    return []


def lists(facts: HostFacts) -> list[PermissionList]:
    return facts.derived("permission_lists", lambda: _lists(facts))


def _lists(facts: HostFacts) -> list[PermissionList]:
    found = []
    for path in facts.paths.permissions_files:
        try:
            if facts.exists(path):
                found.append(parse_permissions(facts.content(path), path))
        except NotAssessed:
            continue  # a list not read only leaves its hint out of a fix line
    return found


def entries_for(facts: HostFacts, path: str) -> list[Entry]:
    """The permission-list entries that name `path`, in the order permctl reads the lists."""
    return [pl.entries[path] for pl in lists(facts) if path in pl.entries]
