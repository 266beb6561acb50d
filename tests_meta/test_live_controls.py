"""The live-probe controls against real daemons: SNMP-04 against net-snmp, FTP-01 and FTP-06 against vsftpd."""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from svcaudit.probes.protocols import probe_snmp
from tests_meta.support import scenarios_mail
from tests_meta.support.daemons import Sendmail, Snmpd, Vsftpd, free_port, sendmail_workdir
from tests_meta.support.scenario import Dir, File, build, run_suite
from tests_meta.support.scenarios_ftp_snmp import AIX_HARDENED

SITE = "s3cr3t-site"


@pytest.fixture
def daemon_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="svcaudit-daemon-"))
    yield path


def _suite(tmp_path: Path, profile: str, folder: str, extra: tuple[str, ...] = ()):
    root = build(AIX_HARDENED, tmp_path / "root")
    (tmp_path / "profile.toml").write_text('[probes]\naddress = "127.0.0.1"\ntimeout = 10\n' + profile)
    args = ["--sysroot", str(root), "--platform", "aix", "--profile", str(tmp_path / "profile.toml"), *extra]
    return run_suite(args, tmp_path, (folder,))


@pytest.fixture
def snmpd_public(daemon_dir: Path) -> Iterator[Snmpd]:
    daemon = Snmpd(daemon_dir, f"rocommunity public 127.0.0.1\nrocommunity {SITE} 127.0.0.1\n", ready_community=SITE).start()
    yield daemon
    daemon.stop()


@pytest.fixture
def snmpd_site_only(daemon_dir: Path) -> Iterator[Snmpd]:
    daemon = Snmpd(daemon_dir, f"rocommunity {SITE} 127.0.0.1\n", ready_community=SITE).start()
    yield daemon
    daemon.stop()


def test_snmp_04_fails_when_the_agent_answers_public(snmpd_public: Snmpd, tmp_path: Path) -> None:
    result = _suite(tmp_path, f"[snmp]\nport = {snmpd_public.port}\n", "tests_snmp")
    assert result.outcomes["SNMP-04"] == "fail"
    evidence = "\n".join(result.messages["SNMP-04"])
    assert f"127.0.0.1:{snmpd_public.port}/udp answered SNMP v1 GET sysDescr.0 with community 'public'" in evidence
    assert "SNMP v2c GET sysDescr.0 with community 'public'" in evidence
    assert "with community 'private'" not in evidence


def test_snmp_04_passes_when_only_a_site_community_answers(snmpd_site_only: Snmpd, tmp_path: Path) -> None:
    # The probe really reaches this agent: the configured community gets an answer.
    assert probe_snmp("127.0.0.1", snmpd_site_only.port, SITE, "v2c").state == "answered"
    result = _suite(tmp_path, f"[snmp]\nport = {snmpd_site_only.port}\n", "tests_snmp")
    assert result.outcomes["SNMP-04"] == "pass", result.messages["SNMP-04"]


def test_snmp_04_over_ssh(snmpd_public: Snmpd, tmp_path: Path, sshd) -> None:
    result = _suite(
        tmp_path, f"[snmp]\nport = {snmpd_public.port}\n", "tests_snmp", ("--hosts=ssh://scenario", f"--ssh-config={sshd.config}")
    )
    assert result.by_host["ssh://scenario"]["SNMP-04"] == "fail"


def test_snmp_04_passes_when_nothing_listens(tmp_path: Path) -> None:
    result = _suite(tmp_path, f"[snmp]\nport = {free_port()}\n", "tests_snmp")
    assert result.outcomes["SNMP-04"] == "pass"


def _vsftpd(daemon_dir: Path, **settings: str) -> Vsftpd:
    return Vsftpd(daemon_dir, settings).start()


@pytest.mark.parametrize(
    "settings, outcome, words",
    [
        ({"ssl_enable": "NO", "anonymous_enable": "NO"}, "fail", "USER before AUTH TLS answered '331"),
        (
            {"ssl_enable": "YES", "force_local_logins_ssl": "YES", "force_local_data_ssl": "YES", "anonymous_enable": "NO"},
            "pass",
            "",
        ),
        (
            {"ssl_enable": "YES", "force_local_logins_ssl": "YES", "force_local_data_ssl": "YES", "anonymous_enable": "YES"},
            "fail",
            "anonymous session in the clear",
        ),
    ],
    ids=["plaintext", "tls-forced", "anonymous-in-the-clear"],
)
def test_ftp_01_live(daemon_dir: Path, tmp_path: Path, settings: dict, outcome: str, words: str) -> None:
    daemon = _vsftpd(daemon_dir, **settings)
    try:
        result = _suite(tmp_path, f"[ftp]\nport = {daemon.port}\n", "tests_ftp")
    finally:
        daemon.stop()
    assert result.outcomes["FTP-01"] == outcome, result.messages["FTP-01"]
    assert words in "\n".join(result.messages["FTP-01"])


def test_ftp_06_live_anonymous_login(daemon_dir: Path, tmp_path: Path) -> None:
    daemon = _vsftpd(daemon_dir, anonymous_enable="YES", ssl_enable="NO")
    try:
        result = _suite(tmp_path, f"[ftp]\nport = {daemon.port}\n", "tests_ftp")
    finally:
        daemon.stop()
    assert result.outcomes["FTP-06"] == "fail"
    assert "USER anonymous logged in: '230" in "\n".join(result.messages["FTP-06"])


