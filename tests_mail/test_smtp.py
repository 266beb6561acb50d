"""SMTP controls SMTP-01 .. SMTP-04 (seed: SMTP Service Considerations)."""

import re

import pytest

from svcaudit.controls.checks import show, unread
from svcaudit.controls.paths import writable_ancestors
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import mail as mailfacts
from svcaudit.facts.host import HostFacts
from svcaudit.parsers.postfix import MainCf, expand_banner
from svcaudit.parsers.sendmail import DEFAULT_GREETING, Option, SendmailCf, expand_greeting, may_set
from svcaudit.probes.findings import smtp_greeting, smtp_help
from svcaudit.probes.live import LiveProbes
from svcaudit.probes.protocols import version_in
from svcaudit.profile import Profile


def _sendmail_greeting(cf: SendmailCf) -> tuple[list[str], list[str]]:
    """Problems and reasons not to judge for one sendmail.cf's greeting, expanded as sendmail does."""
    found = expand_greeting(cf)
    if found.option is None:
        shown = f"{cf.path}: no SmtpGreetingMessage: sendmail's default greeting '{DEFAULT_GREETING}'"
    else:
        shown = f"{cf.path}:{found.option.line}: {found.option.text}"
    return _judged(shown, found.text, found.leaks, found.unresolved)


def _postfix_banner(main: MainCf) -> tuple[list[str], list[str]]:
    found = expand_banner(main)
    where = main.where(found.param) if found.param.line else f"{main.path}: postfix default"
    return _judged(f"{where}: smtpd_banner = {found.param.value}", found.text, found.leaks, found.unresolved)


