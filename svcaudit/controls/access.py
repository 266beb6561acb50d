"""The allow/deny file judgements that cron (CRON-01..03, CRON-11, CRON-12, CRON-15) and at (AT-01..03, AT-05,
AT-06, AT-09) share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from svcaudit.controls.checks import octal, present, show
from svcaudit.controls.paths import acl_findings, acl_notes, admin_groups, fix_for, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts.accounts import system_accounts as host_system_accounts
from svcaudit.facts.cron import AccessFiles, access_files, existing_access_files, installed, listed_entries, listed_names
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
    """The owner only: the group is CRON-12's and AT-06's, so one wrong group is one finding."""
    files = access_files(facts.paths, service)
    owners = profile.cron.access_owners
    paths = _existing_or_na(facts, files)
    problems = [p for path in paths for p in protected(facts, path, owners=owners)]
    verdict(f"owner one of {', '.join(owners)}", problems, fix=[f for path in paths for f in fix_for(facts, path, owners=owners)])


def access_files_group(facts: HostFacts, profile: Profile, service: str) -> None:
    files = access_files(facts.paths, service)
    named = profile.cron.access_groups if service == "cron" else profile.cron.at_access_groups
    groups = admin_groups(facts, profile, named or files.sysgroups)
    paths = _existing_or_na(facts, files)
    problems = [p for path in paths for p in protected(facts, path, groups=groups)]
    verdict(
        f"group one of {groups_phrase(groups)}", problems, fix=[f for path in paths for f in fix_for(facts, path, groups=groups)]
    )


@dataclass(frozen=True)
class AccessModel:
    """How a profile wants cron or at access granted: which accounts the allow file must list, whether a deny
    file may exist, and the one emptiness rule the STIG states for the service."""

    must_list: tuple[str, ...]
    deny_file: str  # "allowed" or "absent"
    #: V-215192 wants cron.allow not empty; V-985 wants at.deny not empty.
    not_empty: str  # "allow" or "deny"


def access_model(profile: Profile, service: str) -> AccessModel:
    c = profile.cron
    if service == "cron":
        return AccessModel(tuple(c.allow_must_list), c.deny_file, "allow")
    return AccessModel(tuple(c.at_allow_must_list), c.at_deny_file, "deny")


def system_accounts_excluded(facts: HostFacts, profile: Profile, service: str) -> None:
    """CRON-11 and AT-05: system accounts other than root may not use the service.

    The allow file, where it exists, is the only control (the deny file is then ignored): it may list no system
    account except root and those the profile requires it to list. Without one, the deny file must list every
    system account of the host but root. The profile may require the allow file (with names) and forbid the deny file.
    """
    files = access_files(facts.paths, service)
    require_installed(facts, files)
    model = access_model(profile, service)
    below = profile.cron.system_uid_below
    exempt = {"root", *model.must_list}
    system = [name for name in host_system_accounts(facts, below) if name not in exempt]
    has_allow, has_deny = present(facts, files.allow), present(facts, files.deny)
    if not (has_allow or has_deny or model.must_list or model.deny_file == "absent"):
        not_applicable(f"neither {files.allow} nor {files.deny} exists ({service.upper()}-01 reports it)")
    problems: list[str] = []
    fix: list[str] = []
    if has_deny and model.deny_file == "absent":
        problems.append(f"{show(files.deny)}: exists; the profile wants it removed, so that only {files.allow} grants {service}")
    if model.must_list and not has_allow:
        problems.append(f"{show(files.allow)}: does not exist; the profile requires it, listing {', '.join(model.must_list)}")
    if has_allow:
        problems += _allow_problems(facts, files, model, system, fix)
    elif has_deny:
        problems += _deny_problems(facts, files, system, fix)
    if has_deny and has_allow and model.not_empty == "deny" and not listed_names(facts.content(files.deny)):
        problems.append(f"{show(files.deny)}: exists and names no user")
    expected = _model_phrase(files, model)
    verdict(
        expected,
        problems,
        [f"system accounts of this host (root and the required names excepted): {', '.join(system) or 'none'}"],
        fix=fix,
    )


def _allow_problems(facts: HostFacts, files: AccessFiles, model: AccessModel, system: list[str], fix: list[str]) -> list[str]:
    entries = listed_entries(facts.content(files.allow))
    names = [name for _, name in entries]
    flagged = [(line, name) for line, name in entries if name in system]
    problems = [f"{show(files.allow)}:{line}: lists system account {name}" for line, name in flagged]
    fix += [f"delete line {line} ({name}) of {show(files.allow)}" for line, name in flagged]
    problems += [
        f"{show(files.allow)}: does not list {name}, which the profile requires" for name in model.must_list if name not in names
    ]
    if not names and model.not_empty == "allow":
        problems.append(f"{show(files.allow)}: names no user")
    return problems


def _deny_problems(facts: HostFacts, files: AccessFiles, system: list[str], fix: list[str]) -> list[str]:
    names = set(listed_names(facts.content(files.deny)))
    missing = [name for name in system if name not in names]
    if missing:
        fix.append(f"add to {show(files.deny)}, one name a line: {' '.join(missing)}")
    if not names:
        return [f"{show(files.deny)}: names no user and {show(files.allow)} does not exist: no system account is kept out"]
    return [f"{show(files.deny)}: does not list system account(s) {', '.join(missing)}"] if missing else []


def _model_phrase(files: AccessFiles, model: AccessModel) -> str:
    allow = f"{files.allow} lists no system account but root"
    if model.must_list:
        allow += f" and those required, and lists {', '.join(model.must_list)}"
    if model.deny_file == "absent":
        return f"{files.deny} does not exist; {allow}"
    return f"{allow}; without {files.allow}, {files.deny} lists every system account but root"


def no_extended_acl(facts: HostFacts, paths: Iterable[str], what: str, unassessed: Iterable[str] = ()) -> None:
    """CRON-15 and AT-09: none of `paths` that exists carries an extended ACL; an unknown ACL is not assessed."""
    problems: list[str] = []
    unknown = list(unassessed)
    notes: list[str] = []
    for path in dict.fromkeys(paths):
        found, unread = acl_findings(facts, path)
        problems += found
        unknown += unread
        notes += acl_notes(facts, path)
    verdict(f"no extended ACL on {what}", problems, notes, unassessed=unknown)


def access_files_mode(facts: HostFacts, profile: Profile, service: str) -> None:
    files = access_files(facts.paths, service)
    ceiling = profile.cron.access_mode
    paths = _existing_or_na(facts, files)
    problems = [p for path in paths for p in protected(facts, path, ceiling=ceiling)]
    verdict(f"mode <= {octal(ceiling)}", problems, fix=[f for path in paths for f in fix_for(facts, path, ceiling=ceiling)])
