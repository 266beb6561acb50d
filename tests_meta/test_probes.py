"""The live probes against real snmpd and vsftpd daemons on 127.0.0.1: the replies the checks rely on.

A missing daemon binary fails these tests (RuntimeError from the fixture) rather
than skipping them: an untested probe would pass every host.
"""

from __future__ import annotations

import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from svcaudit.probes.protocols import FtpProbe, Reply, SnmpAnswer, probe_ftp, probe_snmp, probe_snmp_communities
from tests_meta.support import daemons
from tests_meta.support.daemons import LOOPBACK, Snmpd, Vsftpd, free_port

DEFAULT_COMMUNITIES = ["public", "private", "system", "snmp-trap"]
SITE = "s3cr3t-site"
#: Short SNMP waits keep the file fast; every "no answer" costs timeout * (retries + 1).
TIMEOUT = 1.0
RETRIES = 1


def workdir(name: str) -> Path:
    # Not under pytest's 0700 temp root: vsftpd drops to `ftp` inside these dirs.
    return Path(tempfile.mkdtemp(prefix=f"svcaudit-{name}-"))


def by_key(answers: list[SnmpAnswer]) -> dict[tuple[str, str], SnmpAnswer]:
    return {(a.community, a.version): a for a in answers}


@pytest.fixture(scope="module")
def snmpd_public() -> Iterator[Snmpd]:
    config = f"rocommunity public {LOOPBACK}\nrocommunity {SITE} {LOOPBACK}\n"
    daemon = Snmpd(workdir("snmpd"), config, ready_community="public").start()
    yield daemon
    daemon.stop()


@pytest.fixture(scope="module")
def snmpd_site_only() -> Iterator[Snmpd]:
    # No ready_community: start() waits for snmpd's own "ready" log line instead.
    daemon = Snmpd(workdir("snmpd"), f"rocommunity {SITE} {LOOPBACK}\n").start()
    yield daemon
    daemon.stop()


def ftp_probe(settings: dict[str, str]) -> FtpProbe:
    """Start vsftpd with these settings, probe it once, stop it."""
    daemon = Vsftpd(workdir("vsftpd"), settings).start()
    try:
        return probe_ftp(LOOPBACK, daemon.port)
    finally:
        daemon.stop()


def test_default_public_answers_and_guesses_do_not(snmpd_public: Snmpd) -> None:
    answers = by_key(probe_snmp_communities(LOOPBACK, snmpd_public.port, DEFAULT_COMMUNITIES, TIMEOUT, RETRIES))
    assert len(answers) == 8
    for version in ("v1", "v2c"):
        public = answers["public", version]
        assert public.state == "answered", public
        assert public.detail.startswith("Linux"), public  # sysDescr of this machine
        for community in ("private", "system", "snmp-trap"):
            assert answers[community, version].state == "no answer", answers[community, version]


def test_site_community_only_answers_itself(snmpd_site_only: Snmpd) -> None:
    # The site community goes first: it proves the agent is reached before the guesses are judged.
    site = probe_snmp(LOOPBACK, snmpd_site_only.port, SITE, "v2c", TIMEOUT, RETRIES)
    assert site.state == "answered" and site.detail, site
    answers = probe_snmp_communities(LOOPBACK, snmpd_site_only.port, DEFAULT_COMMUNITIES, TIMEOUT, RETRIES)
    assert [a.state for a in answers] == ["no answer"] * 8, answers


def test_error_status_still_counts_as_answered() -> None:
    """A community whose view hides sysDescr is still accepted: v1 says noSuchName, v2c noSuchObject."""
    daemon = Snmpd(workdir("snmpd"), f"rocommunity public {LOOPBACK} .1.3.6.1.2.1.2\n").start()
    try:
        answers = by_key(probe_snmp_communities(LOOPBACK, daemon.port, ["public"], TIMEOUT, RETRIES))
    finally:
        daemon.stop()
    assert answers["public", "v1"].state == "answered", answers
    assert "noSuchName" in answers["public", "v1"].detail, answers
    assert answers["public", "v2c"].state == "answered", answers
    assert "No Such Object" in answers["public", "v2c"].detail, answers


