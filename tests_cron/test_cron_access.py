"""cron and at access controls of the STIG/CIS rules (issue 14): who may use them (CRON-11, AT-05), the access
files' group (CRON-12, AT-06), the crontab files' owners (CRON-13) and extended ACLs (CRON-15, AT-09)."""

import posixpath

import pytest

from svcaudit.controls.access import access_files_group, no_extended_acl, require_installed, system_accounts_excluded
from svcaudit.controls.checks import show
from svcaudit.controls.paths import admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import cron as cronfacts
from svcaudit.facts import syslog
from svcaudit.facts.cron import access_files
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.profile import Profile


@pytest.mark.control("CRON-11")
def test_cron_system_accounts_excluded(facts: HostFacts, profile: Profile) -> None:
    """A system account that may schedule jobs is a way to run code under an account nobody watches."""
    system_accounts_excluded(facts, profile, "cron")


@pytest.mark.control("AT-05")
def test_at_system_accounts_excluded(facts: HostFacts, profile: Profile) -> None:
    system_accounts_excluded(facts, profile, "at")


@pytest.mark.control("CRON-12")
def test_cron_access_files_group(facts: HostFacts, profile: Profile) -> None:
    access_files_group(facts, profile, "cron")


@pytest.mark.control("AT-06")
def test_at_access_files_group(facts: HostFacts, profile: Profile) -> None:
    access_files_group(facts, profile, "at")


@pytest.mark.control("CRON-13")
def test_crontab_files_owned_by_their_user(facts: HostFacts, profile: Profile) -> None:
    """cron runs a spool crontab as the user it is named after: a file someone else owns is their jobs run as that user.

    /etc/crontab and the files of /etc/cron.d are root's: their group is judged here, their owner by CRON-16."""
    files = cronfacts.crontab_files(facts)
    if not files:
        not_applicable("no crontab files")
    accounts = {a.name: a for a in facts.accounts()}
    extra = set(profile.cron.crontab_groups)
    problems: list[str] = []
    for path in files:
        system = path == facts.paths.system_crontab or posixpath.dirname(path) == facts.paths.cron_d
        user = "root" if system else posixpath.basename(path)
        account = accounts.get(user)
        if account is None:
            problems.append(
                f"{show(path)}: named after {user!r}, which is no account in /etc/passwd: an orphan crontab, "
                "whose jobs run as whoever is later created with that name"
            )
            continue
        groups = admin_groups(facts, profile, extra | {facts.group_name(account.gid)})
        owners = None if system else {"root", user}
        problems += protected(facts, path, owners=owners, groups=groups)
    verdict(
        f"each crontab file owned by root or the user it is named after, group one of {groups_phrase(extra)} "
        "or that user's primary group (/etc/crontab and /etc/cron.d: root's)",
        problems,
    )


def _cron_logs(facts: HostFacts, unassessed: list[str]) -> list[str]:
    """cron's own log (AIX), or the files syslog writes only cron to (Linux)."""
    if facts.paths.cron_log:
        return [facts.paths.cron_log]
    try:
        return syslog.dedicated_cron_logs(facts)
    except NotAssessed as exc:
        unassessed.append(f"the cron log: {exc}")
        return []


@pytest.mark.control("CRON-15")
def test_cron_files_no_extended_acl(facts: HostFacts) -> None:
    """An extended ACL grants what the mode does not show: cron's files must be exactly as their modes say."""
    p = facts.paths
    require_installed(facts, access_files(p, "cron"))
    unassessed: list[str] = []
    paths = [*cronfacts.cron_acl_paths(p), *cronfacts.crontab_files(facts), *_cron_logs(facts, unassessed)]
    no_extended_acl(
        facts, paths, "cron.allow, cron.deny, the crontab directories and files, and the cron log", unassessed=unassessed
    )


@pytest.mark.control("AT-09")
def test_at_files_no_extended_acl(facts: HostFacts) -> None:
    p = facts.paths
    require_installed(facts, access_files(p, "at"))
    no_extended_acl(facts, cronfacts.at_acl_paths(p), f"at.allow, at.deny and {p.at_dir}")
