"""Live probes from the runner to a host: what an attacker on the network would see.

File checks say what a service is configured to do; these probes ask the running
service. Each probe is bounded in time, asks every question on a fresh connection
(so an earlier answer cannot change a later one) and never raises: a failure to
reach the service is itself the finding, reported through `state` and `detail`.

SNMP over UDP cannot tell "wrong community" from "nothing listening": an agent
drops a bad community silently, and the ICMP port-unreachable a closed port
sends back never reaches pysnmp's unconnected socket. Both are "no answer",
which is the fact a hardening check needs: the community was not accepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import ftplib
import io
import re
import smtplib
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: sysDescr.0, numeric so no MIB file is needed on the runner.
SYS_DESCR = "1.3.6.1.2.1.1.1.0"
SNMP_VERSIONS = {"v1": 0, "v2c": 1}
#: The user name the plaintext-login probe offers; it need not exist.
PROBE_USER = "svcaudit-probe"
ANONYMOUS_PASSWORD = "svcaudit@example.invalid"


@dataclass(frozen=True)
class Reply:
    """One FTP server reply: code 0 means the text did not start with a 3-digit code."""

    code: int
    text: str


@dataclass(frozen=True)
class FtpProbe:
    address: str
    port: int
    state: str  # answered closed timeout error
    detail: str
    banner: Reply | None
    user_before_tls: Reply | None
    auth_tls: Reply | None
    anonymous: Reply | None
    #: USER anonymous after AUTH TLS; None when it was not asked (no 234 to AUTH TLS, or plaintext anonymous got in).
    anonymous_tls: Reply | None = None


@dataclass(frozen=True)
class SnmpAnswer:
    community: str
    version: str  # v1 v2c
    state: str  # answered, "no answer", error
    detail: str


class _Unreachable(Exception):
    """The FTP service could not be asked at all; carries the probe state."""

    def __init__(self, state: str, detail: str) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail


def _reply(text: str) -> Reply:
    head = text[:3]
    return Reply(int(head) if head.isdigit() else 0, text)


def _send(ftp: ftplib.FTP, command: str) -> Reply:
    """Send one command and turn both good and bad replies into a Reply."""
    try:
        return _reply(ftp.sendcmd(command))
    except (ftplib.error_perm, ftplib.error_temp, ftplib.error_reply) as exc:
        return _reply(str(exc))


def _ftp_session(
    address: str, port: int, timeout: float, ask: Callable[[ftplib.FTP], Reply | None], tls: bool = False
) -> tuple[Reply, Reply | None]:
    """Connect, read the banner, ask one question; always close the connection.

    Every socket operation waits at most `timeout`, and a session sends at most three commands.
    """
    ftp = ftplib.FTP_TLS(context=_probe_tls_context()) if tls else ftplib.FTP()
    try:
        try:
            ftp.connect(address, port, timeout=timeout)
        except (ftplib.error_perm, ftplib.error_temp, ftplib.error_reply) as exc:
            # A 4xx/5xx greeting ("421 Too many connections", "500 OOPS: ...") is an answer.
            return _reply(str(exc)), None
        banner = _reply(ftp.getwelcome() or "")
        return banner, ask(ftp)
    except ConnectionRefusedError as exc:
        raise _Unreachable("closed", f"connection refused: {exc}") from exc
    except TimeoutError as exc:
        raise _Unreachable("timeout", f"no answer within {timeout:g}s") from exc
    except Exception as exc:  # resets, protocol garbage (error_proto, EOFError), bad ports: all are evidence
        raise _Unreachable("error", f"{type(exc).__name__}: {exc}") from exc
    finally:
        ftp.close()


def _anonymous(ftp: ftplib.FTP) -> Reply:
    """USER anonymous, then PASS if asked: the final reply says whether we got in (230)."""
    first = _send(ftp, "USER anonymous")
    if first.code != 331:
        return first
    return _send(ftp, f"PASS {ANONYMOUS_PASSWORD}")


def _probe_tls_context() -> ssl.SSLContext:
    """The probe asks what the port allows, it trusts nothing it is told: no certificate is checked, no secret sent."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _anonymous_over_tls(ftp: ftplib.FTP) -> Reply:
    """AUTH TLS, then USER anonymous inside the encrypted session; a failed handshake is the answer."""
    assert isinstance(ftp, ftplib.FTP_TLS)
    try:
        ftp.auth()
    except (ftplib.error_perm, ftplib.error_temp, ftplib.error_reply) as exc:
        return _reply(str(exc))
    except (ssl.SSLError, OSError) as exc:
        return Reply(0, f"TLS handshake failed: {exc}")
    return _anonymous(ftp)


