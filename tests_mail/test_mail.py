"""Mail controls MAIL-01 .. MAIL-09 (seed: Mail Service Considerations)."""

import posixpath

import pytest

from svcaudit.controls.checks import (
    octal,
    present,
    shell_word,
    show,
    syslog_notes,
    unread,
)
from svcaudit.controls.paths import protected
from svcaudit.controls.starts import start_fixes
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import mail as mailfacts
from svcaudit.facts import services as servicefacts
from svcaudit.facts import syslog
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import ALIASES_CANDIDATES
from svcaudit.parsers.sendmail import SendmailCf, may_set
from svcaudit.profile import Profile

#: MAIL-06..08 run once per aliases file the catalog names, plus once for files only the MTA config names.
ALIAS_CASES = ["configured", *ALIASES_CANDIDATES]


@pytest.mark.control("MAIL-01")
def test_no_mta_unless_required(facts: HostFacts, profile: Profile) -> None:
    """A mail daemon nobody needs is an open door nobody watches."""
    if profile.services.mail == "required":
        not_applicable('the profile requires an MTA ([services] mail = "required")')
    m = facts.paths.mail
    fixes = start_fixes(facts, programs=m.programs, subsystems=m.subsystems, units=m.units)
    verdict("no MTA enabled or running", mailfacts.mta_running(facts), servicefacts.lssrc_notes(facts), fix=fixes)


def _sendmail_cfs(facts: HostFacts) -> list[SendmailCf]:
    cfs = mailfacts.sendmail_cfs(facts)
    if not cfs:
        not_applicable(f"no sendmail.cf (none of {', '.join(facts.paths.mail.sendmail_cfs)})")
    return cfs


@pytest.mark.control("MAIL-02")
def test_sendmail_loglevel(facts: HostFacts, profile: Profile) -> None:
    """Below LogLevel 9 sendmail does not log enough to trace misuse."""
    least = profile.mail.min_loglevel
    problems, fixes = [], []
    for cf in _sendmail_cfs(facts):
        option = cf.last("LogLevel")
        if option is None:
            problems.append(f"{cf.path}: no LogLevel option (the compiled default is not a stated level)")
            fixes.append(
                f"add the line `O LogLevel={least}` to {cf.path} (or define(`confLOG_LEVEL', `{least}') in its .mc file)"
            )
        elif not option.value.strip().isdigit() or int(option.value) < least:
            problems.append(f"{cf.path}:{option.line}: {option.text}")
            # The file's own form: sendmail reads the one-letter `OL9` and the long `O LogLevel=9` alike.
            wanted = f"OL{least}" if option.text.lstrip().startswith("OL") else f"O LogLevel={least}"
            fixes.append(f"in {cf.path} line {option.line}, change `{option.text.strip()}` to `{wanted}`")
    lines = [m for cf in mailfacts.sendmail_cfs(facts) for m in cf.malformed]
    verdict(
        f"LogLevel >= {least}",
        problems,
        unread(m for m in lines if not may_set(m, "LogLevel")),
        unassessed=unread(m for m in lines if may_set(m, "LogLevel")),
        fix=fixes + _restart_sendmail(facts, fixes),
    )


def _restart_sendmail(facts: HostFacts, fixes: list[str]) -> list[str]:
    if not fixes:
        return []
    return ["then refresh -s sendmail" if facts.paths.family == "aix" else "then systemctl restart sendmail"]


def _require_mta(facts: HostFacts) -> None:
    if not mailfacts.mta_installed(facts):
        not_applicable("no MTA installed (no sendmail.cf, no postfix main.cf)")


@pytest.mark.control("MAIL-03")
def test_syslog_records_mail(facts: HostFacts) -> None:
    _require_mta(facts)
    problems = (
        []
        if syslog.mail_logged_at(facts, "crit")
        else [
            "no syslog rule sends facility mail (or *) at crit or more verbose to a local file in "
            f"{', '.join(syslog.searched(facts))}"
        ]
    )
    verdict("an active syslog selector for mail at crit or more verbose, to a local file", problems, syslog_notes(facts))


def _mail_logs(facts: HostFacts) -> list[tuple[str, str]]:
    rules = syslog.mail_log_rules(facts)
    if not rules:
        not_applicable("no syslog rule writes mail to a local file (MAIL-03 reports it)")
    return list(dict.fromkeys((r.file, f"{r.path}:{r.line}") for r in rules if r.file))


def _logs_verdict(facts: HostFacts, expected: str, *, owners: set[str] | None = None, ceiling: int | None = None) -> None:
    """Each mail log protected; a missing one fails where syslogd does not create it, else is a caveat."""
    problems: list[str] = []
    notes = syslog_notes(facts)
    for path, where in _mail_logs(facts):
        if facts.exists(path):
            problems += protected(facts, path, owners=owners, ceiling=ceiling)
        elif facts.paths.syslog_creates_files:
            notes.append(f"{show(path)}: configured at {where} but does not exist yet (syslog creates it): not checked")
        else:
            problems.append(f"{show(path)}: configured at {where} but does not exist, so nothing is logged")
    verdict(expected, problems, notes)


