"""The allow/deny file judgements that cron (CRON-01..03) and at (AT-01..03) share."""

from __future__ import annotations

from svcaudit.controls.checks import mode_at_most, not_applicable, octal, owned_by, present, show, verdict
from svcaudit.facts.cron import AccessFiles, access_files, existing_access_files, installed, listed_names
from svcaudit.facts.host import HostFacts
from svcaudit.profile import Profile


def _files(facts: HostFacts, service: str) -> AccessFiles:
    return access_files(facts.paths, service)


def require_installed(facts: HostFacts, files: AccessFiles) -> None:
    if not installed(facts, files.binaries):
        not_applicable(f"{files.service} is not installed (none of {', '.join(files.binaries)} exists)")


def access_restricted(facts: HostFacts, service: str) -> None:
    files = _files(facts, service)
    require_installed(facts, files)
    expected = f"{files.allow} exists, or {files.deny} exists and names at least one user"
    if present(facts, files.allow):
        return
    if present(facts, files.deny):
        if listed_names(facts.content(files.deny)):
            return
        verdict(expected, [f"{show(files.deny)}: names no user and {show(files.allow)} does not exist: every user may use {service}"])
    verdict(expected, [f"neither {show(files.allow)} nor {show(files.deny)} exists"])


def _existing_or_na(facts: HostFacts, files: AccessFiles) -> list[str]:
    found = existing_access_files(facts, files)
    if not found:
        not_applicable(f"neither {files.allow} nor {files.deny} exists ({files.service.upper()}-01 reports it)")
    return found


def access_files_owned(facts: HostFacts, profile: Profile, service: str) -> None:
    files = _files(facts, service)
    groups = files.sysgroups | set(profile.sysgroups.extra)
    problems = [p for path in _existing_or_na(facts, files) for p in owned_by(facts, path, {"root"}, groups)]
    verdict(f"owner root, group one of {', '.join(sorted(groups))}", problems)


def access_files_mode(facts: HostFacts, profile: Profile, service: str) -> None:
    files = _files(facts, service)
    ceiling = profile.cron.access_mode
    problems = [p for path in _existing_or_na(facts, files) for p in mode_at_most(facts, path, ceiling)]
    verdict(f"mode <= {octal(ceiling)}", problems)