def probe_ftp(address: str, port: int, timeout: float = 5.0) -> FtpProbe:
    """Ask an FTP service for its banner, whether it takes USER before TLS, AUTH TLS and anonymous logins."""
    questions: dict[str, Callable[[ftplib.FTP], Reply | None]] = {
        "banner": lambda ftp: None,
        "user_before_tls": lambda ftp: _send(ftp, f"USER {PROBE_USER}"),
        "auth_tls": lambda ftp: _send(ftp, "AUTH TLS"),
        "anonymous": _anonymous,
    }
    answers: dict[str, Reply | None] = dict.fromkeys(questions)

    def result(state: str, detail: str) -> FtpProbe:
        return FtpProbe(
            address,
            port,
            state,
            detail,
            answers["banner"],
            answers["user_before_tls"],
            answers["auth_tls"],
            answers["anonymous"],
            answers.get("anonymous_tls"),
        )

    for name, ask in questions.items():
        try:
            banner, answer = _ftp_session(address, port, timeout, ask)
        except _Unreachable as exc:
            # The first failure decides the state; later questions would only repeat it.
            return result(exc.state, exc.detail if name == "banner" else f"{name}: {exc.detail}")
        if name == "banner":
            answers["banner"] = banner
            if banner.code != 220:
                # Not ready for commands (421, 500 OOPS): asking more would only repeat the refusal.
                return result("answered", banner.text)
        else:
            answers[name] = answer
    auth, anonymous = answers["auth_tls"], answers["anonymous"]
    if auth and auth.code == 234 and not (anonymous and anonymous.code == 230):
        # Anonymous users refused in the clear may still be let in once the session is encrypted.
        try:
            _, answers["anonymous_tls"] = _ftp_session(address, port, timeout, _anonymous_over_tls, tls=True)
        except _Unreachable as exc:
            return result(exc.state, f"anonymous after AUTH TLS: {exc.detail}")
    return result("answered", "")


async def _snmp_get(address: str, port: int, community: str, version: str, timeout: float, retries: int) -> SnmpAnswer:
    """One GET of sysDescr.0 on its own engine, so its socket is closed when it is done."""
    if version not in SNMP_VERSIONS:
        return SnmpAnswer(community, version, "error", f"unknown SNMP version {version!r} (use v1 or v2c)")
    # pysnmp is imported here, not at module level: it costs every xdist worker a second of start-up.
    from pysnmp.hlapi.v3arch.asyncio import (
        CommunityData,
        ContextData,
        ObjectIdentity,
        ObjectType,
        SnmpEngine,
        UdpTransportTarget,
        get_cmd,
    )
    from pysnmp.proto.errind import RequestTimedOut

    engine = SnmpEngine()
    try:
        target = await UdpTransportTarget.create((address, port), timeout=timeout, retries=retries)
        indication, status, index, binds = await get_cmd(
            engine,
            CommunityData(community, mpModel=SNMP_VERSIONS[version]),
            target,
            ContextData(),
            ObjectType(ObjectIdentity(SYS_DESCR)),
            lookupMib=False,
        )
    except Exception as exc:  # pysnmp raises its own errors for bad addresses and encodings
        return SnmpAnswer(community, version, "error", f"{type(exc).__name__}: {exc}")
    finally:
        engine.close_dispatcher()
    if indication:
        # "No SNMP response received before timeout": a wrong community is dropped silently.
        state = "no answer" if isinstance(indication, RequestTimedOut) else "error"
        return SnmpAnswer(community, version, state, str(indication))
    if status:
        # noSuchName and friends still prove the agent accepted the community.
        return SnmpAnswer(community, version, "answered", f"{status.prettyPrint()} at index {int(index)}")
    # v2c reports a hidden OID as a noSuchObject value, not an error status: still an answer.
    return SnmpAnswer(community, version, "answered", " ".join(value.prettyPrint() for _, value in binds))


def probe_snmp(address: str, port: int, community: str, version: str, timeout: float = 2.0, retries: int = 1) -> SnmpAnswer:
    """Does the agent answer this community? Waits at most about timeout * (retries + 1)."""
    try:
        return asyncio.run(_snmp_get(address, port, community, version, timeout, retries))
    except Exception as exc:
        return SnmpAnswer(community, version, "error", f"{type(exc).__name__}: {exc}")


