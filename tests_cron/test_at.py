"""at controls AT-01 .. AT-04: the seed's cron rules applied to the at service."""

import pytest

from svcaudit.controls.access import access_files_mode, access_files_owned, access_restricted, require_installed
from svcaudit.controls.checks import mode_at_most, octal, owned_by, show, verdict
from svcaudit.facts.cron import access_files


@pytest.mark.control("AT-01")
def test_at_access_restricted(facts):
    """at.allow exists, or a non-empty at.deny: an empty at.deny lets every user queue jobs."""
    access_restricted(facts, "at")


@pytest.mark.control("AT-02")
def test_at_access_files_owned_by_root(facts, profile):
    access_files_owned(facts, profile, "at")


@pytest.mark.control("AT-03")
def test_at_access_files_mode(facts, profile):
    access_files_mode(facts, profile, "at")


@pytest.mark.control("AT-04")
def test_at_spool_directory_protected(facts, profile):
    """Queued at jobs run as their owner: a writable spool lets anyone plant one."""
    p = facts.paths
    require_installed(facts, access_files(p, "at"))
    groups = p.at_sysgroups | set(profile.sysgroups.extra)
    expected = f"{p.at_dir}: a directory, mode <= {octal(profile.cron.at_dir_mode)}, owner one of {', '.join(profile.cron.at_dir_owners)}, group one of {', '.join(sorted(groups))}"
    if not facts.exists(p.at_dir):
        verdict(expected, [f"{show(p.at_dir)}: does not exist"])
    if facts.stat(p.at_dir).kind != "dir":
        verdict(expected, [f"{show(p.at_dir)}: is a {facts.stat(p.at_dir).kind}, not a directory"])
    problems = mode_at_most(facts, p.at_dir, profile.cron.at_dir_mode)
    problems += owned_by(facts, p.at_dir, profile.cron.at_dir_owners, groups)
    verdict(expected, problems)
