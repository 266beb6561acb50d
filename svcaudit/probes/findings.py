"""What each live probe's answers mean for a control: problems, caveats, and reasons not to judge.

The wire code (`protocols`) reports what a service said; this module reads it the way the
controls need, so a control only adds these findings to its own and calls `verdict`:

- problems: the service showed what the control forbids (a plaintext login, a version);
- notes: a caveat that does not change the verdict (probes off, nothing listening);
- unassessed: the service answered part of the questions, or the probe failed, so a pass
  would be a guess;
- not_applicable: a probe-only control has nothing to probe (no address, nothing listening).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from svcaudit.probes.live import LiveProbes
from svcaudit.probes.protocols import FtpProbe, Reply, SmtpCommandsProbe, SmtpProbe, version_in

#: FTP replies that mean a login step was accepted: 230 logged in, 331/332 go on with PASS/ACCT.
ACCEPTED = (230, 331, 332)


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unassessed: list[str] = field(default_factory=list)
    not_applicable: str = ""
    #: Whether the service answered at all (its first line: FTP banner, SMTP greeting).
    answered: bool = False


def _not_run(live: LiveProbes) -> Findings:
    return Findings(notes=[f"live probe not run: {live.reason}"])


# -- FTP ---------------------------------------------------------------------------


def _ftp_asked(live: LiveProbes, port: int) -> tuple[FtpProbe | None, Findings]:
    """The FTP probe of this host, or None (with why) when nothing answers there or the probe failed."""
    probe = live.ftp(port)
    where = f"{probe.address}:{probe.port}"
    if probe.banner is None and probe.state in ("closed", "timeout"):
        return None, Findings(notes=[f"{where}: {probe.state}" + (f" ({probe.detail})" if probe.detail else "")])
    if probe.banner is None:
        return None, Findings(unassessed=[f"{where}: FTP probe failed: {probe.detail}"])
    return probe, Findings(answered=True)


def _unanswered(probe: FtpProbe, questions: dict[str, Reply | None], found: Findings) -> None:
    """An FTP service that answered its banner but not every question cannot be passed."""
    missing = [name for name, reply in questions.items() if reply is None]
    if missing:
        found.unassessed.append(f"{probe.address}:{probe.port}: no reply to {', '.join(missing)} ({probe.state}: {probe.detail})")


def ftp_tls(live: LiveProbes, port: int) -> Findings:
    """Whether the FTP port accepts a login before TLS and refuses AUTH TLS (FTP-01)."""
    if not live.address:
        return _not_run(live)
    probe, found = _ftp_asked(live, port)
    if probe is None:
        return found
    where = f"{probe.address}:{probe.port}"
    if probe.user_before_tls and probe.user_before_tls.code in ACCEPTED:
        found.problems.append(f"{where}: USER before AUTH TLS answered {probe.user_before_tls.text!r} (plaintext login accepted)")
    if probe.auth_tls and probe.auth_tls.code != 234:
        found.problems.append(f"{where}: AUTH TLS answered {probe.auth_tls.text!r}, expected 234")
    if probe.anonymous and probe.anonymous.code == 230:
        # The anonymous probe never sends AUTH TLS: a 230 is an anonymous session in the clear.
        found.problems.append(
            f"{where}: USER anonymous logged in without AUTH TLS: {probe.anonymous.text!r} (anonymous session in the clear)"
        )
    _unanswered(probe, {"USER": probe.user_before_tls, "AUTH TLS": probe.auth_tls}, found)
    return found


def ftp_anonymous(live: LiveProbes, port: int) -> Findings:
    """Whether the FTP port lets USER anonymous log in (FTP-06)."""
    if not live.address:
        return _not_run(live)
    probe, found = _ftp_asked(live, port)
    if probe is None:
        return found
    if probe.anonymous and probe.anonymous.code == 230:
        found.problems.append(f"{probe.address}:{probe.port}: USER anonymous logged in: {probe.anonymous.text!r}")
    if probe.anonymous_tls and probe.anonymous_tls.code == 230:
        found.problems.append(
            f"{probe.address}:{probe.port}: USER anonymous logged in after AUTH TLS: {probe.anonymous_tls.text!r}"
        )
    _unanswered(probe, {"USER anonymous": probe.anonymous}, found)
    return found


def ftp_banner(live: LiveProbes, port: int, words: Iterable[str]) -> Findings:
    """Whether the greeting the FTP port sends before login holds every phrase in `words` (case and blanks
    ignored) and names no version (FTP-12)."""
    if not live.address:
        return _not_run(live)
    probe, found = _ftp_asked(live, port)
    if probe is None or probe.banner is None:
        return found
    where, text = f"{probe.address}:{probe.port}", probe.banner.text
    have = " ".join(text.split()).lower()
    missing = [w for w in words if " ".join(w.split()).lower() not in have]
    if missing:
        found.problems.append(f"{where} greets with {text!r}: no {', '.join(repr(w) for w in missing)}")
    version = version_in(text)
    if version:
        found.problems.append(f"{where} greets with {text!r}: shows version {version!r}")
    if not found.problems:
        found.notes.append(f"{where} greets with {text!r}")
    return found


# -- SMTP --------------------------------------------------------------------------


_Probe = TypeVar("_Probe", SmtpProbe, SmtpCommandsProbe)


def _smtp_reached(live: LiveProbes, ask: Callable[[], _Probe]) -> tuple[_Probe | None, Findings]:
    """A probe of the SMTP port; N/A when probes are off or nothing listens; no greeting (timeout, error) is not a pass."""
    if not live.address:
        return None, Findings(not_applicable=f"live probes do not apply: {live.reason}")
    probe = ask()
    if probe.greeting is None:
        where = f"{probe.address}:{probe.port}"
        if probe.state == "closed":
            return None, Findings(not_applicable=f"nothing listens on {where}")
        return None, Findings(unassessed=[f"{where}: SMTP probe {probe.state}: {probe.detail}"])
    return probe, Findings(answered=True)


def _smtp_asked(live: LiveProbes, port: int) -> tuple[SmtpProbe | None, Findings]:
    """The greeting and HELP probe (SMTP-02, SMTP-03)."""
    return _smtp_reached(live, lambda: live.smtp(port))


def smtp_greeting(live: LiveProbes, port: int) -> Findings:
    """Whether the SMTP greeting names a version (SMTP-02)."""
    probe, found = _smtp_asked(live, port)
    if probe is not None and probe.greeting is not None:
        version = version_in(probe.greeting.text)
        if version:
            found.problems.append(f"{probe.address}:{probe.port} greets with {probe.greeting.text!r}: shows version {version!r}")
    return found


def smtp_help(live: LiveProbes, port: int) -> Findings:
    """Whether the reply to HELP names a version (SMTP-03)."""
    probe, found = _smtp_asked(live, port)
    if probe is None:
        return found
    if probe.help is None:
        found.unassessed.append(f"{probe.address}:{probe.port}: no reply to HELP ({probe.state}: {probe.detail})")
        return found
    version = version_in(probe.help.text)
    if version:
        found.problems.append(f"{probe.address}:{probe.port} answers HELP with {probe.help.text!r}: shows version {version!r}")
    return found


def _smtp_commands(live: LiveProbes, port: int, asked: tuple[str, ...]) -> tuple[SmtpCommandsProbe | None, Findings]:
    """The EHLO/EXPN/VRFY/DEBUG/WIZ session; N/A when probes are off or nothing listens."""
    probe, found = _smtp_reached(live, lambda: live.smtp_commands(port))
    if probe is None or probe.greeting is None:
        return None, found
    where = f"{probe.address}:{probe.port}"
    if probe.greeting.code != 220:
        found.unassessed.append(f"{where} greets with {probe.greeting.text!r}: not ready, nothing asked")
        return None, found
    missing = [q for q in asked if q not in probe.replies]
    if missing:
        found.unassessed.append(f"{where}: no reply to {', '.join(missing)} ({probe.state}: {probe.detail})")
    return probe, found


def smtp_backdoors(live: LiveProbes, port: int) -> Findings:
    """Whether DEBUG and WIZ are refused (SMTP-05): any 5xx reply refuses; 2xx/3xx accepts; 4xx decides nothing."""
    probe, found = _smtp_commands(live, port, ("DEBUG", "WIZ"))
    if probe is None:
        return found
    for question in ("DEBUG", "WIZ"):
        reply = probe.replies.get(question)
        if reply is None:
            continue
        shown = f"{probe.address}:{probe.port} answers {question} with {reply.text!r}"
        if 200 <= reply.code < 400:
            found.problems.append(f"{shown} (accepted: the {question} backdoor is open)")
        elif not 500 <= reply.code < 600:
            found.unassessed.append(f"{shown}: neither accepted nor refused")
        else:
            found.notes.append(shown)
    return found


def _discloses(question: str, reply: Reply) -> bool | None:
    """EXPN/VRFY: 250/251 confirm an address; 252 that names no address ("Cannot VRFY user", sendmail's novrfy)
    and any 5xx refuse; 252 naming the user (postfix's VRFY) confirms it; anything else decides nothing."""
    user = question.split()[-1]
    if reply.code in (250, 251):
        return True
    if reply.code == 252:
        return user.casefold() in reply.text.casefold().split(" ", 1)[-1] or "@" in reply.text
    if 500 <= reply.code < 600:
        return False
    return None


def smtp_expn_vrfy(live: LiveProbes, port: int) -> Findings:
    """Whether EXPN root and VRFY root are refused (SMTP-06)."""
    asked = ("EXPN root", "VRFY root")
    probe, found = _smtp_commands(live, port, asked)
    if probe is None:
        return found
    for question in asked:
        reply = probe.replies.get(question)
        if reply is None:
            continue
        shown = f"{probe.address}:{probe.port} answers {question} with {reply.text!r}"
        verdict = _discloses(question, reply)
        if verdict is None:
            found.unassessed.append(f"{shown}: neither an answer nor a refusal")
        elif verdict:
            found.problems.append(f"{shown} (confirms the address)")
        else:
            found.notes.append(f"{shown} (refused)")
    return found


# -- SNMP --------------------------------------------------------------------------


def snmp_communities(live: LiveProbes, port: int, communities: Iterable[str]) -> Findings:
    """Whether the agent answers a GET with any of `communities` (SNMP-04)."""
    if not live.address:
        return Findings(not_applicable=f"live probes do not apply: {live.reason}")
    found = Findings()
    for answer in live.snmp(port, communities):
        if answer.state == "answered":
            found.answered = True
            found.problems.append(
                f"{live.address}:{port}/udp answered SNMP {answer.version} GET sysDescr.0 with community "
                f"{answer.community!r}: {answer.detail}"
            )
        elif answer.state == "error":
            found.unassessed.append(f"{answer.version} {answer.community!r}: {answer.detail}")
    return found