def _judged(shown: str, text: str, leaks: tuple[str, ...], unresolved: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A version reached through a variable, or written out in the expanded text, fails; a part that
    could not be expanded leaves the greeting not assessed (it could hide the version)."""
    if leaks:
        return [f"{shown} (reaches the version: {'; '.join(leaks)})"], []
    literal = version_in(text)
    if literal:
        return [f"{shown} (expands to {text!r}, which shows version {literal!r})"], []
    return [], [f"{shown}: cannot expand {reason}" for reason in unresolved]


@pytest.mark.control("SMTP-01")
def test_configured_greeting_hides_version(facts: HostFacts) -> None:
    """The greeting is the first thing an attacker reads: it must not name the version."""
    cfs = mailfacts.sendmail_cfs(facts)
    main = mailfacts.postfix_main(facts)
    if not cfs and main is None:
        not_applicable("no sendmail.cf and no postfix main.cf")
    problems: list[str] = []
    unassessed: list[str] = []
    judged = [_sendmail_greeting(cf) for cf in cfs] + ([_postfix_banner(main)] if main is not None else [])
    for found, unknown in judged:
        problems += found
        unassessed += unknown
    # A line not read that may set the greeting (or a postfix parameter the banner names) leaves it undecided.
    decisive = [m for cf in cfs for m in cf.malformed if may_set(m, "SmtpGreetingMessage")]
    decisive += [m for m in (main.malformed if main is not None else ()) if m.line == 0 or _BANNER_WORDS.search(m.text)]
    others = [m for cf in cfs for m in cf.malformed] + list(main.malformed if main is not None else ())
    verdict(
        "SmtpGreetingMessage / smtpd_banner that, expanded, shows no version ($v, $Z, $mail_version, or a version number)",
        problems,
        unread(m for m in others if m not in decisive),
        unassessed=unassessed + unread(decisive),
    )


_BANNER_WORDS = re.compile(r"smtpd_banner|mail_version|mail_name|myhostname")


@pytest.mark.control("SMTP-02")
def test_live_greeting_hides_version(profile: Profile, live: LiveProbes) -> None:
    probe = smtp_greeting(live, profile.smtp.port)
    if probe.not_applicable:
        not_applicable(probe.not_applicable)
    verdict("a 220 greeting without a version number", probe.problems, probe.notes, unassessed=probe.unassessed)


HELPFILE_EXPECTED = {
    "empty": "an empty HelpFile in a safe directory",
    "absent": 'no HelpFile option, or one naming a file that does not exist ([smtp] helpfile = "absent")',
    "present": 'a HelpFile naming an existing file in a safe directory ([smtp] helpfile = "present")',
}


def _helpfile_problems(facts: HostFacts, cf: SendmailCf, option: Option | None, policy: str) -> list[str]:
    """The HelpFile as the profile's policy wants it; the live HELP probe judges what the wire shows either way."""
    path = option.value.strip() if option is not None else ""
    where = f"{cf.path}:{option.line} HelpFile={path}" if option is not None and path else f"{cf.path}: no HelpFile option"
    exists = bool(path) and path.startswith("/") and facts.exists(path)
    if policy == "absent":
        return [f'{where}: the file exists; the profile wants none ([smtp] helpfile = "absent")'] if exists else []
    if not path:
        return [f"{where}: sendmail answers HELP with '502 5.3.0 Sendmail <version> -- HELP not implemented'"]
    if not exists:
        return [f"{where}: the file does not exist, so HELP answers with the version"]
    stat = facts.stat(path)
    problems = []
    if stat.kind != "file" or (policy == "empty" and (stat.size or 0) > 0):
        problems.append(f"{where}: {stat.kind} of {stat.size} bytes; an empty file reveals nothing")
    elif policy == "present":
        problems += [
            f"{where}:{number}: {line.strip()} (HELP would show the version)"
            for number, line in enumerate(facts.content(path).splitlines(), 1)
            if "$v" in line or "$Z" in line
        ]
    problems += [
        f"{where}: directory {show(d)} is group- or world-writable (mode {mode:04o}), "
        "so sendmail ignores the file and HELP answers with the version"
        for d, mode in writable_ancestors(facts, path)
    ]
    return problems


@pytest.mark.control("SMTP-03")
def test_help_reveals_nothing(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """A missing or unsafe help file makes sendmail's HELP reply name its version."""
    cfs = mailfacts.sendmail_cfs(facts)
    probe = smtp_help(live, profile.smtp.port)
    if not cfs and probe.not_applicable:
        not_applicable(f"no sendmail.cf and nothing answers SMTP ({probe.not_applicable})")
    policy = profile.smtp.helpfile
    problems: list[str] = []
    fixes: list[str] = []
    for cf, option in mailfacts.helpfiles(facts):
        found = _helpfile_problems(facts, cf, option, policy)
        problems += found
        fixes += _helpfile_fix(cf, option, policy) if found else []
    notes = [f"HELP not asked: {probe.not_applicable}"] if probe.not_applicable else []
    verdict(
        f"{HELPFILE_EXPECTED[policy]}, and a HELP reply without a version",
        problems + probe.problems,
        notes,
        unassessed=probe.unassessed,
        fix=fixes,
    )


def _helpfile_fix(cf: SendmailCf, option: Option | None, policy: str) -> list[str]:
    """What to do about one sendmail.cf's help file under the profile's policy, with the paths in use."""
    path = option.value.strip() if option is not None else ""
    if policy == "absent":
        return [f"rm {path} (or delete the HelpFile line {option.line} of {cf.path})"] if option is not None and path else []
    if not path:
        return [f"add `O HelpFile=/etc/mail/helpfile` to {cf.path} and create that file"]
    if policy == "empty":
        return [f": > {path}; chmod 444 {path}  (root-owned directories only above it)"]
    return [f"restore {path} without the lines that name $v or $Z (sendmail's stock helpfile, edited)"]


@pytest.mark.control("SMTP-04")
def test_no_forward_files(facts: HostFacts, profile: Profile) -> None:
    """A .forward file sends mail where its owner says, loops included."""
    roots = mailfacts.forward_roots(facts, profile)
    found, incomplete = mailfacts.files_in_homes(facts, roots, mailfacts.forward_name, ".forward")
    verdict(
        "no .forward files",
        [show(f) for f in found],
        unassessed=incomplete,
        unassessed_title="the .forward search is incomplete",
    )