def probe_snmp_communities(
    address: str, port: int, communities: Iterable[str], timeout: float = 2.0, retries: int = 1
) -> list[SnmpAnswer]:
    """Every community with v1 and v2c, asked concurrently so the wait is one timeout, not one per guess."""
    pairs = [(c, v) for c in dict.fromkeys(communities) for v in SNMP_VERSIONS]

    async def everything() -> list[SnmpAnswer]:
        return list(await asyncio.gather(*(_snmp_get(address, port, c, v, timeout, retries) for c, v in pairs)))

    try:
        return asyncio.run(everything())
    except Exception as exc:
        return [SnmpAnswer(c, v, "error", f"{type(exc).__name__}: {exc}") for c, v in pairs]


# --- SMTP -------------------------------------------------------------------------------------------------


#: smtplib only uses this name in HELO/EHLO, which the probe never sends; giving it one keeps
#: smtplib.SMTP() from looking up this host's own FQDN (a DNS query) when the probe is created.
_SMTP_CLIENT_NAME = "[127.0.0.1]"
#: MTAs that name themselves next to their version in greetings and HELP text.
_MTA_NAMES = r"sendmail|postfix|exim|qmail|smail|zmailer|courier|opensmtpd|haraka|mdaemon|hmailserver"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
#: What counts as a version in an SMTP reply, case-insensitively:
#:   * an MTA name followed by a number: "Sendmail 8.17.1.9", "Sendmail/8.17", "sendmail v8",
#:     "sendmail version 8.17.1.9", "Postfix 3.7", "Exim 4.96"; or the word "version" before a number;
#:   * on its own, a dotted number of three or more parts ("3.7.11", "8.5.9600.16384"), except
#:     - a valid IPv4 address ("127.0.0.1"): four parts of 0-255 read as an address, so a bare 4-part
#:       version with small parts ("8.17.1.9" alone) is only found with its MTA name in front,
#:       which is how sendmail prints it ("Sendmail 8.17.1.9", "sendmail version 8.17.1.9");
#:     - the RFC 3463 enhanced status code after the reply code ("214 2.0.0", "502 5.3.0");
#:     - a date written d.m.yyyy ("27.11.2026").
#: Dates and times as sendmail's $b writes them ("Fri, 27 Nov 2026 09:31:17 +0000") never match.
VERSION_PATTERN = re.compile(
    rf"""
      \b(?:{_MTA_NAMES})(?:\s*/\s*|\s+(?:version:?\s*)?)v?\d+(?:\.\d+)*
    | \bversion:?\s*v?\d+(?:\.\d+)*
    | (?<![\w.])v?
      (?!{_OCTET}(?:\.{_OCTET}){{3}}(?!\.?\d))
      (?!(?<=^\d{{3}}[ -])[245]\.\d{{1,3}}\.\d{{1,3}}(?!\.?\d))
      (?!(?<=^)[245]\.\d{{1,3}}\.\d{{1,3}}(?!\.?\d))
      (?!\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?!\.?\d))
      \d+(?:\.\d+){{2,}}(?!\.?\d)
    """,
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)


def version_in(text: str) -> str | None:
    """The first thing in `text` that VERSION_PATTERN takes for a version, as evidence; None if there is none."""
    match = VERSION_PATTERN.search(text)
    return match.group(0) if match else None


@dataclass(frozen=True)
class SmtpProbe:
    address: str
    port: int
    state: str  # answered closed timeout error
    detail: str
    greeting: Reply | None  # the 220 greeting, every line as sent ("220-...\n220 ...")
    help: Reply | None  # the reply to HELP


class _Transcript:
    """smtplib's reply stream, keeping the raw lines of the reply being read (smtplib strips their codes)."""

    def __init__(self, stream: io.BufferedReader) -> None:
        self._stream = stream
        self.lines: list[bytes] = []

    def readline(self, size: int = -1) -> bytes:
        line = self._stream.readline(size)
        self.lines.append(line)
        return line

    def close(self) -> None:
        self._stream.close()


