"""The allow/deny file judgements that cron (CRON-01..03) and at (AT-01..03) share."""

from __future__ import annotations

from svcaudit.controls.checks import octal, present, show
from svcaudit.controls.paths import admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts.cron import AccessFiles, access_files, existing_access_files, installed, listed_names
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


def require_installed(facts: HostFacts, files: AccessFiles) -> None:
    if not installed(facts, files.binaries):
        not_applicable(f"{files.service} is not installed (none of {', '.join(files.binaries)} exists)")


def access_restricted(facts: HostFacts, service: str) -> None:
    files = access_files(facts.paths, service)
    require_installed(facts, files)
    expected = f"{files.allow} exists, or {files.deny} exists and names at least one user"
    if present(facts, files.allow):
        problems = []
    elif not present(facts, files.deny):
        problems = [f"neither {show(files.allow)} nor {show(files.deny)} exists"]
    elif listed_names(facts.content(files.deny)):
        problems = []
    else:
        problems = [f"{show(files.deny)}: names no user and {show(files.allow)} does not exist: every user may use {service}"]
    verdict(expected, problems)


def _existing_or_na(facts: HostFacts, files: AccessFiles) -> list[str]:
    found = existing_access_files(facts, files)
    if not found:
        not_applicable(f"neither {files.allow} nor {files.deny} exists ({files.service.upper()}-01 reports it)")
    return found


def access_files_owned(facts: HostFacts, profile: Profile, service: str) -> None:
    files = access_files(facts.paths, service)
    groups = admin_groups(facts, profile, files.sysgroups)
    problems = [p for path in _existing_or_na(facts, files) for p in protected(facts, path, owners={"root"}, groups=groups)]
    verdict(f"owner root, group one of {groups_phrase(groups)}", problems)


def access_files_mode(facts: HostFacts, profile: Profile, service: str) -> None:
    files = access_files(facts.paths, service)
    ceiling = profile.cron.access_mode
    problems = [p for path in _existing_or_na(facts, files) for p in protected(facts, path, ceiling=ceiling)]
    verdict(f"mode <= {octal(ceiling)}", problems)