def test_nothing_listening_is_no_answer() -> None:
    """ICMP port-unreachable never reaches pysnmp's socket, so a closed UDP port reads as "no answer"."""
    port = free_port(socket.SOCK_DGRAM)
    answer = probe_snmp(LOOPBACK, port, "public", "v2c", timeout=0.5, retries=1)
    assert answer.state == "no answer", answer
    answers = probe_snmp_communities(LOOPBACK, port, DEFAULT_COMMUNITIES, timeout=0.5, retries=1)
    assert [a.state for a in answers] == ["no answer"] * 8, answers


def test_unknown_snmp_version_is_an_error_not_an_exception() -> None:
    answer = probe_snmp(LOOPBACK, free_port(socket.SOCK_DGRAM), "public", "v3")
    assert answer.state == "error" and "v3" in answer.detail


def test_ftp_plaintext_allowed() -> None:
    probe = ftp_probe({"ssl_enable": "NO", "anonymous_enable": "NO"})
    assert probe.state == "answered", probe
    assert probe.banner is not None and probe.banner.code == 220, probe
    assert probe.user_before_tls is not None and probe.user_before_tls.code == 331, probe
    assert probe.auth_tls is not None and probe.auth_tls.code in (500, 502, 504, 530), probe
    assert probe.anonymous is not None and probe.anonymous.code != 230, probe


def test_ftp_tls_forced() -> None:
    probe = ftp_probe(
        {"ssl_enable": "YES", "force_local_logins_ssl": "YES", "force_local_data_ssl": "YES", "anonymous_enable": "NO"}
    )
    assert probe.state == "answered", probe
    assert probe.auth_tls == Reply(234, "234 Proceed with negotiation."), probe
    assert probe.user_before_tls is not None and probe.user_before_tls.code == 530, probe
    assert "must use encryption" in probe.user_before_tls.text, probe


def test_ftp_anonymous_login() -> None:
    probe = ftp_probe({"ssl_enable": "NO", "anonymous_enable": "YES"})
    assert probe.anonymous is not None and probe.anonymous.code == 230, probe


def test_closed_tcp_port() -> None:
    probe = probe_ftp(LOOPBACK, free_port(), timeout=2)
    assert probe.state == "closed", probe
    assert probe.banner is None and probe.user_before_tls is None and probe.auth_tls is None and probe.anonymous is None


def test_silent_listener_times_out() -> None:
    """A port that accepts but never greets: the kernel completes the handshake from the backlog."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind((LOOPBACK, 0))
        server.listen(8)
        probe = probe_ftp(LOOPBACK, server.getsockname()[1], timeout=0.5)
    assert probe.state == "timeout", probe


def test_garbage_greeting_is_an_error() -> None:
    """Something that is not FTP on the port: the probe says "error" instead of raising."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind((LOOPBACK, 0))
    server.listen(8)
    server.settimeout(5)

    def greet_once() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.sendall(b"SSH-2.0-not-ftp\r\n")

    thread = threading.Thread(target=greet_once, daemon=True)
    thread.start()
    try:
        probe = probe_ftp(LOOPBACK, server.getsockname()[1], timeout=2)
    finally:
        thread.join(timeout=6)
        server.close()
    assert probe.state == "error", probe
    assert probe.banner is None and probe.detail, probe


def test_vsftpd_refusal_reaches_the_test() -> None:
    """A config vsftpd rejects fails the fixture with vsftpd's own "500 OOPS" text, not a hang or a skip."""
    with pytest.raises(RuntimeError, match="500 OOPS: unrecognised variable"):
        Vsftpd(workdir("vsftpd"), {"no_such_setting": "YES"}).start()


def test_missing_daemon_fails_with_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(daemons, "SNMPD", "/nonexistent/snmpd")
    with pytest.raises(RuntimeError, match="/nonexistent/snmpd not found: install the Debian package snmpd"):
        Snmpd(tmp_path, "").start()