class _SmtpSession(smtplib.SMTP):
    """smtplib.SMTP that also knows the full text of its last reply, even after smtplib closed the connection."""

    transcript: _Transcript | None = None

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            self.transcript = _Transcript(self.sock.makefile("rb"))
            self.file = self.transcript
        if self.transcript is not None:
            self.transcript.lines = []
        return super().getreply()

    def last_reply(self) -> Reply:
        lines = self.transcript.lines if self.transcript else []
        return _reply("\n".join(line.decode("utf-8", "replace").rstrip("\r\n") for line in lines if line))


def _smtp_failure(exc: BaseException, timeout: float) -> tuple[str, str]:
    """The probe state for an exception from smtplib, which wraps read errors in SMTPServerDisconnected."""
    cause = exc.__context__
    if isinstance(exc, ConnectionRefusedError):
        return "closed", f"connection refused: {exc}"
    if isinstance(exc, TimeoutError) or isinstance(cause, TimeoutError):
        return "timeout", f"no answer within {timeout:g}s"
    return "error", f"{type(exc).__name__}: {exc}"


def probe_smtp(address: str, port: int, timeout: float = 5.0) -> SmtpProbe:
    """Read an SMTP service's greeting and its reply to HELP: the two places an MTA tells its version unasked.

    One session (greeting, HELP, QUIT); every socket operation waits at most `timeout`. Never raises.
    A greeting other than 220 (421, 554) is an answer and ends the session; a greeting that is not
    SMTP at all is an error, kept as evidence. If HELP fails, the greeting is kept and the failure
    sets the state.
    """
    session = _SmtpSession(timeout=timeout, local_hostname=_SMTP_CLIENT_NAME)
    greeting: Reply | None = None
    try:
        # connect() returns whatever greeting came (only SMTP(host) raises on a non-220 one).
        session.connect(address, port)
        greeting = session.last_reply()
        if greeting.code == 0:
            return SmtpProbe(address, port, "error", f"not an SMTP greeting: {greeting.text[:200]!r}", greeting, None)
        if greeting.code != 220:
            # Not ready for commands (421, 554): asking more would only repeat the refusal.
            return SmtpProbe(address, port, "answered", greeting.text, greeting, None)
        try:
            session.docmd("HELP")
            help_reply = session.last_reply()
        except Exception as exc:
            state, detail = _smtp_failure(exc, timeout)
            return SmtpProbe(address, port, state, f"HELP: {detail}", greeting, None)
        with contextlib.suppress(Exception):  # the answers are in; a server that drops QUIT changes nothing
            session.quit()
        return SmtpProbe(address, port, "answered", "", greeting, help_reply)
    except Exception as exc:  # refused, timed out, reset, line too long: all are evidence
        state, detail = _smtp_failure(exc, timeout)
        return SmtpProbe(address, port, state, detail, greeting, None)
    finally:
        session.close()


#: What SMTP-05 and SMTP-06 ask, in this order, after EHLO (goaway's needexpnhelo/needvrfyhelo want a HELO first).
#: Read-only: no MAIL, RCPT or DATA, no AUTH; QUIT ends the session.
SMTP_QUESTIONS = ("EXPN root", "VRFY root", "DEBUG", "WIZ")


@dataclass(frozen=True)
class SmtpCommandsProbe:
    address: str
    port: int
    state: str  # answered closed timeout error
    detail: str
    greeting: Reply | None
    replies: dict[str, Reply]  # question -> reply, for every question answered before any failure


def probe_smtp_commands(
    address: str, port: int, timeout: float = 5.0, questions: tuple[str, ...] = SMTP_QUESTIONS
) -> SmtpCommandsProbe:
    """Greet with EHLO, ask each question once and QUIT: one session, every socket operation bounded. Never raises."""
    session = _SmtpSession(timeout=timeout, local_hostname=_SMTP_CLIENT_NAME)
    greeting: Reply | None = None
    replies: dict[str, Reply] = {}
    try:
        session.connect(address, port)
        greeting = session.last_reply()
        if greeting.code != 220:
            state = "error" if greeting.code == 0 else "answered"
            return SmtpCommandsProbe(address, port, state, greeting.text[:200], greeting, replies)
        session.docmd("EHLO", _SMTP_CLIENT_NAME)
        for question in questions:
            session.docmd(question)
            replies[question] = session.last_reply()
        with contextlib.suppress(Exception):
            session.docmd("QUIT")
        return SmtpCommandsProbe(address, port, "answered", "", greeting, replies)
    except Exception as exc:
        state, detail = _smtp_failure(exc, timeout)
        return SmtpCommandsProbe(address, port, state, detail, greeting, replies)
    finally:
        session.close()
