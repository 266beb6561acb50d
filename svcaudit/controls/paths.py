"""Whether a path is protected, and which groups count as a platform's administrators.

Every control that checks a file or directory asks the same questions: who owns it, which group,
how wide its mode is, whether group or world can write it, and whether a directory above it lets
someone swap it. `protected` asks those a control names and returns their evidence lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from svcaudit.controls.checks import mode_at_most, owned_by, shell_word, show, writable_by_others
from svcaudit.controls.verdict import verdict
from svcaudit.facts import permissions
from svcaudit.facts.cron import ancestors
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.profile import Profile

Writers = Literal["group", "world"]


def admin_groups(facts: HostFacts, profile: Profile, base: Iterable[str] | None = None) -> frozenset[str]:
    """The platform's system groups (or `base`), plus the profile's `[sysgroups] extra`."""
    groups = set(facts.paths.sysgroups if base is None else base)
    return frozenset(groups | set(profile.sysgroups.extra))


def groups_phrase(groups: Iterable[str]) -> str:
    return ", ".join(sorted(groups))


def protected(
    facts: HostFacts,
    path: str,
    *,
    owners: Iterable[str] | None = None,
    groups: Iterable[str] | None = None,
    ceiling: int | None = None,
    writers: Writers | None = None,
    parents: Writers | None = None,
) -> list[str]:
    """Evidence that `path` is not protected as asked: mode above `ceiling`, owner not in `owners`,
    group not in `groups` (each checked when given), writable by `writers` ("group" = group or world), or an existing directory
    above it (its real path's too) not owned by root or writable by `parents`. Empty when protected."""
    problems: list[str] = []
    if ceiling is not None:
        problems += mode_at_most(facts, path, ceiling)
    if owners is not None or groups is not None:
        problems += owned_by(facts, path, owners, groups)
    if writers is not None:
        problems += writable_by_others(facts, path, group_too=writers == "group")
    if parents is not None:
        for directory in exposed_ancestors(facts, path):
            problems += owned_by(facts, directory, {"root"}) + writable_by_others(facts, directory, group_too=parents == "group")
    return problems


def exposed_ancestors(facts: HostFacts, path: str) -> list[str]:
    """Existing directories above `path` and above the path it resolves to, each once, outermost first."""
    real = facts.stat(path).real or path
    return [d for d in dict.fromkeys(ancestors(path) + ancestors(real)) if facts.exists(d)]


def writable_ancestors(facts: HostFacts, path: str) -> list[tuple[str, int]]:
    """(directory, mode) of every existing directory above `path` that group or world can write."""
    found: list[tuple[str, int]] = []
    for directory in ancestors(path):
        if not facts.exists(directory):
            continue
        mode = facts.stat(directory).mode
        if mode is None:
            raise NotAssessed(f"{directory}: no mode collected")
        if mode & 0o022:
            found.append((directory, mode))
    return found


def require_directory(facts: HostFacts, path: str, expected: str = "") -> str:
    """`path`, when it exists as a directory; otherwise the control fails: its absence is the finding."""
    __tracebackhide__ = True
    if not facts.exists(path):
        verdict(expected or f"{path} exists", [f"{show(path)}: does not exist"])
    kind = facts.stat(path).kind
    if kind != "dir":
        verdict(expected or f"{path} is a directory", [f"{show(path)}: is a {kind}, not a directory"])
    return path


def acl_findings(facts: HostFacts, path: str) -> tuple[list[str], list[str]]:
    """(problems, unassessed) for "`path` carries no extended ACL"; ([], []) when the path does not exist.

    extended -> problem ``"{path}: extended ACL ({detail})"``; unknown (no tool, tool error or timeout,
    output not understood, never collected, path not statable) -> unassessed ``"{path}: ACL not
    assessed: {detail}"``; none -> ([], []).

    Sysroot scans read the mounted tree with the scanning host's tool, and the state is kept as read.
    On a Linux tree that is the tree's own POSIX ACL. An AIX image read with getfacl is the one case
    where "none" is weaker than it looks: getfacl cannot see AIXC/NFS4 ACLs kept by JFS2. That is a
    caveat, not a reason to call every AIX sysroot scan not assessed (the scenario trees are AIX
    layouts on Linux filesystems, and a POSIX ACL set on them is a real finding), so it is reported by
    `acl_notes`, which callers add to their verdict's notes; this function's answer does not change.
    """
    try:
        if not facts.exists(path):
            return [], []
    except NotAssessed as exc:
        return [], [f"{show(path)}: ACL not assessed: {exc}"]
    record = facts.acl(path)
    if record.state == "extended":
        return [f"{show(path)}: extended ACL ({record.detail})"], []
    if record.state == "none":
        return [], []
    return [], [f"{show(path)}: ACL not assessed: {record.detail}"]


def acl_notes(facts: HostFacts, path: str) -> list[str]:
    """Caveats on a passing ACL check: AIX files whose ACL was read with getfacl (an AIX image on Linux), or
    from an image archive's tar headers (--image), which carry POSIX ACLs only."""
    record = facts.acl(path)
    if facts.paths.family != "aix" or record.state != "none":
        return []
    if record.tool == "getfacl":
        return [f"{show(path)}: ACL read with getfacl on the mounted tree; AIX's own AIXC/NFS4 ACLs (JFS2) are not visible to it"]
    if record.tool == "tar":
        return [f"{show(path)}: ACL read from the image's tar headers; AIX's own AIXC/NFS4 ACLs (JFS2) cannot travel in them"]
    return []


def fix_for(
    facts: HostFacts,
    path: str,
    *,
    owners: Iterable[str] | None = None,
    groups: Iterable[str] | None = None,
    ceiling: int | None = None,
) -> list[str]:
    """The one chown/chmod line that gives `path` what the control asked of it, changing only what is wrong:
    the first allowed owner (the profile's order), an allowed group (the platform's system group first), and
    the mode with the bits above `ceiling` taken away. Empty when nothing is wrong or the path is gone."""
    try:
        if not facts.exists(path):
            return []
        stat = facts.stat(path)
    except NotAssessed:
        return []
    owner_list, group_list = list(owners or ()), sorted(groups or ())
    user, group = facts.user_name(stat.uid), facts.group_name(stat.gid)
    wrong_owner = owner_list and not (user in owner_list or ("root" in owner_list and stat.uid == 0))
    new_owner = owner_list[0] if wrong_owner else ""
    preferred = [g for g in ("system", "root", "cron") if g in group_list] + group_list
    new_group = preferred[0] if group_list and group not in group_list else ""
    commands = []
    word = shell_word(path)
    if new_owner or new_group:
        commands.append(f"chown {new_owner}:{new_group} {word}" if new_group else f"chown {new_owner} {word}")
    new_mode = stat.mode & 0o7777 if stat.mode is not None else None
    if ceiling is not None and new_mode is not None and new_mode & ~ceiling:
        new_mode &= ceiling
        commands.append(f"chmod {new_mode:o} {word}")
    if not commands:
        return []
    listed = permissions.entries_for(facts, path) if facts.paths.permissions_files else []
    if not listed or new_mode is None:
        return ["; ".join(commands)]
    # SUSE: permctl (each package's %post, permctl --system) puts a listed mode back unless permissions.local says otherwise
    shown = ", ".join(f"{e.where()} {show(e.owner)}:{show(e.group)} {e.mode:04o}" for e in listed)
    entry = f"{show(path)} {show(new_owner or user)}:{show(new_group or group)} {new_mode:04o}"
    note = (
        f"SUSE: {show(path)} is in the permission lists ({shown}): also put the line '{entry}' in "
        f"{permissions.LOCAL} and run permctl --system, or permctl sets the listed mode back"
    )
    return ["; ".join(commands), note]
