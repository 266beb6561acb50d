"""at controls AT-01 .. AT-04: the seed's cron rules applied to the at service."""

import pytest

from svcaudit.controls.access import access_files_mode, access_files_owned, access_restricted, require_installed
from svcaudit.controls.checks import octal
from svcaudit.controls.paths import admin_groups, fix_for, groups_phrase, protected, require_directory
from svcaudit.controls.verdict import verdict
from svcaudit.facts.cron import access_files
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


@pytest.mark.control("AT-01")
def test_at_access_restricted(facts: HostFacts) -> None:
    """at.allow exists, or a non-empty at.deny: an empty at.deny lets every user queue jobs."""
    access_restricted(facts, "at")


@pytest.mark.control("AT-02")
def test_at_access_files_owned_by_root(facts: HostFacts, profile: Profile) -> None:
    access_files_owned(facts, profile, "at")


@pytest.mark.control("AT-03")
def test_at_access_files_mode(facts: HostFacts, profile: Profile) -> None:
    access_files_mode(facts, profile, "at")


@pytest.mark.control("AT-04")
def test_at_spool_directory_protected(facts: HostFacts, profile: Profile) -> None:
    """Queued at jobs run as their owner: a writable spool lets anyone plant one."""
    p, limits = facts.paths, profile.cron
    require_installed(facts, access_files(p, "at"))
    groups = admin_groups(facts, profile, limits.at_dir_groups or p.at_sysgroups)
    # the account the at daemon runs as owns its spool where the platform says so (SUSE: at)
    owners = list(dict.fromkeys([*limits.at_dir_owners, *sorted(p.at_dir_owners_extra)]))
    expected = (
        f"{p.at_dir}: a directory, mode <= {octal(limits.at_dir_mode)}, "
        f"owner one of {', '.join(owners)}, group one of {groups_phrase(groups)}"
    )
    require_directory(facts, p.at_dir, expected)
    asked = {"ceiling": limits.at_dir_mode, "owners": owners, "groups": groups}
    dirs = [p.at_dir] + ([p.at_output_dir] if p.at_output_dir and facts.exists(p.at_output_dir) else [])
    if len(dirs) > 1:
        expected = expected.replace(f"{p.at_dir}: a directory", f"{' and '.join(dirs)}: directories")
    verdict(
        expected,
        [problem for d in dirs for problem in protected(facts, d, **asked)],
        fix=[line for d in dirs for line in fix_for(facts, d, **asked)],
    )
