"""SMTP controls SMTP-05 .. SMTP-08 (issue 14): backdoor commands, EXPN/VRFY, sendmail's release, relaying."""

import ipaddress
import posixpath

import pytest

from svcaudit.controls.checks import unread
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import mail as mailfacts
from svcaudit.facts import smtp_service
from svcaudit.facts.host import HostFacts
from svcaudit.parsers import sendmail_service as sm
from svcaudit.parsers.postfix import MainCf
from svcaudit.parsers.sendmail import SendmailCf, may_set
from svcaudit.probes.findings import smtp_backdoors, smtp_expn_vrfy
from svcaudit.probes.live import LiveProbes
from svcaudit.profile import Profile

#: Alias names V-4691 forbids, and the programs such an alias feeds mail to (they write files anywhere).
DECODE_ALIASES = ("decode", "uudecode")


def _undecided(cfs: list[SendmailCf], *options: str) -> list[str]:
    """Lines the parser could not read that may set one of `options`: the verdict cannot rest on the others."""
    return unread(m for cf in cfs for m in cf.malformed if any(may_set(m, o) for o in options))


# -- SMTP-05 -----------------------------------------------------------------------


def _decode_aliases(facts: HostFacts) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    unknown: list[str] = []
    for aliases in mailfacts.existing_aliases(facts):
        for alias in aliases.aliases:
            fed = [t.value for t in alias.targets if t.kind == "program" and _decoder(t.value)]
            if alias.name.casefold() in DECODE_ALIASES or fed:
                shown = f"{aliases.path}:{alias.line}: {alias.text}"
                problems.append(f"{shown} (mail to it is decoded into files anyone can name)")
        unknown += [m.evidence() for m in aliases.malformed if "decode" in m.text.casefold()]
    return problems, unknown


def _decoder(command: str) -> bool:
    words = command.lstrip('|"').split()
    return bool(words) and posixpath.basename(words[0]) in DECODE_ALIASES


