"""Real net-snmp snmpd and vsftpd on free 127.0.0.1 ports, so the live probes meet the daemons they judge.

Each daemon runs in the foreground as a child of the test, with every file it needs
(config, state, certificate, chroot dirs) inside its own workdir, and is stopped by
the test that started it. Nothing here listens anywhere but 127.0.0.1.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from svcaudit.probes import probe_snmp

SNMPD = "/usr/sbin/snmpd"
VSFTPD = "/usr/sbin/vsftpd"
LOOPBACK = "127.0.0.1"
#: How long a daemon may take to become ready before the test fails.
START_SECONDS = 10.0
#: net-snmp logs this line once its listening sockets are open.
SNMPD_READY_LINE = "NET-SNMP version"


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port nothing on 127.0.0.1 uses right now (SOCK_DGRAM for snmpd)."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _require(binary: str, package: str) -> None:
    """A missing daemon is a failure, not a skip: the probes would otherwise go untested."""
    if not Path(binary).exists():
        raise RuntimeError(f"{binary} not found: install the Debian package {package} (.ci/run does)")


def _tail(path: Path, limit: int = 2000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return text[-limit:].strip()


def _stop(process: subprocess.Popen | None) -> None:
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@dataclass
class Snmpd:
    """One net-snmp agent reading only `config`; `ready_community` (if set) is how start() knows it answers."""

    workdir: Path
    config: str
    port: int = 0
    ready_community: str = ""
    process: subprocess.Popen | None = None
    log: Path = field(init=False)

    def start(self) -> Snmpd:
        _require(SNMPD, "snmpd")
        self.workdir.mkdir(parents=True, exist_ok=True)
        conf = self.workdir / "snmpd.conf"
        conf.write_text(self.config)
        state = self.workdir / "state"
        state.mkdir(exist_ok=True)
        self.log = self.workdir / "snmpd.log"
        self.port = self.port or free_port(socket.SOCK_DGRAM)
        # -C: only our config; no MIB files are loaded, the probe asks by numeric OID.
        command = [
            SNMPD, "-f", "-Lo", "-C", "-c", str(conf), "-p", str(self.workdir / "snmpd.pid"), "-m", "",
            "-I", "-smux,mteTrigger,mteTriggerConf", f"udp:{LOOPBACK}:{self.port}",
        ]
        env = {**os.environ, "SNMP_PERSISTENT_DIR": str(state), "MIBS": ""}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            env=env)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"snmpd exited with status {self.process.returncode}: {_tail(self.log)}")
            if self._ready():
                return self
            time.sleep(0.05)
        self._fail(f"snmpd did not become ready within {START_SECONDS:g}s: {_tail(self.log)}")

    def _fail(self, message: str) -> NoReturn:
        """Clean up (the caller gets no daemon to stop) and report why."""
        self.stop()
        raise RuntimeError(message)

    def _ready(self) -> bool:
        if self.ready_community:
            answer = probe_snmp(LOOPBACK, self.port, self.ready_community, "v2c", timeout=0.5, retries=0)
            return answer.state == "answered"
        try:
            return SNMPD_READY_LINE in self.log.read_text(errors="replace")
        except OSError:
            return False

    def stop(self) -> None:
        _stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


def ensure_ftp_account() -> str:
    """vsftpd serves anonymous logins as the `ftp` account; the Debian package makes it, recreate if missing."""
    try:
        pwd.getpwnam("ftp")
    except KeyError:
        # Two xdist workers may race here: whichever loses finds the account made.
        subprocess.run(["useradd", "--system", "--home-dir", "/srv/ftp", "--shell", "/usr/sbin/nologin", "ftp"],
                       capture_output=True)
        pwd.getpwnam("ftp")
    return "ftp"


def make_certificate(cert: Path, key: Path) -> None:
    """A throwaway self-signed certificate for 127.0.0.1, valid one day."""
    result = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        capture_output=True, text=True, timeout=60,
    )
    if result.returncode != 0:
        raise RuntimeError(f"openssl could not make a test certificate: {result.stderr.strip()}")
    os.chmod(key, 0o600)


@dataclass
class Vsftpd:
    """One standalone vsftpd; `settings` override the base config written by config_text()."""

    workdir: Path
    settings: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    def _base(self) -> dict[str, str]:
        return {
            "listen": "YES",
            "listen_ipv6": "NO",
            "listen_address": LOOPBACK,
            "listen_port": str(self.port),
            "background": "NO",
            "local_enable": "YES",
            "anonymous_enable": "NO",
            "ssl_enable": "NO",
            "secure_chroot_dir": str(self.workdir / "empty"),
            "anon_root": str(self.workdir / "anon"),
            "seccomp_sandbox": "NO",
            "pam_service_name": "vsftpd",
            "rsa_cert_file": str(self.workdir / "cert.pem"),
            "rsa_private_key_file": str(self.workdir / "key.pem"),
        }

    def config_text(self) -> str:
        merged = {**self._base(), **self.settings}
        return "".join(f"{name}={value}\n" for name, value in merged.items())

    def start(self) -> Vsftpd:
        _require(VSFTPD, "vsftpd")
        ensure_ftp_account()
        self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)
        # Both must be root-owned and not writable by `ftp`, or vsftpd refuses to chroot into them.
        for name in ("empty", "anon"):
            (self.workdir / name).mkdir(exist_ok=True)
            os.chmod(self.workdir / name, 0o755)
        make_certificate(self.workdir / "cert.pem", self.workdir / "key.pem")
        self.port = self.port or free_port()
        conf = self.workdir / "vsftpd.conf"
        conf.write_text(self.config_text())
        os.chmod(conf, 0o600)
        log = self.workdir / "vsftpd.stderr"
        # vsftpd writes "500 OOPS: ..." to fd 0 (its control connection in inetd mode), so 0-2 all go to the log.
        with log.open("w+b") as out:
            self.process = subprocess.Popen([VSFTPD, str(conf)], stdin=out, stdout=out, stderr=out)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"vsftpd exited with status {self.process.returncode}: {_tail(log)}")
            banner = self._banner()
            if banner.startswith("220"):
                return self
            if banner:
                self._fail(f"vsftpd is not usable: {banner} {_tail(log)}".strip())
            time.sleep(0.05)
        self._fail(f"vsftpd did not greet within {START_SECONDS:g}s: {_tail(log)}")

    def _fail(self, message: str) -> NoReturn:
        """Clean up (the caller gets no daemon to stop) and report why."""
        self.stop()
        raise RuntimeError(message)

    def _banner(self) -> str:
        """The first line vsftpd sends, "" while it is not listening yet."""
        data = b""
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=1) as s:
                while b"\n" not in data and len(data) < 512:
                    chunk = s.recv(512)
                    if not chunk:
                        break
                    data += chunk
        except OSError:
            return ""
        return data.split(b"\n", 1)[0].decode(errors="replace").strip()

    def stop(self) -> None:
        _stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
