"""What each live probe's answers mean for its control (svcaudit.probes.findings), without a network."""

from __future__ import annotations

from svcaudit.probes.findings import ftp_anonymous, ftp_tls, smtp_greeting, smtp_help, snmp_communities
from svcaudit.probes.live import LiveProbes
from svcaudit.probes.protocols import FtpProbe, Reply, SmtpProbe, SnmpAnswer

ADDRESS = "127.0.0.1"


def _live(**answers: object) -> LiveProbes:
    live = LiveProbes(ADDRESS)
    for kind, answer in answers.items():
        key: tuple[object, ...] = (kind, ADDRESS, 21 if kind == "ftp" else 25)
        if kind == "snmp":
            key = ("snmp", ADDRESS, 161, ("public",))
        live.cache[key] = answer
    return live


def _ftp(
    state: str = "answered",
    banner: bool = True,
    user: Reply | None = None,
    auth: Reply | None = None,
    anonymous: Reply | None = None,
    detail: str = "",
) -> FtpProbe:
    return FtpProbe(ADDRESS, 21, state, detail, Reply(220, "220 ready") if banner else None, user, auth, anonymous)


def test_probes_off_is_a_caveat_for_ftp_and_not_applicable_for_probe_only_controls() -> None:
    off = LiveProbes(None, "checking a file tree (--sysroot)")
    assert ftp_tls(off, 21).notes == ["live probe not run: checking a file tree (--sysroot)"]
    assert ftp_anonymous(off, 21).problems == []
    assert smtp_greeting(off, 25).not_applicable == "live probes do not apply: checking a file tree (--sysroot)"
    assert snmp_communities(off, 161, ["public"]).not_applicable


def test_ftp_plaintext_login_and_refused_tls_are_problems() -> None:
    found = ftp_tls(_live(ftp=_ftp(user=Reply(331, "331 Password"), auth=Reply(500, "500 no"))), 21)
    assert found.problems == [
        "127.0.0.1:21: USER before AUTH TLS answered '331 Password' (plaintext login accepted)",
        "127.0.0.1:21: AUTH TLS answered '500 no', expected 234",
    ]
    assert found.unassessed == [] and found.answered


def test_ftp_silence_after_the_banner_is_not_assessed() -> None:
    found = ftp_tls(_live(ftp=_ftp(state="timeout", auth=Reply(234, "234 ok"), detail="no answer within 1s")), 21)
    assert found.problems == []
    assert found.unassessed == ["127.0.0.1:21: no reply to USER (timeout: no answer within 1s)"]


def test_ftp_closed_port_is_a_caveat_and_a_failed_probe_a_reason() -> None:
    closed = ftp_anonymous(_live(ftp=_ftp(state="closed", banner=False, detail="connection refused")), 21)
    assert closed.notes == ["127.0.0.1:21: closed (connection refused)"] and not closed.unassessed
    failed = ftp_anonymous(_live(ftp=_ftp(state="error", banner=False, detail="reset")), 21)
    assert failed.unassessed == ["127.0.0.1:21: FTP probe failed: reset"]


def test_ftp_anonymous_login() -> None:
    found = ftp_anonymous(_live(ftp=_ftp(anonymous=Reply(230, "230 Login successful."))), 21)
    assert found.problems == ["127.0.0.1:21: USER anonymous logged in: '230 Login successful.'"]


def test_smtp_versions_in_greeting_and_help() -> None:
    probe = SmtpProbe(
        ADDRESS,
        25,
        "answered",
        "",
        Reply(220, "220 mx ESMTP Sendmail 8.17.1.9"),
        Reply(502, "502 5.3.0 Sendmail 8.17.1.9 -- HELP not implemented"),
    )
    live = _live(smtp=probe)
    assert smtp_greeting(live, 25).problems == [
        "127.0.0.1:25 greets with '220 mx ESMTP Sendmail 8.17.1.9': shows version 'Sendmail 8.17.1.9'"
    ]
    assert "answers HELP with" in smtp_help(live, 25).problems[0]


def test_smtp_closed_is_not_applicable_and_a_missing_help_reply_not_assessed() -> None:
    closed = SmtpProbe(ADDRESS, 25, "closed", "refused", None, None)
    assert smtp_help(_live(smtp=closed), 25).not_applicable == "nothing listens on 127.0.0.1:25"
    silent = SmtpProbe(ADDRESS, 25, "timeout", "no answer", Reply(220, "220 mx ESMTP"), None)
    found = smtp_help(_live(smtp=silent), 25)
    assert found.problems == [] and found.unassessed == ["127.0.0.1:25: no reply to HELP (timeout: no answer)"]
    broken = SmtpProbe(ADDRESS, 25, "timeout", "no greeting", None, None)
    assert smtp_greeting(_live(smtp=broken), 25).unassessed == ["127.0.0.1:25: SMTP probe timeout: no greeting"]


def test_snmp_answers_are_problems_and_errors_reasons() -> None:
    answers = [
        SnmpAnswer("public", "v1", "answered", "Linux box"),
        SnmpAnswer("public", "v2c", "error", "bad PDU"),
        SnmpAnswer("public", "v2c", "no answer", ""),
    ]
    found = snmp_communities(_live(snmp=answers), 161, ["public"])
    assert found.problems == ["127.0.0.1:161/udp answered SNMP v1 GET sysDescr.0 with community 'public': Linux box"]
    assert found.unassessed == ["v2c 'public': bad PDU"]