@pytest.mark.control("SMTP-05")
def test_no_debug_wiz_or_decode_backdoor(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """DEBUG, WIZ and a decode alias let anyone who can send mail run commands or write files."""
    cfs = mailfacts.sendmail_cfs(facts)
    aliases = mailfacts.existing_aliases(facts)
    probe = smtp_backdoors(live, profile.smtp.port)
    if not cfs and not aliases and probe.not_applicable:
        not_applicable(f"no sendmail.cf, no aliases file and nothing answers SMTP ({probe.not_applicable})")
    problems = [
        f"{cf.path}:{o.line}: {o.text} (a wizard password opens the WIZ backdoor; OW* locks it)"
        for cf in cfs
        for o in sm.wizard_passwords(cf)
    ]
    decode, unknown = _decode_aliases(facts)
    notes = [f"DEBUG and WIZ not asked: {probe.not_applicable}"] if probe.not_applicable else []
    verdict(
        "no wizard password in sendmail.cf (OW* allowed), no decode or uudecode alias, and DEBUG and WIZ refused (5xx)",
        problems + decode + probe.problems,
        notes + probe.notes,
        unassessed=unknown + probe.unassessed + _undecided(cfs, "OW", "WizardPassword"),
    )


# -- SMTP-06 -----------------------------------------------------------------------


def _privacy_problems(cf: SendmailCf, required: list[str]) -> tuple[list[str], list[str]]:
    found = sm.privacy(cf)
    missing = sm.missing_flags(found.flags, required)
    if not missing:
        return [], list(found.unknown)
    shown = "; ".join(f"{cf.path}:{o.line}: {o.text}" for o in found.lines) or f"{cf.path}: no PrivacyOptions line"
    return [f"{shown} (lacks {', '.join(missing)})"], list(found.unknown)


def _postfix_vrfy(main: MainCf) -> list[str]:
    param = main.params.get("disable_vrfy_command")
    if param is not None and param.value.strip().casefold() == "yes":
        return []
    shown = f"{main.where(param)}: disable_vrfy_command = {param.value}" if param else f"{main.path}: no disable_vrfy_command"
    return [f"{shown} (postfix answers VRFY unless it is yes; its default is no)"]


@pytest.mark.control("SMTP-06")
def test_expn_and_vrfy_disabled(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """EXPN and VRFY tell anyone which accounts and lists exist, and where mail to them goes."""
    cfs = mailfacts.sendmail_cfs(facts)
    main = mailfacts.postfix_main(facts)
    probe = smtp_expn_vrfy(live, profile.smtp.port)
    if not cfs and main is None and probe.not_applicable:
        not_applicable(f"no sendmail.cf, no postfix main.cf and nothing answers SMTP ({probe.not_applicable})")
    required = profile.smtp.privacy_options
    problems: list[str] = []
    notes: list[str] = [f"EXPN and VRFY not asked: {probe.not_applicable}"] if probe.not_applicable else []
    fixes: list[str] = []
    for cf in cfs:
        found, unknown = _privacy_problems(cf, required)
        problems += found
        notes += unknown
        if found:
            fixes.append(f"in {cf.path}: {_privacy_fix(cf, required)}")
    if main is not None:
        problems += _postfix_vrfy(main)
    verdict(
        f"sendmail PrivacyOptions with {', '.join(required)} ([smtp] privacy_options; goaway sets them all), postfix "
        "disable_vrfy_command = yes, and EXPN root and VRFY root refused (5xx, or 252 naming no address)",
        problems + probe.problems,
        notes + probe.notes,
        unassessed=probe.unassessed + _undecided(cfs, "PrivacyOptions"),
        fix=fixes,
    )


def _privacy_fix(cf: SendmailCf, required: list[str]) -> str:
    """The syntax the file already uses: one-letter `Op` or long `O PrivacyOptions=`."""
    last = cf.last("PrivacyOptions")
    words = ",".join(required)
    if last is not None and last.text.startswith("Op"):
        return f"line {last.line}: Op{words}"
    return f"O PrivacyOptions={words}" + (f" (line {last.line})" if last is not None else "")


# -- SMTP-07 -----------------------------------------------------------------------


def _greeting_version(live: LiveProbes, port: int) -> tuple[str | None, str]:
    if not live.address:
        return None, f"live greeting not read: {live.reason}"
    probe = live.smtp(port)
    if probe.greeting is None:
        return None, f"{probe.address}:{port}: no greeting ({probe.state}: {probe.detail})"
    found = sm.greeting_version(probe.greeting.text)
    if found is None:
        return None, f"{probe.address}:{port} greets with {probe.greeting.text!r}, which shows no sendmail version"
    return found, f"{probe.address}:{port} greets with {probe.greeting.text!r}"


@pytest.mark.control("SMTP-07")
def test_sendmail_release_is_current(facts: HostFacts, profile: Profile, live: LiveProbes) -> None:
    """Old sendmail releases carry known remote holes (DEBUG and WIZ before 8.6, header overflows before 8.14.5)."""
    if not mailfacts.sendmail_cfs(facts):
        not_applicable("no sendmail.cf: the rule is about sendmail (postfix's release is not judged)")
    minimum = profile.smtp.min_version
    found, where = smtp_service.binary_version(facts)
    reasons = [where]
    if found is None and profile.smtp.version_from_greeting:
        found, where = _greeting_version(live, profile.smtp.port)
        reasons.append(where)
    expected = f"sendmail {minimum} or later ([smtp] min_version)"
    if found is None:
        if not profile.smtp.version_from_greeting:
            reasons.append("the live greeting is not read for it ([smtp] version_from_greeting = false)")
        verdict(expected, [], unassessed=reasons, unassessed_title="sendmail's release is unknown (never guessed)")
        return
    problems = [] if sm.version_at_least(found, minimum) else [f"{where}: release {found} is older than {minimum}"]
    verdict(expected, problems, [where])


# -- SMTP-08 -----------------------------------------------------------------------


def _sendmail_listeners(cf: SendmailCf) -> tuple[list[str], list[str]]:
    """Daemons that listen beyond loopback, and addresses given as names the audit does not resolve."""
    daemons = sm.daemon_addresses(cf)
    if not daemons:
        return [f"{cf.path}: no DaemonPortOptions line: sendmail listens on every address, port 25"], []
    problems: list[str] = []
    unknown: list[str] = []
    for daemon in daemons:
        shown = f"{cf.path}:{daemon.option.line}: {daemon.option.text}"
        if daemon.family in ("local", "unix"):
            continue
        found = sm.loopback(daemon.addr) if daemon.addr else False
        if found is None:
            unknown.append(f"{shown}: Addr={daemon.addr} is a host name; the audit does not resolve it")
        elif not found:
            problems.append(f"{shown} (listens on {daemon.addr or 'every address'}, beyond loopback)")
    return problems, unknown


def _postfix_listeners(main: MainCf) -> tuple[list[str], list[str]]:
    param = main.params.get("inet_interfaces")
    value = param.value if param is not None else "all"
    shown = f"{main.where(param)}: inet_interfaces = {value}" if param else f"{main.path}: no inet_interfaces (postfix: all)"
    words = [w for w in value.replace(",", " ").split() if w]
    unknown: list[str] = []
    wide: list[str] = []
    for word in words:
        if word.casefold() in ("loopback-only", "localhost"):
            continue
        found = sm.loopback(word)
        if found is None and word.startswith("$"):
            unknown.append(f"{shown}: {word} is not expanded by the audit")
        elif not found:
            wide.append(word)
    return ([f"{shown} (listens on {', '.join(wide)}, beyond loopback)"] if wide or not words else []), unknown


def _postfix_relay(main: MainCf, allowed: list[str]) -> tuple[list[str], list[str]]:
    """mynetworks inside the profile's networks; unset, mynetworks_style must be host."""
    networks = []
    unknown: list[str] = []
    for entry in allowed:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            unknown.append(f"[smtp] relay_networks entry {entry!r} is not an address or network")
    param = main.params.get("mynetworks")
    if param is None:
        style = main.params.get("mynetworks_style")
        level = main.params.get("compatibility_level")
        value = style.value.strip() if style else ("host" if level and _level(level.value) >= 2 else "subnet")
        if value == "host":
            return [], unknown
        where = (
            f"{main.where(style)}: mynetworks_style = {value}"
            if style
            else f"{main.path}: postfix default mynetworks_style = {value}"
        )
        return [f"{where} (relays for every host of this machine's {value}es)"], unknown
    problems: list[str] = []
    for word in param.value.replace(",", " ").split():
        try:
            net = ipaddress.ip_network(word.removeprefix("[").replace("]", ""), strict=False)
        except ValueError:
            unknown.append(f"{main.where(param)}: mynetworks entry {word!r} is not a network the audit can compare")
            continue
        if not any(net.version == n.version and net.subnet_of(n) for n in networks):  # type: ignore[arg-type]
            problems.append(f"{main.where(param)}: mynetworks entry {word} is outside [smtp] relay_networks")
    return problems, unknown


def _level(value: str) -> float:
    try:
        return float(value.strip().split(".")[0])
    except ValueError:
        return 0


def _promiscuous(facts: HostFacts, cfs: list[SendmailCf]) -> list[str]:
    found = [
        f"{cf.path}:{line}: promiscuous_relay.m4 marker (FEATURE(`promiscuous_relay') relays for anyone)"
        for cf in cfs
        if (line := sm.promiscuous_in_cf(facts.content(cf.path)))
    ]
    mc = smtp_service.sendmail_mc(facts)
    line = sm.promiscuous_in_mc(mc) if mc is not None else 0
    if line:
        found.append(f"{smtp_service.SENDMAIL_MC}:{line}: FEATURE(`promiscuous_relay')")
    return found


@pytest.mark.control("SMTP-08")
def test_relaying_restricted(facts: HostFacts, profile: Profile) -> None:
    """An MTA that listens to the network and relays for anyone carries everybody's spam under this host's name."""
    cfs = mailfacts.sendmail_cfs(facts)
    main = mailfacts.postfix_main(facts)
    if not cfs and main is None:
        not_applicable("no sendmail.cf and no postfix main.cf")
    problems: list[str] = []
    unknown: list[str] = _undecided(cfs, "DaemonPortOptions")
    if profile.smtp.relay:
        expected = "a mail relay ([smtp] relay = true) without promiscuous_relay, postfix mynetworks inside [smtp] relay_networks"
        problems += _promiscuous(facts, cfs)
        if main is not None:
            found, why = _postfix_relay(main, profile.smtp.relay_networks)
            problems += found
            unknown += why
    else:
        expected = (
            "the MTA listens on loopback only "
            "(sendmail DaemonPortOptions Addr=127.0.0.1 or ::1, postfix inet_interfaces = loopback-only)"
        )
        for cf in cfs:
            found, why = _sendmail_listeners(cf)
            problems += found
            unknown += why
        if main is not None:
            found, why = _postfix_listeners(main)
            problems += found
            unknown += why
    verdict(expected, problems, unassessed=unknown)