@pytest.mark.control("MAIL-04")
def test_mail_logs_owned_by_root(facts: HostFacts) -> None:
    _logs_verdict(facts, "mail log files owned by root", owners={"root"})


@pytest.mark.control("MAIL-05")
def test_mail_logs_mode(facts: HostFacts, profile: Profile) -> None:
    _logs_verdict(facts, f"mail log files mode <= {octal(profile.mail.log_mode)}", ceiling=profile.mail.log_mode)


def _aliases_case(facts: HostFacts, case: str) -> list[str]:
    """Existing aliases files of this case; fail when an MTA has none anywhere, else N/A with the path."""
    if case == "configured":
        paths = [p for p, _ in mailfacts.configured_alias_files(facts) if p not in ALIASES_CANDIDATES]
        if not paths:
            not_applicable("the MTA configuration names no aliases file beyond the standard paths (their own cases)")
    else:
        paths = [case]
    existing = [p for p in paths if present(facts, p)]
    if existing:
        return existing
    anywhere = [p for p in mailfacts.all_alias_paths(facts) if p in facts.batch.stats and present(facts, p)]
    if not anywhere and mailfacts.mta_installed(facts):
        verdict(
            "an aliases file where an MTA is installed",
            [f"no aliases file exists (looked at {', '.join(mailfacts.all_alias_paths(facts))})"],
        )
    not_applicable(f"{', '.join(paths)} does not exist")


@pytest.mark.control("MAIL-06")
@pytest.mark.parametrize("aliases", ALIAS_CASES)
def test_aliases_owned_by_root(facts: HostFacts, aliases: str) -> None:
    """The group and the ACL are MAIL-11's: one defect, one finding."""
    found = {path: protected(facts, path, owners={"root"}) for path in _aliases_case(facts, aliases)}
    fixes = [f"chown root {shell_word(path)}; then newaliases" for path, problems in found.items() if problems]
    verdict("owner root", [p for ps in found.values() for p in ps], fix=fixes)


@pytest.mark.control("MAIL-07")
@pytest.mark.parametrize("aliases", ALIAS_CASES)
def test_aliases_directory_owned_by_root(facts: HostFacts, aliases: str) -> None:
    """Whoever controls the directory can swap the file."""
    problems = [
        p
        for path in _aliases_case(facts, aliases)
        for p in protected(facts, posixpath.dirname(path), owners={"root"}, writers="group")
    ]
    verdict("the directory of each aliases file is owned by root and not group- or world-writable", problems)


@pytest.mark.control("MAIL-08")
@pytest.mark.parametrize("aliases", ALIAS_CASES)
def test_aliases_mode(facts: HostFacts, profile: Profile, aliases: str) -> None:
    ceiling = profile.mail.aliases_mode
    found = {path: protected(facts, path, ceiling=ceiling) for path in _aliases_case(facts, aliases)}
    fixes = [f"chmod {octal(ceiling)} {shell_word(path)}" for path, problems in found.items() if problems]
    verdict(f"mode <= {octal(ceiling)}", [p for ps in found.values() for p in ps], fix=fixes)


DECODERS = ("uudecode", "decode")


@pytest.mark.control("MAIL-09")
def test_alias_programs_protected(facts: HostFacts, profile: Profile) -> None:
    """Mail to a program alias runs that program: it and the path to it must be root's alone."""
    if not mailfacts.existing_aliases(facts):
        not_applicable("no aliases file")
    ceiling = profile.mail.program_mode
    problems: list[str] = []
    notes: list[str] = []
    programs, unknown = mailfacts.alias_targets(facts)
    for program in programs:
        where = f"{program.source} ({program.command})"
        if posixpath.basename(program.path) in DECODERS or program.source.rsplit(" ", 1)[-1] in DECODERS:
            notes.append(f"{where}: a decode alias, judged by SMTP-05 (V-4691); here only the program's protection")
        if facts.exists(program.path):
            found = protected(facts, program.path, owners={"root"}, ceiling=ceiling, parents="group")
        else:
            notes.append(f"{where}: {program.path} does not exist")
            found = protected(facts, program.path, parents="group")
        problems += [f"{where}: {p}" for p in found]
    verdict(
        f"alias programs owned by root, mode <= {octal(ceiling)}, in root-owned directories nobody else can write",
        sorted(set(problems)),
        notes,
        unassessed=unknown,
        unassessed_title="alias targets that name no checkable file (review them by hand)",
    )
