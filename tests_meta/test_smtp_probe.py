"""The SMTP probe against a real sendmail 8.17.1.9 on 127.0.0.1: where the version shows and where it does not.

Each sendmail runs one configuration (the .cf lines in `options`) and is stopped by its fixture.
A missing sendmail, sendmail-cf, m4 or unshare fails these tests (RuntimeError from the fixture)
rather than skipping them: an untested probe would pass every host.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from svcaudit.probes.protocols import SmtpProbe, probe_smtp, version_in
from tests_meta.support.daemons import LOOPBACK, Sendmail, free_port, sendmail_workdir

SENDMAIL_VERSION = "8.17.1.9"
NOT_IMPLEMENTED = f"502 5.3.0 Sendmail {SENDMAIL_VERSION} -- HELP not implemented"
END_OF_HELP = "214 2.0.0 End of HELP info"
QUIET_GREETING = "O SmtpGreetingMessage=Mail Server Ready ; $b"
#: Short waits keep the file fast; sendmail on 127.0.0.1 answers in milliseconds.
TIMEOUT = 2.0


def running(options: list[str], workdir: Path | None = None) -> Iterator[Sendmail]:
    daemon = Sendmail(workdir or sendmail_workdir(), options).start()
    try:
        yield daemon
    finally:
        daemon.stop()


def probe(daemon: Sendmail) -> SmtpProbe:
    answer = probe_smtp(LOOPBACK, daemon.port, TIMEOUT)
    assert answer.state == "answered", answer
    assert answer.greeting is not None and answer.help is not None, answer
    return answer


@pytest.fixture(scope="module")
def stock() -> Iterator[Sendmail]:
    """No overrides: the stock greeting, and the default HelpFile (inside workdir) does not exist."""
    yield from running([])


@pytest.fixture(scope="module")
def quiet_greeting() -> Iterator[Sendmail]:
    yield from running([QUIET_GREETING])


@pytest.fixture(scope="module")
def missing_helpfile() -> Iterator[Sendmail]:
    workdir = sendmail_workdir()
    yield from running([f"O HelpFile={workdir}/no-such-dir/helpfile"], workdir)


@pytest.fixture(scope="module")
def empty_helpfile() -> Iterator[tuple[Sendmail, Path]]:
    """HelpFile is an empty root-owned file in workdir/help; each test sets that directory's mode.

    sendmail opens (and vets) the help file afresh for every HELP, so one daemon serves every mode:
    only the directory's mode differs between the answers.
    """
    workdir = sendmail_workdir()
    directory = workdir / "help"
    directory.mkdir()
    os.chmod(directory, 0o755)
    helpfile = directory / "helpfile"
    helpfile.touch()
    os.chmod(helpfile, 0o644)
    for daemon in running([f"O HelpFile={helpfile}"], workdir):
        yield daemon, directory


def test_stock_greeting_names_the_version(stock: Sendmail) -> None:
    greeting = probe(stock).greeting
    assert greeting.code == 220
    assert greeting.text.startswith(f"220 localhost.localdomain ESMTP Sendmail {SENDMAIL_VERSION}/{SENDMAIL_VERSION}; "), greeting
    assert version_in(greeting.text) == f"Sendmail {SENDMAIL_VERSION}"


def test_greeting_override_hides_the_version_but_help_still_tells(quiet_greeting: Sendmail) -> None:
    answer = probe(quiet_greeting)
    # sendmail puts "ESMTP" after the first word of SmtpGreetingMessage.
    assert answer.greeting.text.startswith("220 Mail ESMTP Server Ready ; "), answer.greeting
    assert version_in(answer.greeting.text) is None, answer.greeting
    # The default HelpFile does not exist here either: hiding the greeting alone is not enough.
    assert answer.help.text == NOT_IMPLEMENTED, answer.help
    assert version_in(answer.help.text) == f"Sendmail {SENDMAIL_VERSION}"


def test_missing_helpfile_leaks_the_version(missing_helpfile: Sendmail) -> None:
    help_reply = probe(missing_helpfile).help
    assert help_reply.code == 502
    assert help_reply.text == NOT_IMPLEMENTED, help_reply
    assert version_in(help_reply.text) == f"Sendmail {SENDMAIL_VERSION}"


def test_empty_helpfile_in_safe_directory_says_nothing(empty_helpfile: tuple[Sendmail, Path]) -> None:
    daemon, directory = empty_helpfile
    os.chmod(directory, 0o755)
    help_reply = probe(daemon).help
    assert help_reply.code == 214
    assert help_reply.text == END_OF_HELP, help_reply
    assert version_in(help_reply.text) is None


@pytest.mark.parametrize("mode", [0o775, 0o777, 0o1777], ids=oct)
def test_helpfile_in_writable_directory_is_refused(empty_helpfile: tuple[Sendmail, Path], mode: int) -> None:
    daemon, directory = empty_helpfile
    os.chmod(directory, mode)
    try:
        help_reply = probe(daemon).help
    finally:
        os.chmod(directory, 0o755)
    # sendmail will not read a help file others could have planted, and falls back to naming itself.
    assert help_reply.code == 502
    assert help_reply.text == NOT_IMPLEMENTED, help_reply
    assert version_in(help_reply.text) == f"Sendmail {SENDMAIL_VERSION}"


def test_sendmail_cf_carries_the_options(missing_helpfile: Sendmail) -> None:
    cf = missing_helpfile.cf_text()
    assert cf.rstrip().endswith(f"O HelpFile={missing_helpfile.workdir}/no-such-dir/helpfile")
    assert f"O DaemonPortOptions=Port={missing_helpfile.port}, Addr={LOOPBACK}, Name=MTA" in cf
    assert "Name=MSA" not in cf
    assert "O SmtpGreetingMessage=$j Sendmail $v/$Z; $b" in cf


def test_closed_port_is_closed() -> None:
    answer = probe_smtp(LOOPBACK, free_port(), TIMEOUT)
    assert answer.state == "closed", answer
    assert answer.greeting is None and answer.help is None


def test_silent_listener_is_a_timeout() -> None:
    # Listening but never accepting: the kernel completes the handshake, no greeting ever comes.
    with socket.socket() as server:
        server.bind((LOOPBACK, 0))
        server.listen(1)
        answer = probe_smtp(LOOPBACK, server.getsockname()[1], timeout=0.5)
    assert answer.state == "timeout", answer
    assert answer.greeting is None


def serve_once(payload: bytes) -> tuple[int, threading.Thread]:
    """Accept one connection on 127.0.0.1, send `payload`, read at most one line, close; gives up after 5 s."""
    server = socket.socket()
    server.bind((LOOPBACK, 0))
    server.listen(1)
    server.settimeout(5)

    def run() -> None:
        with server:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                connection.sendall(payload)
                try:
                    connection.recv(512)
                except OSError:
                    pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return server.getsockname()[1], thread


def test_non_smtp_greeting_is_an_error_with_evidence() -> None:
    port, thread = serve_once(b"SSH-2.0-OpenSSH_9.2\r\n")
    answer = probe_smtp(LOOPBACK, port, TIMEOUT)
    thread.join(5)
    assert answer.state == "error", answer
    assert answer.detail.startswith("not an SMTP greeting"), answer
    assert answer.greeting is not None and answer.greeting.code == 0
    assert answer.greeting.text == "SSH-2.0-OpenSSH_9.2"


def test_refusal_greeting_is_an_answer() -> None:
    port, thread = serve_once(b"554-mx.example no service\r\n554 go away\r\n")
    answer = probe_smtp(LOOPBACK, port, TIMEOUT)
    thread.join(5)
    assert answer.state == "answered", answer
    assert answer.greeting.code == 554
    assert answer.greeting.text == "554-mx.example no service\n554 go away"
    assert answer.help is None


def test_greeting_kept_when_help_fails() -> None:
    # Greets, then hangs up on HELP: the greeting is still evidence.
    port, thread = serve_once(b"220-mx.example ESMTP Postfix 3.7.11\r\n220 ready\r\n")
    answer = probe_smtp(LOOPBACK, port, TIMEOUT)
    thread.join(5)
    assert answer.state == "error", answer
    assert answer.detail.startswith("HELP: "), answer
    assert answer.greeting.code == 220
    assert answer.greeting.text == "220-mx.example ESMTP Postfix 3.7.11\n220 ready"
    assert version_in(answer.greeting.text) == "Postfix 3.7.11"
    assert answer.help is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("220 mail.example ESMTP Sendmail 8.17.1.9/8.17.1.9; Fri, 27 Nov 2026 09:31:17 +0000", "Sendmail 8.17.1.9"),
        ("220 mx ESMTP Postfix (Debian/GNU)", None),
        ("220 mx ESMTP Postfix 3.7.11", "Postfix 3.7.11"),
        ("220 Mail Server Ready ; Fri, 27 Nov 2026 09:31:17 +0000", None),
        ("220 Mail ESMTP Server Ready ; Fri, 27 Nov 2026 09:31:17 GMT", None),
        ("220 [127.0.0.1] ready", None),
        ("220 mx ESMTP Exim 4.96 Fri, 27 Nov 2026", "Exim 4.96"),
        ("214-2.0.0 This is sendmail version 8.17.1.9", "sendmail version 8.17.1.9"),
        ("214 2.0.0 End of HELP info", None),
        ("502 5.3.0 Sendmail 8.17.1.9 -- HELP not implemented", "Sendmail 8.17.1.9"),
        ("220 mx Sendmail/8.17 ready", "Sendmail/8.17"),
        ("220 mx sendmail v8 ready", "sendmail v8"),
        ("220 mx ESMTP 3.7.11 ready", "3.7.11"),
        ("220 mx ready 127.0.0.1", None),
        ("220 mx ready 27.11.2026", None),
    ],
)
def test_version_in(text: str, found: str | None) -> None:
    assert version_in(text) == found