def test_ftp_01_on_a_live_host_sees_the_running_daemon(daemon_dir: Path, tmp_path: Path) -> None:
    """Without --sysroot the process table counts: a running vsftpd is an enabled FTP daemon."""
    daemon = _vsftpd(daemon_dir, ssl_enable="NO", anonymous_enable="NO")
    try:
        (tmp_path / "profile.toml").write_text(f"[ftp]\nport = {daemon.port}\n")
        result = run_suite(["--profile", str(tmp_path / "profile.toml")], tmp_path, ("tests_ftp",))
    finally:
        daemon.stop()
    assert result.outcomes["FTP-01"] == "fail"
    evidence = "\n".join(result.messages["FTP-01"])
    assert "process vsftpd is running" in evidence and f"127.0.0.1:{daemon.port}" in evidence


class _SilentAfterBanner:
    """An FTP-looking port that greets and then never answers: the probe must not read that as a pass."""

    def __init__(self) -> None:
        import socket
        import threading

        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        import time

        held = []
        deadline = time.monotonic() + 60
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            conn.sendall(b"220 ready\r\n")
            held.append(conn)
        for conn in held:
            conn.close()
        self.server.close()


def test_an_ftp_port_that_stops_answering_is_not_assessed(tmp_path: Path) -> None:
    fake = _SilentAfterBanner()
    try:
        root = build(AIX_HARDENED, tmp_path / "root")
        (tmp_path / "profile.toml").write_text(f'[probes]\naddress = "127.0.0.1"\ntimeout = 1\n[ftp]\nport = {fake.port}\n')
        result = run_suite(
            ["--sysroot", str(root), "--platform", "aix", "--profile", str(tmp_path / "profile.toml")], tmp_path, ("tests_ftp",)
        )
    finally:
        fake.stop.set()
    assert result.outcomes["FTP-01"] == "error" and result.outcomes["FTP-06"] == "error"
    assert "no reply to USER" in "\n".join(result.messages["FTP-01"])


# -- SMTP-01..03 against a real sendmail 8.17.1.9, the tree carrying the daemon's own sendmail.cf ----------

QUIET = "O SmtpGreetingMessage=Mail Server Ready ; $b"


def _smtp_run(tmp_path: Path, daemon: Sendmail, extra_nodes: list) -> dict[str, str]:
    scenario = scenarios_mail.AIX_HARDENED.changed(
        "live-sendmail", [File("/etc/mail/sendmail.cf", daemon.cf_text(), 0o640, "root", "system"), *extra_nodes], {}
    )
    root = build(scenario, tmp_path / "root")
    (tmp_path / "profile.toml").write_text(f'[probes]\naddress = "127.0.0.1"\ntimeout = 10\n[smtp]\nport = {daemon.port}\n')
    result = run_suite(
        ["--sysroot", str(root), "--platform", "aix", "--profile", str(tmp_path / "profile.toml")], tmp_path, ("tests_mail",)
    )
    return {c: result.outcomes[c] for c in ("SMTP-01", "SMTP-02", "SMTP-03")}, result.messages


def _helpfile_daemon(dir_mode: int, *, greeting: bool = True):
    workdir = sendmail_workdir()
    directory = workdir / "help"
    directory.mkdir()
    helpfile = directory / "helpfile"
    helpfile.touch()
    os.chmod(helpfile, 0o644)
    os.chmod(directory, dir_mode)
    options = ([QUIET] if greeting else []) + [f"O HelpFile={helpfile}"]
    nodes = [Dir(str(directory), dir_mode, "root", "system"), File(str(helpfile), "", 0o644, "root", "system")]
    return Sendmail(workdir, options), nodes


def test_stock_sendmail_leaks_its_version_in_greeting_and_help(tmp_path: Path) -> None:
    daemon = Sendmail(sendmail_workdir(), []).start()
    try:
        outcomes, messages = _smtp_run(tmp_path, daemon, [])
    finally:
        daemon.stop()
    assert outcomes == {"SMTP-01": "fail", "SMTP-02": "fail", "SMTP-03": "fail"}
    assert "Sendmail 8.17.1.9" in "\n".join(messages["SMTP-02"])
    assert "502 5.3.0 Sendmail 8.17.1.9 -- HELP not implemented" in "\n".join(messages["SMTP-03"])


def test_hidden_greeting_and_empty_helpfile_in_a_safe_directory_pass(tmp_path: Path) -> None:
    daemon, nodes = _helpfile_daemon(0o755)
    daemon.start()
    try:
        outcomes, messages = _smtp_run(tmp_path, daemon, nodes)
    finally:
        daemon.stop()
    assert outcomes == {"SMTP-01": "pass", "SMTP-02": "pass", "SMTP-03": "pass"}, messages


@pytest.mark.parametrize("mode", [0o775, 0o777], ids=["group-writable", "world-writable"])
def test_empty_helpfile_in_a_writable_directory_is_refused_and_leaks(tmp_path: Path, mode: int) -> None:
    daemon, nodes = _helpfile_daemon(mode)
    daemon.start()
    try:
        outcomes, messages = _smtp_run(tmp_path, daemon, nodes)
    finally:
        daemon.stop()
    assert outcomes["SMTP-03"] == "fail" and outcomes["SMTP-02"] == "pass"
    evidence = "\n".join(messages["SMTP-03"])
    assert "502 5.3.0 Sendmail 8.17.1.9" in evidence and "group- or world-writable" in evidence
